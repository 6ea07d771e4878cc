import Foundation
import Pipeline
import Testing
import TissueAnalysis

/// A logistic cell classifier learned from labelled cells (the simulator's truth, or a QuPath GeoJSON), then used by
/// the quantifier on another slide, against that slide's truth.
@Suite struct ClassifierTrainingTests {
    static func slide(_ id: String) throws -> String { try SimulatedCohort.url().appendingPathComponent("slides/\(id).tiff").path }
    static func truth(_ id: String) throws -> String {
        try SimulatedCohort.url().appendingPathComponent("truth/slides/\(id)_cells.tsv").path
    }

    @Test func learnedFromTruthCountsAnotherSlideLikeItsTruth() throws {
        var parameters = QuantifyParameters(stain: .he)
        parameters.workers = 2
        let summary = try ClassifierTraining.train(
            slides: [(try Self.slide("SIM-0001-T1-HE"), try Self.truth("SIM-0001-T1-HE")),
                     (try Self.slide("SIM-0003-T1-HE"), try Self.truth("SIM-0003-T1-HE"))],
            parameters: parameters)
        #expect(summary.classifier.trainingCellCount > 1000)
        #expect(Set(summary.classifier.classes).isSuperset(of: [.lymphocyte, .macrophage, .tumor, .stroma]))
        // Saved and read back, then used on a slide it never saw.
        let model = try LogisticCellClassifier.decode(json: try summary.classifier.jsonData())
        let result = try SlideQuantifier(parameters: parameters, classifier: model).quantify(path: try Self.slide("SIM-0002-T1-HE"))
        let truth = try LabelledCells.load(path: try Self.truth("SIM-0002-T1-HE"))
        func trueCount(_ c: CellClass) -> Double { Double(truth.filter { $0.cellClass == c }.count) }
        let counts = result.metrics.counts
        #expect(abs(Double(counts.tumor) - trueCount(.tumor)) <= 0.10 * trueCount(.tumor), "tumor \(counts.tumor) vs \(trueCount(.tumor))")
        #expect(abs(Double(counts.lymphocyte) - trueCount(.lymphocyte)) <= 0.10 * trueCount(.lymphocyte),
                "lymphocytes \(counts.lymphocyte) vs \(trueCount(.lymphocyte))")
        #expect(abs(Double(counts.stroma) - trueCount(.stroma)) <= 0.20 * trueCount(.stroma), "stroma \(counts.stroma) vs \(trueCount(.stroma))")
    }

    @Test func geoJSONOfClassifiedCellsIsReadBack() throws {
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("tme-cells-\(UUID().uuidString.prefix(8)).geojson").path
        defer { try? FileManager.default.removeItem(atPath: out) }
        var parameters = QuantifyParameters(stain: .he)
        parameters.workers = 2
        let q = try FileQuantify.run(path: try Self.slide("SIM-0002-T1-HE"), parameters: parameters, micronsPerPixel: nil,
                                     cellsPath: out, showProgress: false)
        let labels = try LabelledCells.load(path: out)
        #expect(labels.count == q.cellCount)
        #expect(labels.filter { $0.cellClass == .tumor }.count == q.metrics.counts.tumor)
    }

    @Test func polygonsUnclassifiedFeaturesAndErrors() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("tme-labels-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let good = dir.appendingPathComponent("cells.geojson")
        try Data("""
            {"type":"FeatureCollection","features":[
             {"type":"Feature","geometry":{"type":"Polygon","coordinates":[[[10,10],[14,10],[14,14],[10,14],[10,10]]]},
              "properties":{"classification":{"name":"Lymphocyte"}}},
             {"type":"Feature","geometry":{"type":"Point","coordinates":[5,6]},"properties":{"objectType":"detection"}},
             {"type":"Feature","geometry":{"type":"Point","coordinates":[7,8]},"properties":{"classification":{"name":"tumor"}}}]}
            """.utf8).write(to: good)
        let labels = try LabelledCells.load(path: good.path)
        #expect(labels == [LabelledCells.Label(x: 12, y: 12, cellClass: .lymphocyte), LabelledCells.Label(x: 7, y: 8, cellClass: .tumor)])
        let badClass = dir.appendingPathComponent("bad.geojson")
        try Data(#"{"type":"FeatureCollection","features":[{"type":"Feature","geometry":{"type":"Point","coordinates":[1,2]},"properties":{"classification":{"name":"Neutrophil"}}}]}"#.utf8).write(to: badClass)
        #expect { try LabelledCells.load(path: badClass.path) } throws: { "\($0)".contains("bad.geojson:1") && "\($0)".contains("feature 1") }
        let badTSV = dir.appendingPathComponent("cells.tsv")
        try Data("cell_id\tx_px\ty_px\tclass\n1\t3.5\t4\ttumor\n2\tx\t4\ttumor\n".utf8).write(to: badTSV)
        #expect { try LabelledCells.load(path: badTSV.path) } throws: { "\($0)".contains("cells.tsv:3") }
    }
}
