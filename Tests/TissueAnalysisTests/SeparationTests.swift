import Foundation
import Testing
@testable import TissueAnalysis

/// Touching nuclei of different kinds (the simulator's and real tissue's commonest merges): a lymphocyte lying
/// on a fibroblast, a lymphocyte pressed against a vesicular tumor nucleus; and the per-tile hematoxylin reference.
@Suite struct SeparationTests {
    func detect(_ drawing: SyntheticTile, _ parameters: NucleusDetectionParameters = NucleusDetectionParameters()) throws -> [Nucleus] {
        let tile = try drawing.render()
        return try NucleusDetector(parameters: parameters)
            .detect(ColourDeconvolution.deconvolve(tile, matrix: .hematoxylinEosin), calibration: tile.calibration).nuclei
    }

    func nearest(_ nuclei: [Nucleus], _ x: Double, _ y: Double) -> (Nucleus, Double)? {
        nuclei.map { ($0, hypot($0.xMicrons - x, $0.yMicrons - y)) }.min { $0.1 < $1.1 }
    }

    @Test func lymphocyteOnASpindleIsTwoNuclei() throws {
        // A 14 × 3.2 µm spindle along x centred at (20, 20); a lymphocyte (radius 3.2 µm) centred 4 µm to its
        // right and 2 µm below, covering part of the spindle.
        var drawing = SyntheticTile(width: 80, height: 80, micronsPerPixel: 0.5)
        drawing.shapes = [SyntheticTile.spindle(x: 20, y: 20, angle: 0), SyntheticTile.lymphocyte(x: 24, y: 22)]
        let nuclei = try detect(drawing)
        let lymphocyte = try #require(nearest(nuclei, 24, 22))
        #expect(lymphocyte.1 < 1.5, "lymphocyte found \(lymphocyte.1) µm from its centre")
        #expect(abs(lymphocyte.0.areaSquareMicrons - Double.pi * 3.2 * 2.976) / (Double.pi * 3.2 * 2.976) < 0.25)
        #expect(nuclei.count >= 2, "\(nuclei.count) objects")
        // The same drawing without the thin-structure split is one merged object far from the lymphocyte's centre
        // (the test can fail).
        var off = NucleusDetectionParameters()
        off.thinStructureRadiusMicrons = 0
        let merged = try detect(drawing, off)
        #expect(merged.count == 1)
    }

    @Test func lymphocyteAgainstATumorNucleusIsTwoNuclei() throws {
        // Tumor nucleus 6 × 5 µm at (20, 20) (pale centre); lymphocyte radius 3.2 µm at (28, 20): they overlap by 1.2 µm.
        var drawing = SyntheticTile(width: 80, height: 80, micronsPerPixel: 0.5)
        drawing.shapes = [SyntheticTile.tumor(x: 20, y: 20, a: 6, b: 5, angle: 0), SyntheticTile.lymphocyte(x: 28, y: 20)]
        let nuclei = try detect(drawing)
        #expect(nuclei.count == 2, "\(nuclei.count) objects")
        let lymphocyte = try #require(nearest(nuclei, 28, 20)), tumor = try #require(nearest(nuclei, 20, 20))
        #expect(lymphocyte.1 < 1 && tumor.1 < 1.5, "lymphocyte \(lymphocyte.1) µm, tumor \(tumor.1) µm off")
        #expect(RuleBasedCellClassifier().classify(lymphocyte.0) == .lymphocyte)
        #expect(RuleBasedCellClassifier().classify(tumor.0) == .tumor)
        var off = NucleusDetectionParameters()
        off.darkCoreRadiusMicrons = 0
        #expect(try detect(drawing, off).count == 1, "without dark seeds the pair merges")
    }

    @Test func hematoxylinReferenceExampleFromDocComment() throws {
        func spindle(_ h: Double) -> Nucleus {
            Nucleus(xPixels: 0, yPixels: 0, xMicrons: 0, yMicrons: 0, areaSquareMicrons: 30, perimeterMicrons: 25,
                    circularity: 0.5, eccentricity: 0.97, solidity: 0.98, majorAxisMicrons: 13, minorAxisMicrons: 3.2,
                    hematoxylinMean: h, hematoxylinStd: 0.1, ringEosinMean: 0.1, ringHematoxylinMean: 0.1,
                    nucleusDABMean: 0, ringDABMean: 0, ringAreaSquareMicrons: 40, touchesTileEdge: false)
        }
        let r = HematoxylinReference()
        #expect(abs(r.factor(for: Array(repeating: spindle(0.6), count: 25)) - 1.25) < 1e-12)
        #expect(r.factor(for: Array(repeating: spindle(0.6), count: 11)) == 1, "too few reference nuclei")
        #expect(abs(r.factor(for: Array(repeating: spindle(0.6), count: 19)) - 1.25) < 1e-12, "19: the pooled fallback")
        #expect(r.factor(for: Array(repeating: spindle(0.3), count: 25)) == 1.33, "clamped")
        var round = spindle(0.5)
        round.majorAxisMicrons = 7; round.minorAxisMicrons = 6.5
        #expect(r.factor(for: Array(repeating: round, count: 40)) == 1, "round nuclei are no reference")
        let n = HematoxylinReference.normalised(round, factor: 1.25)
        #expect(abs(n.hematoxylinMean - 0.625) < 1e-12 && abs(n.hematoxylinStd - 0.125) < 1e-12)
        #expect(n.areaSquareMicrons == round.areaSquareMicrons)
        var bad = HematoxylinReference()
        bad.maximumFactor = 0.5
        #expect(throws: TissueAnalysisError.self) { try bad.validate() }
    }

    @Test func neighbourhoodCompartmentsFollowTheNestEdge() throws {
        // Tumor cells every 14 µm left of x = 100 µm, stroma cells every 28 µm right of it; a lymphocyte in the
        // nest (x = 50), one in the stroma 8 µm from the edge (x = 108) and one deep in the stroma (x = 180).
        var drawing = SyntheticTile(width: 512, height: 256, micronsPerPixel: 0.5)
        for row in 0..<9 { for col in 0..<7 {
            let x = 8 + Double(col) * 14, y = 8 + Double(row) * 14
            if !(abs(x - 50) < 5 && abs(y - 64) < 5) { drawing.shapes.append(SyntheticTile.tumor(x: x, y: y)) }
        } }
        for row in 0..<5 { for col in 0..<6 {
            let x = 116 + Double(col) * 28, y = 10 + Double(row) * 28
            drawing.shapes.append(SyntheticTile.spindle(x: x, y: y))
        } }
        drawing.shapes += [SyntheticTile.lymphocyte(x: 50, y: 64), SyntheticTile.lymphocyte(x: 104, y: 64),
                           SyntheticTile.lymphocyte(x: 178, y: 52)]
        let result = try TileAnalyzer().analyze(try drawing.render())
        func region(at x: Double) -> TissueRegion? {
            result.cells.first { $0.cellClass == .lymphocyte && abs($0.nucleus.xMicrons - x) < 2 }?.region
        }
        #expect(region(at: 50) == .tumor)
        #expect(region(at: 104) != .tumor, "a lymphocyte at the nest edge is not intratumoral")
        #expect(region(at: 178) == .stroma)
        #expect(result.summary.compartment(.tumor).counts.lymphocyte == 1)
    }
}
