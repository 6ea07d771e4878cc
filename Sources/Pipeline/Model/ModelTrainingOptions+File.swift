import Foundation

extension ModelTrainingOptions {
    /// Reads options from a JSON file holding any subset of the fields as encoded in a model's
    /// config (e.g. `{"training": {"patience": 20, "optimizer": {"weightDecay": 0.001}}, "dropout": 0.2}`):
    /// the file is merged key by key onto the defaults (`ModelTrainingOptions()`), so absent fields keep
    /// their default. Throws `optionsFile` for unreadable JSON, a key the options do not have (a typo
    /// would otherwise be ignored silently) or a value of the wrong type.
    /// `base` is what absent fields keep: the bare network (`ModelTrainingOptions()`, the default here) or
    /// `ModelTrainingOptions.evaluated` (what `tme train` starts from).
    public static func read(path: String, base: ModelTrainingOptions = ModelTrainingOptions()) throws -> ModelTrainingOptions {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ModelPipelineError.optionsFile(path: path, reason: "cannot read the file")
        }
        return try decode(data, path: path, base: base)
    }

    /// `read(path:base:)` on bytes; `path` only names the source in errors.
    public static func decode(_ data: Data, path: String = "options", base: ModelTrainingOptions = ModelTrainingOptions()) throws
        -> ModelTrainingOptions {
        let given: Any
        do { given = try JSONSerialization.jsonObject(with: data) } catch {
            throw ModelPipelineError.optionsFile(path: path, reason: "not JSON (\(error.localizedDescription))")
        }
        guard let givenObject = given as? [String: Any] else {
            throw ModelPipelineError.optionsFile(path: path, reason: "expected a JSON object at the top level")
        }
        let defaults = try JSONSerialization.jsonObject(with: JSONEncoder().encode(base)) as! [String: Any]
        let merged = try merge(givenObject, onto: defaults, keyPath: "", path: path)
        do {
            return try JSONDecoder().decode(ModelTrainingOptions.self, from: JSONSerialization.data(withJSONObject: merged))
        } catch {
            throw ModelPipelineError.optionsFile(path: path, reason: "a value has the wrong type or range (\(error))")
        }
    }

    /// Overrides folds, the seed of everything (training, tile sampling, bootstrap) and the epoch limit where given.
    public mutating func apply(folds: Int?, seed: UInt64?, epochs: Int?) {
        if let folds { self.folds = folds }
        if let seed {
            training.seed = seed
            data.seed = seed
            evaluation.seed = seed
        }
        if let epochs { training.epochs = epochs }
    }

    private static func merge(_ given: [String: Any], onto base: [String: Any], keyPath: String, path: String) throws -> [String: Any] {
        var out = base
        for (key, value) in given {
            let here = keyPath.isEmpty ? key : keyPath + "." + key
            guard let old = base[key] else {
                throw ModelPipelineError.optionsFile(path: path, reason: "unknown option \"\(here)\"; known here: "
                                                         + base.keys.sorted().joined(separator: ", "))
            }
            if let oldObject = old as? [String: Any] {
                guard let newObject = value as? [String: Any] else {
                    throw ModelPipelineError.optionsFile(path: path, reason: "\"\(here)\" must be an object")
                }
                out[key] = try merge(newObject, onto: oldObject, keyPath: here, path: path)
            } else {
                out[key] = value
            }
        }
        return out
    }
}
