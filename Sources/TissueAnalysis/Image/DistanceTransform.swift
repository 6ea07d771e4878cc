/// Exact Euclidean distance transform in linear time (Felzenszwalb & Huttenlocher).
///
/// For every foreground pixel (mask ≠ 0) the distance in pixels to the nearest background pixel (mask = 0);
/// background pixels get 0. Pixels outside the plane are not background (as scipy's `distance_transform_edt`),
/// so a region touching the edge is measured only from its inner boundary; a plane without background gets
/// a large value (≥ width + height) everywhere. The column pass is the two scans of Meijster et al. (2000), the row pass the
/// lower envelope of parabolas over each foreground run and its two background neighbours: O(width·height), reading
/// memory in order.
///
/// References: A. Meijster, J. B. T. M. Roerdink, W. H. Hesselink, "A general algorithm for computing distance
/// transforms in linear time", Math. Morphology and its Applications to Image and Signal Processing, 2000;
/// P. F. Felzenszwalb, D. P. Huttenlocher, "Distance transforms of sampled functions",
/// Theory of Computing 8:415–428, 2012.
enum DistanceTransform {
    static func euclidean(mask: [UInt8], width: Int, height: Int) -> [Float] {
        let infinity = Float((width + height) * (width + height))
        let far = Float(width + height)
        var d = [Float](repeating: 0, count: width * height)
        var f = [Float](repeating: 0, count: width), out = f
        var v = [Int32](repeating: 0, count: width), z = [Float](repeating: 0, count: width + 1)
        d.withUnsafeMutableBufferPointer { g in
            mask.withUnsafeBufferPointer { m in
                // Phase 1 (columns) as two row-major scans, so memory is read in order (Meijster et al. 2000):
                // g = distance along the column to the nearest background pixel.
                for x in 0..<width { g[x] = m[x] == 0 ? 0 : far }
                for y in 1..<max(1, height) {
                    let row = y * width, above = row - width
                    for x in 0..<width { g[row + x] = m[row + x] == 0 ? 0 : g[above + x] + 1 }
                }
                if height > 1 {
                    for y in stride(from: height - 2, through: 0, by: -1) {
                        let row = y * width, below = row + width
                        for x in 0..<width { g[row + x] = min(g[row + x], g[below + x] + 1) }
                    }
                }
                // Phase 2 (rows): lower envelope of parabolas on g², one foreground run at a time. For a pixel of a
                // run [a, b] the background pixels a − 1 and b + 1 (g = 0) are nearer than any parabola beyond them,
                // so only [a − 1, b + 1] enters its envelope: the cost follows the foreground, not the tile width.
                for y in 0..<height {
                    let row = y * width
                    var a = 0
                    while a < width {
                        guard m[row + a] != 0 else { a += 1; continue }
                        var b = a
                        while b + 1 < width && m[row + b + 1] != 0 { b += 1 }
                        let lo = max(0, a - 1), hi = min(width - 1, b + 1), n = hi - lo + 1
                        for x in lo...hi { let gx = g[row + x]; f[x - lo] = gx >= far ? infinity : gx * gx }
                        transform1D(&f, &out, &v, &z, n)
                        for x in a...b { g[row + x] = out[x - lo].squareRoot() }
                        a = b + 1
                    }
                }
            }
        }
        return d
    }

    /// Squared-distance transform of one line: `out[q] = min_p (q − p)² + f[p]`.
    private static func transform1D(_ f: inout [Float], _ out: inout [Float], _ v: inout [Int32], _ z: inout [Float], _ n: Int) {
        f.withUnsafeMutableBufferPointer { f in
            out.withUnsafeMutableBufferPointer { out in
                v.withUnsafeMutableBufferPointer { v in
                    z.withUnsafeMutableBufferPointer { z in
                        var k = 0
                        v[0] = 0
                        z[0] = -.infinity
                        z[1] = .infinity
                        if n > 1 {
                            for q in 1..<n {
                                let fq = f[q] + Float(q * q)
                                var s: Float
                                repeat {
                                    let p = Int(v[k])
                                    s = (fq - (f[p] + Float(p * p))) / Float(2 * (q - p))
                                    if s <= z[k] { k -= 1 } else { break }
                                } while k >= 0
                                k += 1
                                v[k] = Int32(q)
                                z[k] = s
                                z[k + 1] = .infinity
                            }
                        }
                        k = 0
                        for q in 0..<n {
                            while z[k + 1] < Float(q) { k += 1 }
                            let p = Int(v[k])
                            out[q] = Float((q - p) * (q - p)) + f[p]
                        }
                    }
                }
            }
        }
    }
}
