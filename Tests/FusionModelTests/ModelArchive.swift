import Foundation
@testable import FusionModel

// A test fixture, not a product format: models are saved by Pipeline's ModelFolder. The tests use this
// byte-buffer round trip (safetensors + JSON) to check that a trained model's parameters, standardiser
// and calibration reproduce predictions bit for bit after encoding.

/// The JSON written beside `model.safetensors`: everything except the weights.
public struct ModelArchiveConfiguration: Sendable, Hashable, Codable {
    /// Format identifier, "tmescope-fusion/1".
    public var format: String
    public var network: FusionNetworkConfiguration
    public var standardizer: FeatureStandardizer
    /// The response recalibration, when the model has one (absent in older files).
    public var calibration: PlattCalibration?
    /// Caller-supplied provenance (training cohort, seed, git commit, TMEScope version, feature names…).
    public var provenance: [String: String]
}

/// Serialises a trained model as safetensors weights plus a JSON configuration, so that Python
/// (`safetensors.numpy.load_file` + `json.load`) can read it and loading reproduces predictions
/// bit-for-bit. Byte buffers only; `Pipeline` writes the files.
public enum ModelArchive {
    public static let format = "tmescope-fusion/1"

    /// (weights, configuration JSON). The configuration JSON is also stored in the safetensors
    /// `__metadata__` under "tmescope_config" so a single file is self-describing.
    public static func encode(_ model: TrainedFusionModel, provenance: [String: String] = [:]) throws -> (weights: [UInt8], configuration: Data) {
        let config = ModelArchiveConfiguration(format: format, network: model.network.configuration,
                                               standardizer: model.standardizer,
                                               calibration: model.calibration, provenance: provenance)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        let json = try encoder.encode(config)
        let weights = try SafeTensors.encode(model.parameters, metadata: [
            "format": "pt", "tmescope_config": String(decoding: json, as: UTF8.self),
        ])
        return (weights, json)
    }

    /// Rebuilds a model; throws `missingParameter` when the weights lack a tensor the configuration
    /// needs, `invalidParameter` for an unknown format, or a decoding error for malformed JSON.
    public static func decode(weights: [UInt8], configuration: Data) throws -> TrainedFusionModel {
        let config = try JSONDecoder().decode(ModelArchiveConfiguration.self, from: configuration)
        guard config.format == format else {
            throw FusionModelError.invalidParameter(name: "format", value: config.format, expected: format)
        }
        let network = try FusionNetwork(configuration: config.network)
        let (parameters, _) = try SafeTensors.decodeParameters(weights)
        var g = SeededGenerator(seed: 0)
        for (name, m) in network.initialParameters(using: &g).tensors {
            try parameters.require(name, rows: m.rows, columns: m.columns)
        }
        try LinearPrior.validate(parameters, configuration: network.configuration)
        return TrainedFusionModel(network: network, standardizer: config.standardizer, parameters: parameters,
                                  calibration: config.calibration)
    }
}
