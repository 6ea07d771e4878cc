/// Histogram of distances (µm) with fixed bins [0, w), [w, 2w), … up to `limitMicrons`, plus an overflow count
/// for "nothing within the limit". Histograms of tiles add up, so a slide median needs no cell list.
public struct DistanceHistogram: Sendable, Hashable, Codable {
    public let binWidthMicrons: Double
    public let limitMicrons: Double
    public private(set) var bins: [Int]
    public private(set) var overflow = 0

    /// Throws `invalidParameter` unless 0 < binWidth ≤ limit ≤ 100 000 bin widths.
    public init(binWidthMicrons: Double = 1, limitMicrons: Double = 300) throws {
        guard binWidthMicrons.isFinite, limitMicrons.isFinite, binWidthMicrons > 0, limitMicrons >= binWidthMicrons,
              limitMicrons / binWidthMicrons <= 100_000 else {
            throw TissueAnalysisError.invalidParameter(name: "distance histogram", value: "\(binWidthMicrons)/\(limitMicrons)",
                                                       expected: "0 < bin width ≤ limit ≤ 100000 bins")
        }
        self.binWidthMicrons = binWidthMicrons
        self.limitMicrons = limitMicrons
        bins = [Int](repeating: 0, count: Int((limitMicrons / binWidthMicrons).rounded(.up)))
    }

    /// Records a distance; nil or ≥ limit counts as overflow.
    public mutating func record(_ distance: Double?) {
        guard let distance, distance < limitMicrons else { overflow += 1; return }
        bins[min(bins.count - 1, Int(max(0, distance) / binWidthMicrons))] += 1
    }

    public var count: Int { bins.reduce(overflow, +) }

    /// Adds `other`; throws `sizeMismatch` when the bins differ.
    public mutating func add(_ other: DistanceHistogram) throws {
        guard other.binWidthMicrons == binWidthMicrons, other.bins.count == bins.count else {
            throw TissueAnalysisError.sizeMismatch(what: "distance histogram bins", expected: bins.count, found: other.bins.count)
        }
        for i in bins.indices { bins[i] += other.bins[i] }
        overflow += other.overflow
    }

    /// Median by linear interpolation inside the bin holding the (n/2)-th value; nil when empty or when at least
    /// half the values overflowed.
    public var median: Double? {
        let n = count
        guard n > 0 else { return nil }
        let target = Double(n) / 2
        var cumulative = 0.0
        for (i, c) in bins.enumerated() where c > 0 {
            if cumulative + Double(c) >= target {
                return (Double(i) + (target - cumulative) / Double(c)) * binWidthMicrons
            }
            cumulative += Double(c)
        }
        return nil
    }

    /// Fraction of values below `distance` (bins wholly below it), nil when empty.
    public func fraction(below distance: Double) -> Double? {
        let n = count
        guard n > 0 else { return nil }
        let upto = min(bins.count, Int((distance / binWidthMicrons).rounded(.down)))
        return Double(bins[0..<max(0, upto)].reduce(0, +)) / Double(n)
    }
}
