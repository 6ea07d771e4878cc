import Foundation

/// One chart axis: title (with unit), domain, tick values and their labels, linear or log.
public struct Axis: Sendable, Hashable, Codable {
    public var title: String
    public var lower: Double
    public var upper: Double
    public var ticks: [Double]
    public var labels: [String]
    public var isLogarithmic: Bool

    public init(title: String, lower: Double, upper: Double, ticks: [Double], labels: [String], isLogarithmic: Bool = false) {
        self.title = title; self.lower = lower; self.upper = upper
        self.ticks = ticks; self.labels = labels; self.isLogarithmic = isLogarithmic
    }

    /// A linear axis covering `minimum…maximum` with `NiceScale` ticks.
    public static func linear(title: String, minimum: Double, maximum: Double, maxTicks: Int = 6) -> Axis {
        let scale = NiceScale(minimum: minimum, maximum: maximum, maxTicks: maxTicks)
        let ticks = scale.ticks
        return Axis(title: title, lower: scale.lower, upper: scale.upper, ticks: ticks, labels: ticks.map(scale.label))
    }

    /// A probability axis 0…1 with ticks every 0.2 (or 0.25 with `quarters`).
    public static func probability(title: String, quarters: Bool = false) -> Axis {
        let ticks = quarters ? [0, 0.25, 0.5, 0.75, 1] : [0, 0.2, 0.4, 0.6, 0.8, 1]
        return Axis(title: title, lower: 0, upper: 1, ticks: ticks,
                    labels: ticks.map { NiceScale.format($0, fractionDigits: quarters ? 2 : 1) })
    }

    /// A log axis with `LogTicks`.
    public static func logarithmic(title: String, minimum: Double, maximum: Double) -> Axis {
        let t = LogTicks(minimum: minimum, maximum: maximum)
        return Axis(title: title, lower: t.lower, upper: t.upper, ticks: t.ticks,
                    labels: t.ticks.map(LogTicks.label), isLogarithmic: true)
    }

    /// Position of `value` along the axis as a fraction 0…1 (outside for out-of-domain values).
    public func fraction(_ value: Double) -> Double {
        if isLogarithmic {
            guard value > 0, lower > 0, upper > lower else { return value > 0 ? 1 : 0 }
            return (log(value) - log(lower)) / (log(upper) - log(lower))
        }
        guard upper > lower else { return 0 }
        return (value - lower) / (upper - lower)
    }
}
