import Foundation
import Tabular
import TissueAnalysis

/// Quantifies every slide of a simulated cohort folder (`tme cohort simulate`) and compares it with the truth
/// (`SlideValidation`): the validation of issue 8, used by `QuantifyValidationTests` and `tme-bench quantify-validate`.
public enum CohortValidation {
    /// Runs the comparison on the slides of `directory/slides.tsv` (at most `limit`, in manifest order).
    public static func run(directory: String, limit: Int? = nil, workers: Int = ProcessInfo.processInfo.activeProcessorCount,
                           progress: @escaping @Sendable (String) -> Void = { _ in }) throws -> [SlideValidation] {
        let root = URL(fileURLWithPath: directory, isDirectory: true)
        let slides = try table(root.appendingPathComponent("slides.tsv").path)
        let patients = try table(root.appendingPathComponent("truth/patients.tsv").path)
        var phenotype: [String: String] = [:]
        for p in patients { if let id = p["patient_id"] { phenotype[id] = p["phenotype"] } }
        var results: [SlideValidation] = []
        for row in slides.prefix(limit ?? slides.count) {
            guard let id = row["slide_id"], let stain = row["stain"], let path = row["path"], let truthPath = row["cells_truth"],
                  let patient = row["patient_id"] else {
                throw QuantifyError.invalidTruth(file: "slides.tsv", line: 0, expected: "slide_id, patient_id, stain, path, cells_truth")
            }
            let (kind, marker) = QuantifyStain.of(slideStain: stain)
            var parameters = QuantifyParameters(stain: kind, marker: marker)
            parameters.workers = workers
            let collector = CellCollector<DetectedCell>()
            let q = try SlideQuantifier(parameters: parameters).quantify(
                path: root.appendingPathComponent(path).path,
                cells: { cells, downsample in collector.add(cells.map { DetectedCell($0, downsample: downsample) }) })
            let truth = try TruthCell.load(path: root.appendingPathComponent(truthPath).path)
            let v = SlideValidation(slideID: id, stain: stain, quantification: q, detected: collector.items, truth: truth,
                                    truePhenotype: stain == "H&E" ? phenotype[patient] : nil,
                                    micronsPerPixel: q.micronsPerPixel / q.downsample)
            progress(String(format: "%@: F1 %.3f, %.1f s", id, v.f1, v.seconds))
            results.append(v)
        }
        return results
    }

    /// A TSV with a header line as dictionaries (through `Tabular.DelimitedReader`).
    static func table(_ path: String) throws -> [[String: String]] {
        guard FileManager.default.isReadableFile(atPath: path) else {
            throw QuantifyError.invalidTruth(file: URL(fileURLWithPath: path).lastPathComponent, line: 0, expected: "a readable TSV file")
        }
        var header: [String] = []
        var rows: [[String: String]] = []
        try CompressedTextFile(path: path).forEachRecord(format: .unquotedTSV) { r in
            let fields = r.texts
            if r.isHeader { header = fields; return }
            rows.append(Dictionary(zip(header, fields).map { ($0, $1) }, uniquingKeysWith: { first, _ in first }))
        }
        return rows
    }
}
