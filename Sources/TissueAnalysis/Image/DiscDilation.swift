/// Which pixels of a query set lie within Euclidean distance r of a source set: the binary dilation of the sources by
/// a disc of radius r, evaluated only where it is asked for.
///
/// The Euclidean distance separates into a column part and a row part: dist(q, S)² = min over columns x′ of
/// (x − x′)² + g(x′)², with g(x′) the vertical distance from q's row to the nearest source in column x′ (the first
/// phase of Meijster et al. 2000). Only distances ≤ r matter, so g is clamped at ⌊r⌋ + 1 and each query pixel
/// checks the 2⌊r⌋ + 1 columns around it, stopping at the first hit: O(width·height + queries·r), against a full
/// distance transform whose row pass runs over every non-source pixel of the tile. The answer equals
/// `DistanceTransform.euclidean(mask: ¬S)[q] ≤ r` (tested).
///
/// Reference: A. Meijster, J. B. T. M. Roerdink, W. H. Hesselink, "A general algorithm for computing distance
/// transforms in linear time", 2000.
enum DiscDilation {
    /// For each pixel with `query[i] ≠ 0`: 1 when a pixel with `sources[j] ≠ 0` lies within `radius`, else 0;
    /// pixels outside the query are 0.
    static func within(radius: Float, of sources: [UInt8], query: [UInt8], width: Int, height: Int) -> [UInt8] {
        let n = width * height
        var result = [UInt8](repeating: 0, count: n)
        guard n > 0, radius >= 0 else { return result }
        let reach = Int(radius), far = Int32(reach + 1), r2 = radius * radius
        var g = [Int32](repeating: far, count: n)
        g.withUnsafeMutableBufferPointer { g in
            sources.withUnsafeBufferPointer { s in
                for x in 0..<width where s[x] != 0 { g[x] = 0 }
                for y in 1..<max(1, height) {
                    let row = y * width, above = row - width
                    for x in 0..<width { g[row + x] = s[row + x] != 0 ? 0 : min(far, g[above + x] + 1) }
                }
                if height > 1 {
                    for y in stride(from: height - 2, through: 0, by: -1) {
                        let row = y * width, below = row + width
                        for x in 0..<width { g[row + x] = min(g[row + x], g[below + x] + 1) }
                    }
                }
            }
            query.withUnsafeBufferPointer { q in
                result.withUnsafeMutableBufferPointer { out in
                    for y in 0..<height {
                        let row = y * width
                        for x in 0..<width where q[row + x] != 0 {
                            for x2 in max(0, x - reach)...min(width - 1, x + reach) {
                                let dx = Float(x2 - x), gy = Float(g[row + x2])
                                if dx * dx + gy * gy <= r2 { out[row + x] = 1; break }
                            }
                        }
                    }
                }
            }
        }
        return result
    }
}
