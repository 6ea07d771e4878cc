import Foundation

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

    /// Reads `directory/patients.tsv`; throws `truthFile` naming the line and column when malformed.
    public static func read(directory: String) throws -> SimulatorTruth {
        let path = directory + "/patients.tsv"
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ModelPipelineError.truthFile(path: path, line: 0, reason: "missing; pass the truth folder of a simulated cohort")
        }
        let lines = String(decoding: data, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: true)
        guard let header = lines.first?.split(separator: "\t", omittingEmptySubsequences: false).map(String.init),
              let id = header.firstIndex(of: "patient_id"), let p = header.firstIndex(of: "response_probability"),
              let eta = header.firstIndex(of: "os_linear_predictor") else {
            throw ModelPipelineError.truthFile(path: path, line: 1, reason: "header lacks patient_id, response_probability or os_linear_predictor")
        }
        var patients: [String: Patient] = [:]
        for (n, line) in lines.dropFirst().enumerated() {
            let f = line.split(separator: "\t", omittingEmptySubsequences: false)
            guard f.count == header.count, let prob = Double(f[p]), let lp = Double(f[eta]) else {
                throw ModelPipelineError.truthFile(path: path, line: n + 2, reason: "expected \(header.count) tab-separated fields with numeric response_probability and os_linear_predictor")
            }
            patients[String(f[id])] = Patient(responseProbability: prob, osLinearPredictor: lp)
        }
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

