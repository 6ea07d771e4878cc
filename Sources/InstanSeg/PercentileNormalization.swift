/// InstanSeg's per-channel percentile normalisation of a brightfield image, with the percentiles
/// computed beforehand (per tile, or once per slide so that tiles agree).
///
/// Definition (instanseg.utils.utils.percentile_normalize, the one InstanSeg's own inference uses):
/// for channel c with lower and upper percentiles `lo_c` = P0.1 and `hi_c` = P99.9 of its values,
/// `x' = (x − lo_c) / max(ε, hi_c − lo_c)` with ε = 1e-3. Percentiles follow NumPy's default
/// (`np.percentile`, method "linear"): with the n values sorted as v_0 ≤ … ≤ v_(n−1) and
/// h = (n − 1) q / 100, `P_q = v_⌊h⌋ + (h − ⌊h⌋)(v_⌊h⌋+1 − v_⌊h⌋)`.
/// The bioimage.io description in rdf.yaml names the same percentiles with `scale_range`
/// (eps 1e-6 added to the range); the two agree to within 1e-6 relative whenever hi − lo ≥ 1, as
/// in any 8-bit image that is not flat, and InstanSeg's own form is used here.
///
/// Example: values 0, 1, …, 1000 in one channel give lo = 1, hi = 999, so 500 maps to 499/998 = 0.5.
public struct PercentileNormalization: Sendable, Hashable, Codable {
    public static let defaultLowerPercentile = 0.1
    public static let defaultUpperPercentile = 99.9
    public static let defaultEpsilon = 1e-3

    /// Lower percentile per channel (image units).
    public var lower: [Double]
    /// Upper percentile per channel (image units).
    public var upper: [Double]
    /// Smallest divisor (image units).
    public var epsilon: Double

    public init(lower: [Double], upper: [Double], epsilon: Double = defaultEpsilon) {
        precondition(lower.count == upper.count, "one lower and one upper percentile per channel")
        self.lower = lower
        self.upper = upper
        self.epsilon = epsilon
    }

    /// Percentiles of each channel of a channel-major image (`channels` planes of equal size).
    public init(image: [Float], channels: Int, lowerPercentile: Double = defaultLowerPercentile,
                upperPercentile: Double = defaultUpperPercentile, epsilon: Double = defaultEpsilon) {
        precondition(channels > 0 && image.count % channels == 0 && !image.isEmpty, "equal, non-empty planes expected")
        let plane = image.count / channels
        var lower: [Double] = [], upper: [Double] = []
        for c in 0..<channels {
            let sorted = image[c * plane..<(c + 1) * plane].sorted()
            lower.append(Self.percentile(sorted: sorted, lowerPercentile))
            upper.append(Self.percentile(sorted: sorted, upperPercentile))
        }
        self.init(lower: lower, upper: upper, epsilon: epsilon)
    }

    /// Percentiles of 8-bit channels from their 256-bin histograms (`histograms[c][v]` = count of
    /// value v): exactly what `np.percentile` gives on the same values, without holding them.
    public init(histograms: [[Int]], lowerPercentile: Double = defaultLowerPercentile,
                upperPercentile: Double = defaultUpperPercentile, epsilon: Double = defaultEpsilon) {
        self.init(lower: histograms.map { Self.percentile(histogram: $0, lowerPercentile) },
                  upper: histograms.map { Self.percentile(histogram: $0, upperPercentile) }, epsilon: epsilon)
    }

    /// `np.percentile(values, q)` (method "linear") of ascending `sorted` values; q in [0, 100].
    public static func percentile(sorted: [Float], _ q: Double) -> Double {
        precondition(!sorted.isEmpty, "no values")
        let h = Double(sorted.count - 1) * q / 100, i = Int(h.rounded(.down)), t = h - Double(i)
        let a = Double(sorted[i]), b = Double(sorted[min(i + 1, sorted.count - 1)])
        return lerp(a, b, t)
    }

    /// `np.percentile` of the values counted in `histogram` (bin v = value v).
    public static func percentile(histogram: [Int], _ q: Double) -> Double {
        let n = histogram.reduce(0, +)
        precondition(n > 0, "empty histogram")
        let h = Double(n - 1) * q / 100, i = Int(h.rounded(.down)), t = h - Double(i)
        return lerp(Double(value(at: i, histogram)), Double(value(at: min(i + 1, n - 1), histogram)), t)
    }

    /// NumPy's `_lerp`, which evaluates from the nearer end for t ≥ 0.5.
    private static func lerp(_ a: Double, _ b: Double, _ t: Double) -> Double {
        let d = b - a
        return t >= 0.5 ? b - d * (1 - t) : a + d * t
    }

    /// The `rank`-th smallest value (0-based) of the histogram's values.
    private static func value(at rank: Int, _ histogram: [Int]) -> Int {
        var seen = 0
        for (v, count) in histogram.enumerated() {
            seen += count
            if rank < seen { return v }
        }
        return histogram.count - 1
    }

    /// `channels` empty 256-bin histograms for `count(interleaved:channels:into:)`.
    public static func emptyHistograms(channels: Int) -> [[Int]] {
        [[Int]](repeating: [Int](repeating: 0, count: 256), count: channels)
    }

    /// Adds an interleaved 8-bit image's values to per-channel histograms (for slide-wide percentiles
    /// accumulated tile by tile; only tissue pixels should be passed when that is what is wanted).
    public static func count(interleaved bytes: [UInt8], channels: Int, into histograms: inout [[Int]]) {
        precondition(histograms.count == channels && bytes.count % channels == 0, "one histogram per channel expected")
        for c in 0..<channels {
            var h = histograms[c]
            for i in stride(from: c, to: bytes.count, by: channels) { h[Int(bytes[i])] += 1 }
            histograms[c] = h
        }
    }

    /// The divisor of channel c: max(ε, hi − lo).
    public func scale(_ c: Int) -> Double { max(epsilon, upper[c] - lower[c]) }

    /// Normalises a channel-major Float image in place (`lower.count` planes).
    public func apply(to image: inout [Float]) {
        let channels = lower.count
        precondition(channels > 0 && image.count % channels == 0, "one plane per channel expected")
        let plane = image.count / channels
        image.withUnsafeMutableBufferPointer { p in
            for c in 0..<channels {
                // Float arithmetic as in PyTorch: (x − Float(lo)) / Float(max(ε, hi − lo)).
                let lo = Float(lower[c]), s = Float(scale(c))
                for i in c * plane..<(c + 1) * plane { p[i] = (p[i] - lo) / s }
            }
        }
    }

    /// Normalised channel-major planes of an interleaved 8-bit image (`channels` bytes per pixel,
    /// e.g. RGB), ready for `InstanSegNetwork.predict`.
    public func planes(interleaved bytes: [UInt8], channels: Int) -> [Float] {
        precondition(channels == lower.count && bytes.count % channels == 0, "one percentile pair per channel expected")
        let pixels = bytes.count / channels
        var out = [Float](repeating: 0, count: bytes.count)
        out.withUnsafeMutableBufferPointer { p in
            bytes.withUnsafeBufferPointer { b in
                for c in 0..<channels {
                    let lo = Float(lower[c]), s = Float(scale(c)), plane = p.baseAddress! + c * pixels
                    for i in 0..<pixels { plane[i] = (Float(b[i * channels + c]) - lo) / s }
                }
            }
        }
        return out
    }
}
