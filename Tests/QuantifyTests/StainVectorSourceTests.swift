import Foundation
import Pipeline
import Testing
import TissueAnalysis

/// `--stain-vectors macenko`: the per-slide estimate is used and recorded, and it is nearer the simulator's stain
/// vectors than the standard Ruifrok–Johnston ones are.
@Suite struct StainVectorSourceTests {
    static func angle(_ a: [Double], _ b: [Double]) -> Double {
        let dot = zip(a, b).map(*).reduce(0, +)
        let na = a.map { $0 * $0 }.reduce(0, +).squareRoot(), nb = b.map { $0 * $0 }.reduce(0, +).squareRoot()
        return acos(min(1, dot / (na * nb))) * 180 / .pi
    }

    @Test func macenkoVectorsAreEstimatedPerSlideAndRecorded() throws {
        let path = try SimulatedCohort.url().appendingPathComponent("slides/SIM-0002-T1-HE.tiff").path
        var standard = QuantifyParameters(stain: .he)
        standard.workers = 2
        var macenko = standard
        macenko.stainVectors = .macenko
        let a = try SlideQuantifier(parameters: standard).quantify(path: path)
        let b = try SlideQuantifier(parameters: macenko).quantify(path: path)
        let matrix = b.parameters.tileAnalysis.stainMatrix
        let h = try #require(matrix.kinds.firstIndex(of: .hematoxylin)), e = try #require(matrix.kinds.firstIndex(of: .eosin))
        // The simulator draws each slide's vectors around Macenko's reference H&E matrix (StainModel), ±0.04 per component.
        let trueH = [0.5626, 0.7201, 0.4062], trueE = [0.2159, 0.8012, 0.5581]
        let standardH = StainMatrix.hematoxylinEosin.vectors[0]
        #expect(Self.angle(matrix.vectors[h], trueH) < 6, "hematoxylin \(matrix.vectors[h])")
        #expect(Self.angle(matrix.vectors[h], trueH) < Self.angle(standardH, trueH))
        #expect(Self.angle(matrix.vectors[e], trueE) < 15, "eosin \(matrix.vectors[e])")
        #expect(a.parameters.tileAnalysis.stainMatrix == .hematoxylinEosin)
        // Same tissue, similar nuclei: the cell count moves by less than 10 %.
        #expect(abs(Double(b.cellCount - a.cellCount)) < 0.1 * Double(a.cellCount), "\(b.cellCount) vs \(a.cellCount) cells")
        let output = FileQuantify.Output(b, cellsFile: nil)
        #expect(output.stainVectorSource == .macenko && output.rendered.contains("stain vectors (macenko): eosin ("))
    }
}
