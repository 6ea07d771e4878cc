import Foundation
import Tabular

/// The simulator's per-patient truth (`truth/patients.tsv` of `tme cohort simulate`): the true
/// response probability and OS linear predictor, i.e. the oracle no model can beat on average.
public struct SimulatorTruth: Sendable, Hashable {
    public struct Patient: Sendable, Hashable {
        public var responseProbability: Double
        public var osLinearPredictor: Double
    }
    /// By patient_id.
    public var patients: [String: Patient]
    public var directory: String

    /// Reads `directory/patients.tsv` (plain or gzip, through `Tabular.DelimitedReader`); throws `truthFile`
    /// naming the line when a column is absent or not numeric, `Tabular.TabularError` when the text is malformed.
    public static func read(directory: String) throws -> SimulatorTruth {
        let path = directory + "/patients.tsv"
        guard FileManager.default.fileExists(atPath: path) else {
            throw ModelPipelineError.truthFile(path: path, line: 0, reason: "missing; pass the truth folder of a simulated cohort")
        }
        let lacks = "header lacks patient_id, response_probability or os_linear_predictor"
        var columns: (id: Int, p: Int, eta: Int)?
        var patients: [String: Patient] = [:]
        try CompressedTextFile(path: path).forEachRecord(format: .unquotedTSV, source: path) { r in
            guard let c = columns else {
                let header = r.texts
                guard let id = header.firstIndex(of: "patient_id"), let p = header.firstIndex(of: "response_probability"),
                      let eta = header.firstIndex(of: "os_linear_predictor") else {
                    throw ModelPipelineError.truthFile(path: path, line: r.line, reason: lacks)
                }
                columns = (id, p, eta)
                return
            }
            guard let prob = r[c.p].double, let lp = r[c.eta].double else {
                throw ModelPipelineError.truthFile(path: path, line: r.line,
                                                   reason: "expected numeric response_probability and os_linear_predictor")
            }
            patients[r[c.id].text] = Patient(responseProbability: prob, osLinearPredictor: lp)
        }
        guard columns != nil else { throw ModelPipelineError.truthFile(path: path, line: 1, reason: lacks) }
        return SimulatorTruth(patients: patients, directory: directory)
    }

    /// The truth folder of an ingested simulated cohort: `explicit` if given, else
    /// `<source path>/truth` when it holds patients.tsv; nil otherwise.
    public static func locate(explicit: String?, sourcePath: String?) -> String? {
        if let explicit { return explicit }
        guard let sourcePath else { return nil }
        let candidate = sourcePath + "/truth"
        return FileManager.default.fileExists(atPath: candidate + "/patients.tsv") ? candidate : nil
    }
}

