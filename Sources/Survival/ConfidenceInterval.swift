import Foundation

/// How pointwise confidence intervals of a survival curve are built.
///
/// With S the Kaplan–Meier estimate, σ the Greenwood standard error of −log S (= of the cumulative
/// hazard) and z = Φ⁻¹(1 − (1 − level)/2):
/// - `logLog` (default, as lifelines and R's `conf.type = "log-log"`):
///   exp(−exp(log(−log S) ∓ z·σ/log S)); undefined (nil) where S = 0 or S = 1.
/// - `log` (R's default `conf.type = "log"`): S·exp(∓z·σ), upper capped at 1; nil where S = 0.
/// - `plain`: S·(1 ∓ z·σ), clipped to [0, 1].
public struct ConfidenceInterval: Codable, Sendable, Hashable {
    public enum Transform: String, Codable, Sendable, Hashable, CaseIterable {
        case logLog = "log-log"
        case log
        case plain
    }

    /// Coverage probability, unitless, default 0.95, range (0, 1) exclusive.
    public var level: Double
    /// Transform of S used to build the interval, default `.logLog`.
    public var transform: Transform

    public init(level: Double = 0.95, transform: Transform = .logLog) {
        self.level = level
        self.transform = transform
    }

    func validate() throws {
        guard level > 0, level < 1 else {
            throw SurvivalError.invalidParameter(name: "level", reason: "must be strictly between 0 and 1")
        }
    }

    /// z = Φ⁻¹(1 − (1 − level)/2).
    var z: Double { Distributions.normalQuantile(1 - (1 - level) / 2) }

    /// Pointwise bounds for survival `s` whose −log has standard error `sigma`.
    func bounds(survival s: Double, logStandardError sigma: Double, z: Double) -> (lower: Double?, upper: Double?) {
        switch transform {
        case .log:
            guard s > 0 else { return (nil, nil) }
            return (exp(Foundation.log(s) - z * sigma), min(exp(Foundation.log(s) + z * sigma), 1))
        case .logLog:
            guard s > 0, s < 1 else { return (nil, nil) }
            let ls = Foundation.log(s)
            let shift = z * sigma / ls
            let center = Foundation.log(-ls)
            return (exp(-exp(center - shift)), exp(-exp(center + shift)))
        case .plain:
            guard sigma.isFinite else { return (nil, nil) }
            return (max(s - z * sigma * s, 0), min(s + z * sigma * s, 1))
        }
    }
}
