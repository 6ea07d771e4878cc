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
    private let distance: UnsafeMutablePointer<Int32>  // (side + 2)², padded
    private let paddedMask: UnsafeMutablePointer<Bool>  // (side + 2)², false border
    private let queue: UnsafeMutablePointer<Int32>
    private let runningCounts: UnsafeMutablePointer<Int32>  // side + 1
    private let rows: UnsafeMutablePointer<Bool>
    private let dilated: UnsafeMutablePointer<Bool>
    private let reachedBackground: UnsafeMutablePointer<Bool>

    init(side: Int) {
        self.side = side
        let area = side * side
        let padded = (side + 2) * (side + 2)
        distance = .allocate(capacity: padded)
        distance.initialize(repeating: -1, count: padded)  // the border stays -1
        paddedMask = .allocate(capacity: padded)
        paddedMask.initialize(repeating: false, count: padded)
        queue = .allocate(capacity: area)
        runningCounts = .allocate(capacity: side + 1)
        rows = .allocate(capacity: area)
        dilated = .allocate(capacity: area)
        reachedBackground = .allocate(capacity: area)
    }

    deinit {
        distance.deallocate()
        paddedMask.deallocate()
        queue.deallocate()
        runningCounts.deallocate()
        rows.deallocate()
        dilated.deallocate()
        reachedBackground.deallocate()
    }

    /// Marks in `reached` the mask pixels within geodesic distance `side` of the sources (which need not be in
    /// the mask). `reached` must hold `side²` values; it is overwritten. Breadth-first on a copy of the mask with
    /// a one-pixel false border, so neighbours need no bounds checks.
    func floodFill(mask: UnsafePointer<Bool>, sources: [Int], reached: UnsafeMutablePointer<Bool>) {
        let n = side, s = n + 2
        let limit = Int32(n)
        let dist = distance, q = queue, m = paddedMask
        for y in 0..<n {
            for x in 0..<n {
                let r = (y + 1) * s + x + 1
                m[r] = mask[y * n + x]
                dist[r] = -1
            }
        }
        var tail = 0
        for source in sources {
            let r = (source / n + 1) * s + source % n + 1
            guard dist[r] < 0 else { continue }
            dist[r] = 0
            q[tail] = Int32(r)
            tail += 1
        }
        propagate(head: 0, tail: tail, limit: limit)
        readReached(into: reached)
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
        floodBackground(filled: filled)
        for i in 0..<(n * n) where !filled[i] {
            p[i] = reachedBackground[i] ? 0 : threshold
        }
    }

    /// `floodFill(mask: !filled, sources: !dilated)` into `reachedBackground`, visiting only the band
    /// `dilated && !filled`: every source is background and at distance 0, so the breadth-first search starts
    /// from the band pixels next to a source (distance 1) and never needs to expand a source.
    private func floodBackground(filled: UnsafePointer<Bool>) {
        let n = side, s = n + 2
        let limit = Int32(n)
        let dist = distance, q = queue, m = paddedMask
        for y in 0..<n {
            for x in 0..<n {
                let r = (y + 1) * s + x + 1, i = y * n + x
                m[r] = !filled[i]
                dist[r] = dilated[i] ? -1 : 0
            }
        }
        let offsets = (-s - 1, -s, -s + 1, -1, 1, s - 1, s, s + 1)
        var tail = 0
        if limit >= 1 {
            for y in 0..<n {
                for x in 0..<n where dilated[y * n + x] && !filled[y * n + x] {
                    let r = (y + 1) * s + x + 1
                    let nextToSource = dist[r + offsets.0] == 0 || dist[r + offsets.1] == 0 || dist[r + offsets.2] == 0
                        || dist[r + offsets.3] == 0 || dist[r + offsets.4] == 0 || dist[r + offsets.5] == 0
                        || dist[r + offsets.6] == 0 || dist[r + offsets.7] == 0
                    if nextToSource {
                        q[tail] = Int32(r)
                        tail += 1
                    }
                }
            }
            for k in 0..<tail { dist[Int(q[k])] = 1 }
        }
        propagate(head: 0, tail: tail, limit: limit)
        readReached(into: reachedBackground)
    }

    /// Breadth-first growth over `paddedMask` from the queued pixels `queue[head..<tail]` (their `distance` set):
    /// each unvisited 8-neighbour in the mask gets distance + 1, up to `limit`.
    @inline(__always)
    private func propagate(head: Int, tail: Int, limit: Int32) {
        let s = side + 2, dist = distance, q = queue, m = paddedMask
        let offsets = (-s - 1, -s, -s + 1, -1, 1, s - 1, s, s + 1)
        var head = head, tail = tail
        while head < tail {
            let p = Int(q[head])
            head += 1
            let d = dist[p]
            if d == limit { continue }
            @inline(__always) func visit(_ r: Int) {
                if m[r] && dist[r] < 0 {
                    dist[r] = d + 1
                    q[tail] = Int32(r)
                    tail += 1
                }
            }
            visit(p + offsets.0); visit(p + offsets.1); visit(p + offsets.2); visit(p + offsets.3)
            visit(p + offsets.4); visit(p + offsets.5); visit(p + offsets.6); visit(p + offsets.7)
        }
    }

    /// The mask pixels the last `propagate` reached, unpadded.
    private func readReached(into reached: UnsafeMutablePointer<Bool>) {
        let n = side, s = n + 2, dist = distance, m = paddedMask
        for y in 0..<n {
            for x in 0..<n {
                let r = (y + 1) * s + x + 1
                reached[y * n + x] = m[r] && dist[r] >= 0
            }
        }
    }

    /// `dilated` = a 3 × 3 max-pool applied `radius` times = the Chebyshev dilation by `radius`, clipped to the
    /// window: separable, each pass by running counts.
    private func dilate(_ filled: UnsafeMutablePointer<Bool>, radius: Int) {
        let n = side
        let count = runningCounts
        for y in 0..<n {
            let row = filled + y * n
            count[0] = 0
            for x in 0..<n { count[x + 1] = count[x] + (row[x] ? 1 : 0) }
            for x in 0..<n { rows[y * n + x] = count[min(x + radius, n - 1) + 1] > count[max(x - radius, 0)] }
        }
        for x in 0..<n {
            count[0] = 0
            for y in 0..<n { count[y + 1] = count[y] + (rows[y * n + x] ? 1 : 0) }
            for y in 0..<n { dilated[y * n + x] = count[min(y + radius, n - 1) + 1] > count[max(y - radius, 0)] }
        }
    }
}
