/// Moves each object's border to the half-maximum contour of its own stain level.
///
/// A global threshold low enough to keep pale nuclei puts the border of dark nuclei too far out: blurred edges
/// cross a low threshold outside the true edge. For each object, with p the 75th percentile of the smoothed
/// hematoxylin inside it, pixels below `level = max(globalThreshold, fraction · p)` are peeled away from the
/// outside in (breadth-first from pixels touching the background, another object or the tile edge, 4-connected),
/// stopping at pixels ≥ level. The contour at half of the object's level is where a blurred step edge lies
/// (Canny 1986: the edge of a blurred step is at its 50 % point). A pale interior enclosed by a darker rim
/// (vesicular tumor nuclei) is not reached and stays. O(object pixels) (quickselect for the percentile).
enum BorderRefinement {
    static func peel(labels: inout [Int32], count: Int, values: [Float], width w: Int, height h: Int,
                     fraction: Float, globalThreshold: Float) {
        guard count > 0, fraction > 0 else { return }
        // Per-object 75th percentile.
        var start = [Int](repeating: 0, count: count + 2)
        for l in labels where l != 0 { start[Int(l) + 1] += 1 }
        for l in 1...(count + 1) { start[l] += start[l - 1] }
        var fill = start
        var objectValues = [Float](repeating: 0, count: start[count + 1])
        for (i, l) in labels.enumerated() where l != 0 { objectValues[fill[Int(l)]] = values[i]; fill[Int(l)] += 1 }
        var level = [Float](repeating: 0, count: count + 1)
        for l in 1...count where start[l + 1] > start[l] {
            let k = start[l] + (start[l + 1] - start[l]) * 3 / 4
            let p75 = objectValues.withUnsafeMutableBufferPointer { select(k, in: $0, from: start[l], to: start[l + 1] - 1) }
            level[l] = max(globalThreshold, fraction * p75)
        }
        var queue: [Int32] = []
        var queued = [Bool](repeating: false, count: labels.count)
        labels.withUnsafeMutableBufferPointer { lab in
            values.withUnsafeBufferPointer { v in
                @inline(__always) func exposed(_ p: Int, _ l: Int32) -> Bool {
                    let x = p % w, y = p / w
                    return x == 0 || y == 0 || x == w - 1 || y == h - 1
                        || lab[p - 1] != l || lab[p + 1] != l || lab[p - w] != l || lab[p + w] != l
                }
                for p in 0..<lab.count where lab[p] != 0 {
                    let l = lab[p]
                    if v[p] < level[Int(l)] && exposed(p, l) { queue.append(Int32(p)); queued[p] = true }
                }
                var head = 0
                while head < queue.count {
                    let p = Int(queue[head]); head += 1
                    let l = lab[p], x = p % w, y = p / w
                    lab[p] = 0
                    @inline(__always) func visit(_ q: Int) {
                        if lab[q] == l && !queued[q] && v[q] < level[Int(l)] { queued[q] = true; queue.append(Int32(q)) }
                    }
                    if x > 0 { visit(p - 1) }
                    if x < w - 1 { visit(p + 1) }
                    if y > 0 { visit(p - w) }
                    if y < h - 1 { visit(p + w) }
                }
            }
        }
    }

    /// The k-th smallest of `a[lo...hi]` (k absolute), by Hoare's quickselect with a middle pivot; reorders `a`.
    static func select(_ k: Int, in a: UnsafeMutableBufferPointer<Float>, from lo: Int, to hi: Int) -> Float {
        var lo = lo, hi = hi
        while lo < hi {
            let pivot = a[(lo + hi) / 2]
            var i = lo, j = hi
            while i <= j {
                while a[i] < pivot { i += 1 }
                while a[j] > pivot { j -= 1 }
                if i <= j { a.swapAt(i, j); i += 1; j -= 1 }
            }
            if k <= j { hi = j } else if k >= i { lo = i } else { return a[k] }
        }
        return a[k]
    }
}
