import Testing
@testable import InstanSeg

@Suite struct PercentileNormalizationTests {
    /// The doc comment's example: 0…1000 gives P0.1 = 1, P99.9 = 999, and 500 ↦ 0.5.
    @Test func docExample() {
        let values = (0...1000).map(Float.init)
        let n = PercentileNormalization(image: values, channels: 1)
        #expect(n.lower == [1] && n.upper == [999])
        var x: [Float] = [500]
        n.apply(to: &x)
        #expect(x == [0.5])
    }

    /// NumPy's linear interpolation: np.percentile([1, 2, 3, 10], [0.1, 99.9]) = [1.003, 9.979].
    @Test func interpolatesLikeNumPy() {
        #expect(abs(PercentileNormalization.percentile(sorted: [1, 2, 3, 10], 0.1) - 1.003) < 1e-12)
        #expect(abs(PercentileNormalization.percentile(sorted: [1, 2, 3, 10], 99.9) - 9.979) < 1e-12)
    }

    /// Percentiles from 8-bit histograms equal those of the sorted values.
    @Test func histogramsGiveTheSamePercentiles() {
        var state: UInt64 = 7
        let bytes: [UInt8] = (0..<3 * 4999).map { _ in
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return UInt8(truncatingIfNeeded: (state >> 33) % 200 + 20)
        }
        var histograms = PercentileNormalization.emptyHistograms(channels: 3)
        PercentileNormalization.count(interleaved: bytes, channels: 3, into: &histograms)
        let fromHistograms = PercentileNormalization(histograms: histograms)
        let planes = (0..<3).flatMap { c in stride(from: c, to: bytes.count, by: 3).map { Float(bytes[$0]) } }
        let fromValues = PercentileNormalization(image: planes, channels: 3)
        #expect(fromHistograms == fromValues)
        let normalized = fromValues.planes(interleaved: bytes, channels: 3)
        var expected = planes
        fromValues.apply(to: &expected)
        #expect(normalized == expected)
    }

    /// A flat channel divides by ε = 1e-3 instead of zero.
    @Test func flatChannelUsesEpsilon() {
        let n = PercentileNormalization(image: [Float](repeating: 7, count: 10), channels: 1)
        #expect(n.scale(0) == 1e-3)
    }
}
