/// Otsu's threshold: the level maximising the between-class variance of a 256-bin histogram.
///
/// Bins span [min, max] of the values; the result is the centre of the last bin of the lower class,
/// as in scikit-image's `threshold_otsu`. Constant input returns that constant.
///
/// Reference: N. Otsu, "A threshold selection method from gray-level histograms",
/// IEEE Trans. Syst. Man Cybern. 9(1):62–66, 1979.
enum OtsuThreshold {
    /// Otsu's level of the values below `ceiling` (all of them by default); `ceiling` itself when none is below.
    static func threshold(_ values: [Float], bins: Int = 256, below ceiling: Float = .infinity) -> Float {
        var lo = Float.infinity, hi = -Float.infinity
        for v in values where v < ceiling { lo = min(lo, v); hi = max(hi, v) }
        guard lo.isFinite else { return values.first.map { min($0, ceiling) } ?? 0 }
        guard hi > lo else { return lo }
        var histogram = [Double](repeating: 0, count: bins)
        let scale = Float(bins) / (hi - lo)
        values.withUnsafeBufferPointer { p in
            histogram.withUnsafeMutableBufferPointer { hist in
                for v in p where v < ceiling { hist[min(bins - 1, Int((v - lo) * scale))] += 1 }
            }
        }
        return level(histogram, lo: lo, hi: hi)
    }

    /// Otsu's level of all `values` and of those below `ceiling`, equal to two `threshold` calls but reading the
    /// values twice instead of four times (the nucleus detector needs both for every tile).
    static func thresholds(_ values: [Float], below ceiling: Float, bins: Int = 256) -> (all: Float, belowCeiling: Float) {
        guard let first = values.first else { return (0, 0) }
        var lo = Float.infinity, hi = -Float.infinity, lowLo = Float.infinity, lowHi = -Float.infinity
        for v in values {
            lo = min(lo, v); hi = max(hi, v)
            if v < ceiling { lowLo = min(lowLo, v); lowHi = max(lowHi, v) }
        }
        var all = [Double](repeating: 0, count: bins), low = all
        let scale = hi > lo ? Float(bins) / (hi - lo) : 0, lowScale = lowHi > lowLo ? Float(bins) / (lowHi - lowLo) : 0
        values.withUnsafeBufferPointer { p in
            all.withUnsafeMutableBufferPointer { a in
                low.withUnsafeMutableBufferPointer { b in
                    for v in p {
                        a[min(bins - 1, Int((v - lo) * scale))] += 1
                        if v < ceiling { b[min(bins - 1, Int((v - lowLo) * lowScale))] += 1 }
                    }
                }
            }
        }
        let whole = hi > lo ? level(all, lo: lo, hi: hi) : lo
        let below = !lowLo.isFinite ? min(first, ceiling) : lowHi > lowLo ? level(low, lo: lowLo, hi: lowHi) : lowLo
        return (whole, below)
    }

    /// The Otsu level of a histogram whose bins span [lo, hi].
    private static func level(_ histogram: [Double], lo: Float, hi: Float) -> Float {
        let bins = histogram.count
        let width = Double(hi - lo) / Double(bins)
        let centre = { (i: Int) in Double(lo) + (Double(i) + 0.5) * width }
        var total = 0.0, totalSum = 0.0
        for i in 0..<bins { total += histogram[i]; totalSum += histogram[i] * centre(i) }
        var w0 = 0.0, sum0 = 0.0, best = -1.0, bestIndex = 0
        for i in 0..<(bins - 1) {
            w0 += histogram[i]
            sum0 += histogram[i] * centre(i)
            let w1 = total - w0
            guard w0 > 0, w1 > 0 else { continue }
            let m0 = sum0 / w0, m1 = (totalSum - sum0) / w1
            let between = w0 * w1 * (m0 - m1) * (m0 - m1)
            if between > best { best = between; bestIndex = i }
        }
        return Float(centre(bestIndex))
    }
}
