import TMECore

/// Seeded watershed by flooding with a hierarchical (bucket) queue, and merging of shallow basins.
///
/// Flooding (Meyer 1994; Beucher & Meyer 1993): pixels carry an integer priority (lower floods first);
/// every seed pixel enters the queue; a popped pixel gives its label to each unlabelled 8-neighbour inside the
/// mask, which enters the queue at `max(its priority, the popped priority)`. Ties leave in FIFO order. Each
/// pixel enters once: O(N + levels).
///
/// While flooding, the saddle between two basins A and B is recorded as the largest `min(h(p), h(q))` over
/// 8-adjacent pixels p ∈ A, q ∈ B, where h is the height map given (the distance transform here). Basins
/// whose dynamic `min(peak_A, peak_B) − saddle_AB` is at most `mergeDepth` are then merged, pairs in
/// decreasing saddle order (union–find): a plateau or ridge split into several seeds becomes one object,
/// while two overlapping discs with a clear neck stay two (Grimaud 1992, the dynamics of a maximum).
/// Seeds labelled `protectedFrom` or higher are never merged (whole thin structures, `ThinStructureSeeds`).
enum Watershed {
    /// - Parameters:
    ///   - heights: per-pixel height (distance map); higher floods first.
    ///   - mask: pixels that may be labelled.
    ///   - seeds: seed labels 1…seedCount (0 elsewhere).
    ///   - levels: number of priority buckets the heights are quantised into.
    ///   - protectedFrom: seed labels from this one on are never merged.
    /// - Returns: labels after flooding and merging, consecutive from 1, and their count.
    static func flood(heights: [Float], mask: [UInt8], seeds: [Int32], seedCount: Int, width: Int, height: Int,
                      mergeDepth: Float, levels: Int = 1024, protectedFrom: Int32 = .max) -> (labels: [Int32], count: Int) {
        guard seedCount > 0 else { return ([Int32](repeating: 0, count: width * height), 0) }
        var top: Float = 0
        for (i, h) in heights.enumerated() where mask[i] != 0 { top = max(top, h) }
        let scale = top > 0 ? Float(levels - 1) / top : 0
        var labels = seeds
        var peak = [Float](repeating: 0, count: seedCount + 1)
        for i in 0..<labels.count where labels[i] != 0 { peak[Int(labels[i])] = max(peak[Int(labels[i])], heights[i]) }
        // Flood each 8-connected mask component on its own: its pixels stay in cache, and a component with a
        // single seed label (most isolated nuclei) is labelled without a queue.
        let runs = ConnectedComponents.runs(mask: mask, width: width, height: height, eightConnected: true)
        var runStart = [Int](repeating: 0, count: runs.count + 2)
        for c in runs.component { runStart[Int(c) + 1] += 1 }
        for c in 0...runs.count { runStart[c + 1] += runStart[c] }
        var fill = runStart
        var runOrder = [Int32](repeating: 0, count: runs.start.count)
        for (k, c) in runs.component.enumerated() { runOrder[fill[Int(c)]] = Int32(k); fill[Int(c)] += 1 }
        // Hierarchical queue as linked lists in flat arrays: one FIFO per level, `next` links pixels.
        var head = [Int32](repeating: -1, count: levels), tail = head
        var next = [Int32](repeating: -1, count: width * height)
        var saddles: [UInt64: Float] = [:]
        labels.withUnsafeMutableBufferPointer { lab in
            heights.withUnsafeBufferPointer { h in
                mask.withUnsafeBufferPointer { m in
                    head.withUnsafeMutableBufferPointer { head in
                        tail.withUnsafeMutableBufferPointer { tail in
                            next.withUnsafeMutableBufferPointer { next in
                                @inline(__always) func push(_ q: Int, _ level: Int) {
                                    if tail[level] < 0 { head[level] = Int32(q) } else { next[Int(tail[level])] = Int32(q) }
                                    tail[level] = Int32(q)
                                }
                                var lastKey: UInt64 = .max, lastSaddle: Float = 0
                                for c in 1...max(1, runs.count) where runs.count > 0 {
                                    // Seed labels present in the component.
                                    var first: Int32 = 0, several = false
                                    for r in runStart[c]..<runStart[c + 1] {
                                        let k = Int(runOrder[r]), base = Int(runs.row[k]) * width
                                        for x in Int(runs.start[k])...Int(runs.end[k]) where lab[base + x] != 0 {
                                            if first == 0 { first = lab[base + x] } else if lab[base + x] != first { several = true }
                                        }
                                    }
                                    if first == 0 { continue }
                                    if !several {
                                        for r in runStart[c]..<runStart[c + 1] {
                                            let k = Int(runOrder[r]), base = Int(runs.row[k]) * width
                                            for x in Int(runs.start[k])...Int(runs.end[k]) { lab[base + x] = first }
                                        }
                                        continue
                                    }
                                    var lowest = levels, highest = 0
                                    for r in runStart[c]..<runStart[c + 1] {
                                        let k = Int(runOrder[r]), base = Int(runs.row[k]) * width
                                        for x in Int(runs.start[k])...Int(runs.end[k]) where lab[base + x] != 0 {
                                            let level = levels - 1 - Int(h[base + x] * scale)
                                            push(base + x, level)
                                            lowest = min(lowest, level)
                                            highest = max(highest, level)
                                        }
                                    }
                                    var level = lowest
                                    while level <= highest {
                                        var cursor = head[level]
                                        while cursor >= 0 {
                                            let p = Int(cursor)
                                            let x = p % width, y = p / width, lp = lab[p], hp = h[p]
                                            let y0 = y > 0 ? -1 : 0, y1 = y < height - 1 ? 1 : 0
                                            let x0 = x > 0 ? -1 : 0, x1 = x < width - 1 ? 1 : 0
                                            for dy in y0...y1 {
                                                let row = p + dy * width
                                                for dx in x0...x1 {
                                                    let q = row + dx
                                                    guard m[q] != 0, q != p else { continue }
                                                    let lq = lab[q]
                                                    if lq == 0 {
                                                        lab[q] = lp
                                                        let target = max(level, levels - 1 - Int(h[q] * scale))
                                                        push(q, target)
                                                        highest = max(highest, target)
                                                    } else if lq != lp {
                                                        let key = lp < lq ? UInt64(lp) << 32 | UInt64(lq) : UInt64(lq) << 32 | UInt64(lp)
                                                        let s = min(hp, h[q])
                                                        if key == lastKey && s <= lastSaddle { continue }
                                                        let best = max(s, saddles[key] ?? s)
                                                        saddles[key] = best
                                                        lastKey = key
                                                        lastSaddle = best
                                                    }
                                                }
                                            }
                                            cursor = next[p]
                                        }
                                        head[level] = -1
                                        tail[level] = -1
                                        level += 1
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        return merge(labels: &labels, peak: peak, saddles: saddles, seedCount: seedCount, mergeDepth: mergeDepth,
                     protectedFrom: protectedFrom)
    }

    private static func merge(labels: inout [Int32], peak: [Float], saddles: [UInt64: Float], seedCount: Int,
                              mergeDepth: Float, protectedFrom: Int32) -> ([Int32], Int) {
        var parent = Array(0...Int32(seedCount))
        var top = peak
        func find(_ a: Int32) -> Int32 {
            var r = a
            while parent[Int(r)] != r { r = parent[Int(r)] }
            var n = a
            while parent[Int(n)] != r { let next = parent[Int(n)]; parent[Int(n)] = r; n = next }
            return r
        }
        let ordered = saddles.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
        for (key, saddle) in ordered {
            let a = find(Int32(key >> 32)), b = find(Int32(key & 0xffff_ffff))
            guard a != b, a < protectedFrom, b < protectedFrom,
                  min(top[Int(a)], top[Int(b)]) - saddle <= mergeDepth else { continue }
            let (keep, drop) = a < b ? (a, b) : (b, a)
            parent[Int(drop)] = keep
            top[Int(keep)] = max(top[Int(keep)], top[Int(drop)])
        }
        var final = [Int32](repeating: 0, count: seedCount + 1)
        var count: Int32 = 0
        for l in 1...seedCount {
            let r = find(Int32(l))
            if r == Int32(l) { count += 1; final[l] = count }
        }
        for l in 1...seedCount { final[l] = final[Int(find(Int32(l)))] }
        labels.withUnsafeMutableBufferPointer { lab in
            for i in 0..<lab.count where lab[i] != 0 { lab[i] = final[Int(lab[i])] }
        }
        return (labels, Int(count))
    }
}
