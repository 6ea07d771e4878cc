import Foundation

/// Separable Gaussian smoothing of a Float32 plane.
///
/// `out(x, y) = Σ_i Σ_j g(i) g(j) in(x + i, y + j)` with `g(i) ∝ exp(−i² / 2σ²)`, |i| ≤ ⌈3σ⌉, normalised to sum 1;
/// pixels outside the plane repeat the nearest edge pixel (scipy's mode "nearest"). Two 1-D passes, so the
/// cost is 2·(2⌈3σ⌉+1) multiply-adds per pixel. σ ≤ 0 returns the input unchanged.
enum GaussianFilter {
    static func kernel(sigma: Double) -> [Float] {
        let radius = max(1, Int((3 * sigma).rounded(.up)))
        var k = (-radius...radius).map { i in exp(-Double(i * i) / (2 * sigma * sigma)) }
        let sum = k.reduce(0, +)
        k = k.map { $0 / sum }
        return k.map(Float.init)
    }

    static func smooth(_ input: [Float], width: Int, height: Int, sigma: Double) -> [Float] {
        guard sigma > 0 else { return input }
        let k = kernel(sigma: sigma), r = k.count / 2
        var tmp = [Float](repeating: 0, count: input.count)
        var out = [Float](repeating: 0, count: input.count)
        input.withUnsafeBufferPointer { src in
            tmp.withUnsafeMutableBufferPointer { dst in
                k.withUnsafeBufferPointer { kw in horizontal(src, dst, width, height, kw, r) }
            }
        }
        tmp.withUnsafeBufferPointer { src in
            out.withUnsafeMutableBufferPointer { dst in
                k.withUnsafeBufferPointer { kw in vertical(src, dst, width, height, kw, r) }
            }
        }
        return out
    }

    private static func horizontal(_ src: UnsafeBufferPointer<Float>, _ dst: UnsafeMutableBufferPointer<Float>,
                                   _ w: Int, _ h: Int, _ k: UnsafeBufferPointer<Float>, _ r: Int) {
        for y in 0..<h {
            let row = y * w
            // Edges: clamp indices.
            for x in 0..<w where x < r || x + r >= w {
                var s: Float = 0
                for i in 0..<k.count { s += k[i] * src[row + min(w - 1, max(0, x + i - r))] }
                dst[row + x] = s
            }
            guard w > 2 * r else { continue }
            // Interior: one tap at a time over the whole row, which the compiler vectorises.
            let lo = row + r, hi = row + w - r
            for x in lo..<hi { dst[x] = 0 }
            for i in 0..<k.count {
                let weight = k[i], shift = i - r
                for x in lo..<hi { dst[x] += weight * src[x + shift] }
            }
        }
    }

    private static func vertical(_ src: UnsafeBufferPointer<Float>, _ dst: UnsafeMutableBufferPointer<Float>,
                                 _ w: Int, _ h: Int, _ k: UnsafeBufferPointer<Float>, _ r: Int) {
        for y in 0..<h {
            let out = y * w
            for x in 0..<w { dst[out + x] = 0 }
            for i in 0..<k.count {
                let weight = k[i]
                let source = min(h - 1, max(0, y + i - r)) * w
                for x in 0..<w { dst[out + x] += weight * src[source + x] }
            }
        }
    }
}
