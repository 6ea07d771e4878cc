import FusionModel
import Foundation
import TMECore

/// `config.json` of a model folder: everything but the weights.
public struct ModelFolderConfiguration: Sendable, Hashable, Codable {
    public static let currentFormat = "tmescope-fusion-ensemble/1"
    /// "tmescope-fusion-ensemble/1".
    public var format: String
    /// Unique id: "fusion-<cohort>-<first 12 hex digits of the weights' SHA-256>".
    public var modelID: String
    /// Model family, "fusion-attention-mil".
    public var kind: String
    /// Architecture and standardisation of each fold model (tensors `fold<k>.<name>` in the weights).
    public var members: [Member]
    public var featureNames: ModelFeatureNames
    /// Risk-group threshold: median ensemble risk of the training patients.
    public var trainingMedianRisk: Double
    public var trainingCohort: String
    public var seed: UInt64
    public var folds: Int
    public var training: TrainingParameters
    /// How each member's response probability was recalibrated (nil in folders written before recalibration existed).
    public var recalibration: RecalibrationParameters?
    public var data: ModelDataParameters
    /// Held-out summary per variant (cindex, auc, …); the full report is evaluation.json.
    public var metrics: [String: [String: Double]]
    public var gitCommit: String?
    public var tmescopeVersion: String
    /// Which members held out which training patients (digests only) and each fold's risk threshold, so that
    /// `tme score` on the training cohort is out-of-fold (nil in folders written before it existed: then every
    /// patient is scored by the whole ensemble and marked external).
    public var heldOutFolds: [HeldOutFold]?

    /// One fold model's architecture, the standardisation fitted on its training folds and, when
    /// recalibrated, the Platt slope and intercept fitted inside those folds (JSON doubles: exact round trip).
    public struct Member: Sendable, Hashable, Codable {
        public var network: FusionNetworkConfiguration
        public var standardizer: FeatureStandardizer
        public var calibration: PlattCalibration?
        public init(network: FusionNetworkConfiguration, standardizer: FeatureStandardizer, calibration: PlattCalibration? = nil) {
            self.network = network
            self.standardizer = standardizer
            self.calibration = calibration
        }
    }
}

/// A model folder: `model.safetensors` (every fold model's tensors, prefixed `fold<k>.`),
/// `config.json` and `evaluation.json`. Python reads the weights with `safetensors.numpy.load_file`.
public enum ModelFolder {
    public static let weightsFile = "model.safetensors"
    public static let configurationFile = "config.json"
    public static let evaluationFile = "evaluation.json"

    /// The weights' bytes of an ensemble (sorted tensor names, F32, little-endian).
    public static func weights(_ ensemble: FoldEnsemble) throws -> [UInt8] {
        var tensors: [String: SafeTensor] = [:]
        for (k, m) in ensemble.members.enumerated() {
            for (name, matrix) in m.parameters.tensors { tensors["fold\(k).\(name)"] = SafeTensor(matrix) }
        }
        return try SafeTensors.encode(tensors, metadata: ["format": "pt", "tmescope_format": ModelFolderConfiguration.currentFormat])
    }

    /// Writes the weights and configuration into `directory` (created if needed).
    public static func write(weights: [UInt8], configuration: ModelFolderConfiguration, to directory: String) throws {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        try AtomicFile.write(weights, to: directory + "/" + weightsFile)
        try AtomicFile.write(Array(try encoder().encode(configuration)), to: directory + "/" + configurationFile)
    }

    /// Reads a model folder back into the ensemble it was written from (bit-identical weights).
    /// Throws `modelFile` for missing files, an unknown format or missing tensors.
    public static func read(_ directory: String) throws -> (ensemble: FoldEnsemble, configuration: ModelFolderConfiguration, weightsSHA256: String) {
        let configPath = directory + "/" + configurationFile, weightsPath = directory + "/" + weightsFile
        guard let configData = FileManager.default.contents(atPath: configPath) else {
            throw ModelPipelineError.modelFile(path: configPath, reason: "missing; train a model with tme train --out \(directory)")
        }
        guard let weightData = FileManager.default.contents(atPath: weightsPath) else {
            throw ModelPipelineError.modelFile(path: weightsPath, reason: "missing; the folder is incomplete")
        }
        let config: ModelFolderConfiguration
        do { config = try JSONDecoder().decode(ModelFolderConfiguration.self, from: configData) } catch {
            throw ModelPipelineError.modelFile(path: configPath, reason: "not a TMEScope model configuration (\(error))")
        }
        guard config.format == ModelFolderConfiguration.currentFormat else {
            throw ModelPipelineError.modelFile(path: configPath, reason: "format \(config.format), expected \(ModelFolderConfiguration.currentFormat)")
        }
        let bytes = [UInt8](weightData)
        let (tensors, _) = try SafeTensors.decode(bytes)
        var members: [TrainedFusionModel] = []
        for (k, member) in config.members.enumerated() {
            let network = try FusionNetwork(configuration: member.network)
            var g = SeededGenerator(seed: 0)
            var parameters: [String: Matrix] = [:]
            for (name, _) in network.initialParameters(using: &g).tensors {
                guard let t = tensors["fold\(k).\(name)"] else {
                    throw ModelPipelineError.modelFile(path: weightsPath, reason: "tensor fold\(k).\(name) is missing")
                }
                parameters[name] = try t.matrix()
            }
            // The frozen response prior (`LinearPrior`), present only for the subsets it was fitted for.
            let priorPrefix = "fold\(k)." + LinearPrior.parameterPrefix
            for (name, t) in tensors where name.hasPrefix(priorPrefix) {
                parameters[String(name.dropFirst("fold\(k).".count))] = try t.matrix()
            }
            let set = ParameterSet(parameters)
            for (name, m) in network.initialParameters(using: &g).tensors { try set.require(name, rows: m.rows, columns: m.columns) }
            do { try LinearPrior.validate(set, configuration: member.network) } catch {
                throw ModelPipelineError.modelFile(path: weightsPath, reason: "fold \(k): \(error)")
            }
            members.append(TrainedFusionModel(network: network, standardizer: member.standardizer, parameters: set,
                                              calibration: member.calibration))
        }
        var sha = SHA256()
        sha.update(bytes)
        for fold in config.heldOutFolds ?? [] where fold.members.contains(where: { !members.indices.contains($0) }) {
            throw ModelPipelineError.modelFile(path: configPath, reason: "heldOutFolds names a member the weights do not have")
        }
        return (FoldEnsemble(members: members, featureNames: config.featureNames, trainingMedianRisk: config.trainingMedianRisk,
                             trainingCohort: config.trainingCohort, heldOut: config.heldOutFolds ?? []),
                config, SHA256.hexString(sha.finalize()))
    }

    static func encoder() -> JSONEncoder {
        let e = JSONEncoder()
        e.outputFormatting = [.prettyPrinted, .sortedKeys]
        e.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "Infinity", negativeInfinity: "-Infinity", nan: "NaN")
        return e
    }
}
