/// Grows every labelled object outward into unlabelled pixels by a fixed distance: the cell's cytoplasm ring.
///
/// Nearest-object propagation with the 3-4 chamfer metric (Borgefors, CVGIP 34:344, 1986): a forward and a
/// backward raster scan carry (distance, owner) from the four causal neighbours, axial steps costing 3 and
/// diagonal steps 4 (Euclidean within 8 %). Each background pixel within `steps` pixels (chamfer distance
/// ≤ 3·steps) goes to the nearest object — a discrete Voronoi split between neighbours, as QuPath's cell
/// expansion. Returns a label plane holding the owner of each ring pixel (object pixels and pixels beyond the
/// ring are 0). Two sequential passes over the image: O(N), memory read in order.
enum CellExpansion {
    static func rings(labels: [Int32], width: Int, height: Int, steps: Int) -> [Int32] {
        var ring = [Int32](repeating: 0, count: labels.count)
        guard steps > 0 else { return ring }
        let limit = Int32(3 * steps), far = Int32.max / 2
        var distance = labels.map { $0 != 0 ? Int32(0) : far }
        var owner = labels
        distance.withUnsafeMutableBufferPointer { d in
            owner.withUnsafeMutableBufferPointer { o in
                @inline(__always) func relax(_ p: Int, _ q: Int, _ cost: Int32) {
                    let candidate = d[q] + cost
                    if candidate < d[p] { d[p] = candidate; o[p] = o[q] }
                }
                for y in 0..<height {
                    let row = y * width
                    for x in 0..<width where d[row + x] != 0 {
                        let p = row + x
                        if x > 0 { relax(p, p - 1, 3) }
                        if y > 0 {
                            relax(p, p - width, 3)
                            if x > 0 { relax(p, p - width - 1, 4) }
                            if x < width - 1 { relax(p, p - width + 1, 4) }
                        }
                    }
                }
                for y in stride(from: height - 1, through: 0, by: -1) {
                    let row = y * width
                    for x in stride(from: width - 1, through: 0, by: -1) where d[row + x] != 0 {
                        let p = row + x
                        if x < width - 1 { relax(p, p + 1, 3) }
                        if y < height - 1 {
                            relax(p, p + width, 3)
                            if x < width - 1 { relax(p, p + width + 1, 4) }
                            if x > 0 { relax(p, p + width - 1, 4) }
                        }
                    }
                }
                ring.withUnsafeMutableBufferPointer { r in
                    for i in 0..<r.count where d[i] > 0 && d[i] <= limit { r[i] = o[i] }
                }
            }
        }
        return ring
    }
}
