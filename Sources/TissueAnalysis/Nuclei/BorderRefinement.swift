/// Moves each object's border to the half-maximum contour of its own stain level.
///
/// A global threshold low enough to keep pale nuclei puts the border of dark nuclei too far out: blurred edges
/// cross a low threshold outside the true edge. For each object, with p the 75th percentile of the smoothed
/// hematoxylin inside it, pixels below `level = max(globalThreshold, fraction · p)` are peeled away from the
/// outside in (breadth-first from pixels touching the background, another object or the tile edge, 4-connected),
/// stopping at pixels ≥ level. The contour at half of the object's level is where a blurred step edge lies
/// (Canny 1986: the edge of a blurred step is at its 50 % point). A pale interior enclosed by a darker rim
/// (vesicular tumor nuclei) is not reached and stays. O(object pixels) (quickselect for the percentile).
///
/// Two-level (hysteresis) floor: when the foreground came from a level below the whole-tile one
/// (`NucleusDetectionParameters.otsuCeilingOD`), an object whose median reaches `strongThreshold` (the whole-tile
/// level: an evenly dark nucleus, such as a macrophage, fibroblast or lymphocyte) keeps that level as its floor, i.e.
/// the border a one-level segmentation gave it and on which the classifier's chromatin and texture rules were set.
/// Objects mostly below it get `globalThreshold`: pale nuclei the lower level alone finds, and vesicular nuclei whose
/// dark rim alone reaches the upper level (at the upper floor the peel would enter an open rim and leave fragments).
/// Without the strong floor, macrophages widen to their half-maximum, read 5 % lighter and more textured, and fall
/// into the tumor rules (VALIDATION.md, session 4).
enum BorderRefinement {
    static func peel(labels: inout [Int32], count: Int, values: [Float], width w: Int, height h: Int,
                     fraction: Float, globalThreshold: Float, strongThreshold: Float? = nil) {
        guard count > 0, fraction > 0 else { return }
        // Per-object 75th percentile.
        var start = [Int](repeating: 0, count: count + 2)
        var objectValues: [Float] = []
        labels.withUnsafeBufferPointer { lab in
            values.withUnsafeBufferPointer { v in
                start.withUnsafeMutableBufferPointer { st in
                    for i in 0..<lab.count where lab[i] != 0 { st[Int(lab[i]) + 1] += 1 }
                    for l in 1...(count + 1) { st[l] += st[l - 1] }
                    var fill = Array(st)
                    objectValues = [Float](repeating: 0, count: st[count + 1])
                    objectValues.withUnsafeMutableBufferPointer { ov in
                        fill.withUnsafeMutableBufferPointer { f in
                            for i in 0..<lab.count where lab[i] != 0 {
                                let l = Int(lab[i])
                                ov[f[l]] = v[i]
                                f[l] += 1
                            }
                        }
                    }
                }
            }
        }
        var level = [Float](repeating: 0, count: count + 1)
        objectValues.withUnsafeMutableBufferPointer { ov in
            for l in 1...count where start[l + 1] > start[l] {
                let k = start[l] + (start[l + 1] - start[l]) * 3 / 4
                let p = select(k, in: ov, from: start[l], to: start[l + 1] - 1)
                var floor = globalThreshold
                if let strong = strongThreshold {
                    // After the 75th-percentile select the lower three quarters sit below k, so the median is found there.
                    let median = select(start[l] + (start[l + 1] - start[l]) / 2, in: ov, from: start[l], to: k)
                    if median >= strong { floor = max(strong, globalThreshold) }
                }
                level[l] = max(floor, fraction * p)
            }
        }
        // Breadth-first peeling; a pixel is removed (label 0) when it is queued, so the label plane itself
        // marks what has been visited.
        var queue: [Int64] = []
        labels.withUnsafeMutableBufferPointer { lab in
            values.withUnsafeBufferPointer { v in
                level.withUnsafeBufferPointer { lv in
                    for y in 0..<h {
                        let row = y * w
                        for x in 0..<w {
                            let p = row + x, l = lab[p]
                            guard l != 0, v[p] < lv[Int(l)] else { continue }
                            let exposed = x == 0 || y == 0 || x == w - 1 || y == h - 1
                                || lab[p - 1] != l || lab[p + 1] != l || lab[p - w] != l || lab[p + w] != l
                            if exposed { lab[p] = 0; queue.append(Int64(p) << 32 | Int64(l)) }
                        }
                    }
                    var head = 0
                    while head < queue.count {
                        let entry = queue[head]; head += 1
                        let p = Int(entry >> 32), l = Int32(truncatingIfNeeded: entry), x = p % w, y = p / w
                        let limit = lv[Int(l)]
                        @inline(__always) func visit(_ q: Int) {
                            if lab[q] == l && v[q] < limit { lab[q] = 0; queue.append(Int64(q) << 32 | Int64(l)) }
                        }
                        if x > 0 { visit(p - 1) }
                        if x < w - 1 { visit(p + 1) }
                        if y > 0 { visit(p - w) }
                        if y < h - 1 { visit(p + w) }
                    }
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
