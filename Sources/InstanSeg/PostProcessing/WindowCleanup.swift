/// InstanSeg's `flood_fill` and `fill_holes` on one square window, as the TorchScript code computes them with
/// repeated 3 × 3 max-pools (8-connectivity, nothing beyond the window's border).
///
/// `flood_fill(mask, seeds)` dilates the seed set by one pixel and intersects it with the mask, at most
/// `max(side)` times or until nothing changes. The result is therefore every mask pixel whose geodesic
/// (8-connected, through mask pixels) distance from a seed is at most the window side; a seed pixel itself
/// counts only if it is in the mask, but its mask neighbours are reached either way.
///
/// `fill_holes(filled)` floods the background (`!filled`) from the pixels farther than 3 (Chebyshev) from
/// every filled pixel; background left unreached is a hole. A window whose filled pixels come within 3 pixels
/// of every window pixel therefore has no seed for the background, and all its background counts as holes.
final class WindowCleanup {
    let side: Int
    // Scratch buffers of side² values, owned here and reused for every window.
    private let distance: UnsafeMutablePointer<Int32>
    private let queue: UnsafeMutablePointer<Int32>
    private let rows: UnsafeMutablePointer<Bool>
    private let dilated: UnsafeMutablePointer<Bool>
    private let reachedBackground: UnsafeMutablePointer<Bool>
    private var sources: [Int] = []

    init(side: Int) {
        self.side = side
        let area = side * side
        distance = .allocate(capacity: area)
        queue = .allocate(capacity: area)
        rows = .allocate(capacity: area)
        dilated = .allocate(capacity: area)
        reachedBackground = .allocate(capacity: area)
    }

    deinit {
        distance.deallocate()
        queue.deallocate()
        rows.deallocate()
        dilated.deallocate()
        reachedBackground.deallocate()
    }

    /// Marks in `reached` the mask pixels within geodesic distance `side` of the sources (which need not be in
    /// the mask). `reached` must hold `side²` values; it is overwritten.
    func floodFill(mask: UnsafePointer<Bool>, sources: [Int], reached: UnsafeMutablePointer<Bool>) {
        let n = side
        let limit = Int32(n)
        let dist = distance, q = queue
        for i in 0..<(n * n) {
            dist[i] = -1
            reached[i] = false
        }
        var head = 0, tail = 0
        for s in sources where dist[s] < 0 {
            dist[s] = 0
            reached[s] = mask[s]
            q[tail] = Int32(s)
            tail += 1
        }
        while head < tail {
            let p = Int(q[head])
            head += 1
            let d = dist[p]
            if d == limit { continue }
            let py = p / n, px = p % n
            for yy in max(py - 1, 0)...min(py + 1, n - 1) {
                for xx in max(px - 1, 0)...min(px + 1, n - 1) {
                    let r = yy * n + xx
                    if dist[r] < 0 && mask[r] {
                        dist[r] = d + 1
                        reached[r] = true
                        q[tail] = Int32(r)
                        tail += 1
                    }
                }
            }
        }
    }

    /// InstanSeg's cleanup of one window's probabilities: keep the mask component of the seed (`flood_fill`
    /// from the seed pixel over `p ≥ threshold`), set everything else to 0, and set its holes (`fill_holes`)
    /// to exactly `threshold`. `filled` and `background` are scratch buffers of `side²` values.
    func clean(probabilities p: UnsafeMutablePointer<Float>, seed: Int, threshold: Float,
               filled: UnsafeMutablePointer<Bool>, background: UnsafeMutablePointer<Bool>) {
        let n = side
        for i in 0..<(n * n) { background[i] = p[i] >= threshold }
        floodFill(mask: background, sources: [seed], reached: filled)
        // Sources for the background: pixels with no filled pixel within Chebyshev distance 3.
        dilate(filled, radius: 3)
        sources.removeAll(keepingCapacity: true)
        for i in 0..<(n * n) {
            background[i] = !filled[i]
            if !dilated[i] { sources.append(i) }
        }
        floodFill(mask: background, sources: sources, reached: reachedBackground)
        for i in 0..<(n * n) where !filled[i] {
            p[i] = reachedBackground[i] ? 0 : threshold
        }
    }

    /// `dilated` = a 3 × 3 max-pool applied `radius` times = the Chebyshev dilation by `radius`, clipped.
    private func dilate(_ filled: UnsafeMutablePointer<Bool>, radius: Int) {
        let n = side
        for y in 0..<n {
            for x in 0..<n {
                var any = false
                for xx in max(x - radius, 0)...min(x + radius, n - 1) where filled[y * n + xx] {
                    any = true
                    break
                }
                rows[y * n + x] = any
            }
        }
        for y in 0..<n {
            for x in 0..<n {
                var any = false
                for yy in max(y - radius, 0)...min(y + radius, n - 1) where rows[yy * n + x] {
                    any = true
                    break
                }
                dilated[y * n + x] = any
            }
        }
    }
}
