import Foundation
import Testing
@testable import TissueAnalysis

/// Pale vesicular nuclei whose body lies below the tile's threshold are grown back from their nucleolus; a speck on
/// flat stroma or on a long fibre is not grown.
@Suite struct PaleNucleusRecoveryTests {
    /// A nest (cytoplasm 0.22 OD hematoxylin) of 9 × 9 nuclei 22 µm apart: every third one pale (body 0.30 OD, a
    /// 1 µm nucleolus at 0.8 OD placed `offset` µm off centre), the others dark (0.55 OD). The dark ones put Otsu's
    /// level above the pale bodies, as on SIM-0042-T1-HE.
    func nest(offset: Double = 0.7) throws -> (densities: StainDensities, calibration: PixelCalibration, pale: [(Double, Double)], area: Double) {
        var drawing = SyntheticTile(width: 400, height: 400, micronsPerPixel: 0.5, background: [0.22, 0.3, 0])
        var pale: [(Double, Double)] = []
        for row in 0..<9 { for column in 0..<9 {
            let x = 12 + Double(column) * 22, y = 12 + Double(row) * 22
            if (row * 9 + column) % 3 == 0 {
                drawing.shapes.append(.init(x: x, y: y, a: 5.5, b: 4.5, angle: 0.3 * Double(column), amounts: [0.30, 0.08, 0]))
                drawing.shapes.append(.init(x: x + offset, y: y - offset / 3, a: 1, b: 1, amounts: [0.8, 0.05, 0]))
                pale.append((x, y))
            } else {
                drawing.shapes.append(.init(x: x, y: y, a: 5.5, b: 4.5, angle: 0.2 * Double(row), amounts: [0.55, 0.08, 0]))
            }
        } }
        let tile = try drawing.render()
        return (ColourDeconvolution.deconvolve(tile, matrix: .hematoxylinEosin), tile.calibration, pale, Double.pi * 5.5 * 4.5)
    }

    func found(_ result: NucleusSegmentation, near points: [(Double, Double)]) -> [Nucleus] {
        points.compactMap { p in
            result.nuclei.first { hypot($0.xMicrons - p.0, $0.yMicrons - p.1) <= 4 }
        }
    }

    @Test func paleNucleiAreGrownBackFromTheirNucleolus() throws {
        let (densities, calibration, pale, area) = try nest()
        let result = try NucleusDetector().detect(densities, calibration: calibration)
        try #require(result.thresholdOD > 0.32, "the test needs the level above the pale bodies: \(result.thresholdOD)")
        let recovered = found(result, near: pale)
        #expect(recovered.count == pale.count, "\(recovered.count) of \(pale.count) pale nuclei at threshold \(result.thresholdOD)")
        #expect(recovered.allSatisfy { abs($0.areaSquareMicrons - area) / area < 0.25 },
                "areas \(recovered.map(\.areaSquareMicrons)), true \(area)")
        #expect(result.nuclei.count == 81, "every nucleus once: \(result.nuclei.count)")
        var off = NucleusDetectionParameters()
        off.paleNucleusRecovery = nil
        let without = try NucleusDetector(parameters: off).detect(densities, calibration: calibration)
        #expect(found(without, near: pale).filter { $0.areaSquareMicrons > 20 }.count < pale.count / 2,
                "without recovery the pale bodies are lost (only nucleoli remain)")
    }

    /// The grown object must be centred on its fragment: a nucleolus 2.5 µm off the centre of a 5.5 × 4.5 µm
    /// nucleus (near its rim) is not grown, by design (see `PaleNucleusRecovery`).
    @Test func offCentreFragmentsAreNotGrown() throws {
        let (densities, calibration, pale, _) = try nest(offset: 2.5)
        let result = try NucleusDetector().detect(densities, calibration: calibration)
        #expect(found(result, near: pale).filter { $0.areaSquareMicrons > 20 }.isEmpty)
    }

    /// With compactness about the grown object's own centroid (the IHC preset), the same off-centre nucleoli grow
    /// into their nuclei.
    @Test func offCentreFragmentsGrowWhenCompactnessIsAboutTheObject() throws {
        let (densities, calibration, pale, area) = try nest(offset: 2.5)
        var parameters = NucleusDetectionParameters()
        parameters.paleNucleusRecovery?.compactnessCentre = .object
        let result = try NucleusDetector(parameters: parameters).detect(densities, calibration: calibration)
        let recovered = found(result, near: pale)
        #expect(recovered.count == pale.count, "\(recovered.count) of \(pale.count)")
        #expect(recovered.allSatisfy { abs($0.areaSquareMicrons - area) / area < 0.25 }, "areas \(recovered.map(\.areaSquareMicrons))")
        #expect(TileAnalysisParameters.ihc().detection.paleNucleusRecovery?.compactnessCentre == .object)
        #expect(TileAnalysisParameters().detection.paleNucleusRecovery?.compactnessCentre == .fragment)
    }

    @Test func specksOnStromaAndFibresAreNotGrown() throws {
        // Stroma (0.05 OD hematoxylin, eosin-rich) with a lone 1 µm speck, and a speck at the end of a 60 µm
        // fibre of 0.30 OD (its body stands out, but the growth runs along the fibre beyond the limit).
        var drawing = SyntheticTile(width: 300, height: 200, micronsPerPixel: 0.5, background: [0.05, 0.5, 0])
        drawing.shapes.append(.init(x: 30, y: 50, a: 1.1, b: 1.1, amounts: [0.8, 0.05, 0]))
        drawing.shapes.append(.init(x: 90, y: 50, a: 30, b: 3, amounts: [0.3, 0.3, 0]))
        drawing.shapes.append(.init(x: 62, y: 50, a: 1.1, b: 1.1, amounts: [0.8, 0.05, 0]))
        // A dark nucleus so the tile has a real object and a level well above the fibre.
        drawing.shapes.append(SyntheticTile.lymphocyte(x: 120, y: 70))
        let tile = try drawing.render()
        let densities = ColourDeconvolution.deconvolve(tile, matrix: .hematoxylinEosin)
        let result = try NucleusDetector().detect(densities, calibration: tile.calibration)
        let specks = found(result, near: [(30, 50), (62, 50)])
        #expect(specks.isEmpty, "specks grew into \(specks.map(\.areaSquareMicrons)) µm²")
        #expect(found(result, near: [(120, 70)]).count == 1)
    }

    @Test func parametersAreValidated() {
        var p = NucleusDetectionParameters()
        p.paleNucleusRecovery?.backgroundOuterMicrons = 5
        #expect(throws: TissueAnalysisError.self) { try p.validate() }
        p.paleNucleusRecovery = PaleNucleusRecovery()
        p.paleNucleusRecovery?.minimumContrastOD = 0
        #expect(throws: TissueAnalysisError.self) { try p.validate() }
    }
}
