/// Vectorised single-precision exp and tanh on 8 lanes, so the activations of a 500-tile bag do not
/// pay a scalar libm call per element.
///
/// Both follow Cephes (Moshier 1989, `expf.c`, `tanhf.c`):
/// - exp(x) = 2ⁿ · e^r with n = round(x·log₂e) and r = x − n·ln 2 (ln 2 split into a high and a low
///   part), e^r by a degree-7 polynomial; inputs are clamped to [−87.33, 88.37] (the normal range).
/// - tanh(x) = x + x³·P(x²) for |x| < 0.625, else sign(x)·(1 − 2/(e^{2|x|} + 1)).
/// Measured error against Double references in the tests: relative ≤ 3e-7 for exp on [−80, 80]; absolute
/// ≤ 3e-7 for tanh on [−20, 20].
enum VectorMath {
    typealias V = SIMD8<Float>

    @inline(__always)
    static func exp(_ v: V) -> V {
        var x = v.clamped(lowerBound: V(repeating: -87.33), upperBound: V(repeating: 88.37))
        // n = round(x·log₂e) by the 1.5·2²³ trick: t's low mantissa bits then hold n as an integer,
        // which avoids (slow, non-vectorised) float→int conversions.
        let magic = V(repeating: 12_582_912)
        let t = x * 1.442_695_04 + magic
        let n = t - magic
        x = x - n * 0.693_359_375 + n * 2.121_944_40e-4
        let z = x * x
        var y = V(repeating: 1.987_569_15e-4)
        y = y * x + 1.398_199_95e-3
        y = y * x + 8.333_451_907e-3
        y = y * x + 4.166_579_589e-2
        y = y * x + 1.666_666_546e-1
        y = y * x + 5.000_000_120e-1
        y = y * z + x + 1
        let k = unsafeBitCast(t, to: SIMD8<Int32>.self) &- 0x4B40_0000
        return y * unsafeBitCast((k &+ 127) &<< 23, to: V.self)
    }

    @inline(__always)
    static func tanh(_ v: V) -> V {
        let a = abs(v)
        let e = exp(2 * a)
        var large = 1 - 2 / (e + 1)
        large.replace(with: -large, where: v .< 0)
        let z = v * v
        var p = V(repeating: -5.704_988_727_45e-3)
        p = p * z + 2.063_908_879_54e-2
        p = p * z - 5.373_971_555_31e-2
        p = p * z + 1.333_144_220_36e-1
        p = p * z - 3.333_328_194_22e-1
        let small = p * z * v + v
        var out = large
        out.replace(with: small, where: a .< 0.625)
        return out
    }

    @inline(__always)
    static func abs(_ v: V) -> V { v.replacing(with: -v, where: v .< 0) }

    /// Applies `f` to `input` in chunks of 8 (the tail zero-padded), writing values and derivatives.
    @inline(__always)
    static func map(_ input: UnsafeBufferPointer<Float>, _ values: UnsafeMutableBufferPointer<Float>,
                    _ derivatives: UnsafeMutableBufferPointer<Float>, _ f: (V) -> (V, V)) {
        let n = input.count
        let inBase = UnsafeRawPointer(input.baseAddress), yBase = UnsafeMutableRawPointer(values.baseAddress)
        let dBase = UnsafeMutableRawPointer(derivatives.baseAddress)
        let stride = MemoryLayout<Float>.stride
        var i = 0
        while i + 8 <= n {
            let (y, d) = f(inBase!.loadUnaligned(fromByteOffset: i * stride, as: V.self))
            yBase!.storeBytes(of: y, toByteOffset: i * stride, as: V.self)
            dBase!.storeBytes(of: d, toByteOffset: i * stride, as: V.self)
            i += 8
        }
        guard i < n else { return }
        var tail = V()
        for k in 0..<(n - i) { tail[k] = input[i + k] }
        let (y, d) = f(tail)
        for k in 0..<(n - i) { values[i + k] = y[k]; derivatives[i + k] = d[k] }
    }
}
