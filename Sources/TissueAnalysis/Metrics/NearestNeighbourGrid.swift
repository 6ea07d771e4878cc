/// Nearest-point queries on a uniform grid of buckets covering the points' bounding box: square rings of
/// buckets are searched outward (clipped to the grid) until the ring's nearest possible distance exceeds the
/// best distance found or the ring has left the grid. Exact Euclidean nearest neighbour.
struct NearestNeighbourGrid {
    private let cell: Double
    private let minX: Double, minY: Double
    private let nx: Int, ny: Int
    private var start: [Int] = []
    private var xs: [Double] = [], ys: [Double] = []

    init(points: [(Double, Double)], cellSizeMicrons: Double) {
        cell = cellSizeMicrons
        minX = points.map(\.0).min() ?? 0
        minY = points.map(\.1).min() ?? 0
        let maxX = points.map(\.0).max() ?? 0, maxY = points.map(\.1).max() ?? 0
        nx = points.isEmpty ? 0 : Int((maxX - minX) / cell) + 1
        ny = points.isEmpty ? 0 : Int((maxY - minY) / cell) + 1
        guard !points.isEmpty else { return }
        // Counting sort of points by bucket.
        let bucketOf = points.map { min(ny - 1, Int(($0.1 - minY) / cell)) * nx + min(nx - 1, Int(($0.0 - minX) / cell)) }
        start = [Int](repeating: 0, count: nx * ny + 1)
        for b in bucketOf { start[b + 1] += 1 }
        for b in 0..<(nx * ny) { start[b + 1] += start[b] }
        var fill = start
        xs = [Double](repeating: 0, count: points.count)
        ys = xs
        for (p, b) in zip(points, bucketOf) { xs[fill[b]] = p.0; ys[fill[b]] = p.1; fill[b] += 1 }
    }

    /// Distance to the nearest point within `limit`, or nil.
    func nearestDistance(x: Double, y: Double, within limit: Double) -> Double? {
        guard nx > 0 else { return nil }
        let ci = Int(((x - minX) / cell).rounded(.down)), cj = Int(((y - minY) / cell).rounded(.down))
        var best = Double.infinity
        // Beyond this ring every bucket of the grid has been visited.
        let lastRing = max(abs(ci), abs(ci - (nx - 1)), abs(cj), abs(cj - (ny - 1)))
        for r in 0...lastRing {
            // Any point in ring r is at least (r − 1)·cell away.
            if Double(r - 1) * cell > min(best, limit) { break }
            for j in [cj - r, cj + r] where j >= 0 && j < ny {
                let lo = max(0, ci - r), hi = min(nx - 1, ci + r)
                if lo <= hi { for i in lo...hi { scan(bucket: j * nx + i, x, y, &best) } }
                if r == 0 { break }
            }
            guard r > 0 else { continue }
            for i in [ci - r, ci + r] where i >= 0 && i < nx {
                let lo = max(0, cj - r + 1), hi = min(ny - 1, cj + r - 1)
                if lo <= hi { for j in lo...hi { scan(bucket: j * nx + i, x, y, &best) } }
            }
        }
        return best <= limit ? best : nil
    }

    private func scan(bucket: Int, _ x: Double, _ y: Double, _ best: inout Double) {
        for k in start[bucket]..<start[bucket + 1] {
            let d = ((xs[k] - x) * (xs[k] - x) + (ys[k] - y) * (ys[k] - y)).squareRoot()
            if d < best { best = d }
        }
    }
}
