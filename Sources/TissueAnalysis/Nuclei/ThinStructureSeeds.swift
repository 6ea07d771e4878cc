import TMECore

/// Separates thin (spindle) parts of the foreground from thick (round) ones by a morphological opening, and
/// turns each large enough thin part into a seed of its own.
///
/// A lymphocyte lying on a fibroblast, or a macrophage touching one, forms a single foreground object whose
/// distance map has no saddle between the two: the spindle's ridge rises monotonically into the disc, so the
/// distance-transform watershed cannot split them. The opening by a disc of radius r — erosion
/// E = {p : D(p) > r} (D the Euclidean distance to the background), then dilation O = {q : dist(q, E) ≤ r} —
/// keeps every part of the foreground that is a union of discs of radius > r (round nuclei) and removes the
/// parts narrower than 2r (spindles). The residue R = foreground ∖ O is labelled (8-connected); each residue
/// component of at least `minimumPixels` becomes one seed label, protected from the h-dynamics merge (see
/// `Watershed.flood(protectedFrom:)`), and distance-map seeds inside the residue are removed. Smaller residue
/// pieces (corners, the tips of a kidney-shaped nucleus) carry no seed and are flooded from the thick object
/// they touch. An isolated spindle is residue as a whole and stays one object. After flooding, a thin object
/// whose union with its main neighbour is an ellipse (the tapering end of one elongated nucleus) is merged back
/// (`mergeEllipticalUnions`).
///
/// Cost: one bounded dilation (`DiscDilation`) and one labelling per tile. Reference: J. Serra, *Image
/// Analysis and Mathematical Morphology*, 1982 (opening, granulometry); the residue of an opening is the
/// "white top-hat" of the binary mask.
enum ThinStructureSeeds {
    /// - Parameters:
    ///   - mask: the foreground (nuclei) mask.
    ///   - distance: `DistanceTransform.euclidean(mask:)` of `mask`, pixels.
    ///   - seeds, seedCount: distance-map seeds (labels 1…seedCount).
    ///   - radius: opening radius r, pixels.
    ///   - minimumPixels: smallest residue component that becomes a seed.
    /// - Returns: new seed labels (unprotected seeds first, then protected ones, then thin seeds), the first
    ///   protected label and the number of thin seeds (the last labels).
    ///   - protectedFrom: seeds from this label on are already protected (they keep their order).
    static func addThinSeeds(mask: [UInt8], distance: [Float], seeds: [Int32], seedCount: Int, width: Int, height: Int,
                             radius: Float, minimumPixels: Int,
                             protectedFrom: Int32 = .max) -> (seeds: [Int32], count: Int, firstProtected: Int32, thinCount: Int) {
        let n = width * height
        // The eroded set E; the opening O is the part of the foreground within r of it.
        var core = [UInt8](repeating: 0, count: n)
        var anyCore = false
        distance.withUnsafeBufferPointer { d in
            core.withUnsafeMutableBufferPointer { c in
                for i in 0..<n where d[i] > radius { c[i] = 1; anyCore = true }
            }
        }
        var residue = mask
        if anyCore {
            let opened = DiscDilation.within(radius: radius, of: core, query: mask, width: width, height: height)
            opened.withUnsafeBufferPointer { o in
                residue.withUnsafeMutableBufferPointer { r in
                    for i in 0..<n where o[i] != 0 { r[i] = 0 }
                }
            }
        }
        let thin = ConnectedComponents.runs(mask: residue, width: width, height: height, eightConnected: true)
        var size = [Int](repeating: 0, count: thin.count + 1)
        for k in 0..<thin.start.count { size[Int(thin.component[k])] += Int(thin.end[k] - thin.start[k]) + 1 }
        // Thick seeds outside the residue, relabelled consecutively; then one label per large residue component.
        var map = [Int32](repeating: 0, count: seedCount + 1)
        var present = [Bool](repeating: false, count: seedCount + 1)
        for i in 0..<n where seeds[i] != 0 && residue[i] == 0 { present[Int(seeds[i])] = true }
        var next: Int32 = 0, firstProtected: Int32 = 0
        for l in 1..<(seedCount + 1) where present[l] {
            next += 1
            map[l] = next
            if Int32(l) >= protectedFrom && firstProtected == 0 { firstProtected = next }
        }
        if firstProtected == 0 { firstProtected = next + 1 }
        let firstThinLabel = next + 1
        var thinMap = [Int32](repeating: 0, count: thin.count + 1)
        for l in 1..<(thin.count + 1) where size[l] >= minimumPixels { next += 1; thinMap[l] = next }
        var out = seeds
        out.withUnsafeMutableBufferPointer { o in
            residue.withUnsafeBufferPointer { r in
                for i in 0..<n where o[i] != 0 { o[i] = r[i] != 0 ? 0 : map[Int(o[i])] }
            }
        }
        for k in 0..<thin.start.count {
            let base = Int(thin.row[k]) * width, label = thinMap[Int(thin.component[k])]
            for x in Int(thin.start[k])...Int(thin.end[k]) { out[base + x] = label }
        }
        return (out, Int(next), firstProtected, Int(next - firstThinLabel + 1))
    }
}

extension ThinStructureSeeds {
    /// Gives a thin object back to the neighbour it shares the longest border with when their union is an
    /// ellipse: the tapering ends of one elongated nucleus are also removed by the opening, but a tip and its
    /// nucleus together fill their moment-equivalent ellipse (area / (π·a·b) ≈ 1, with a, b = 2√λ the semi-axes
    /// of the second central moments), whereas a spindle crossing or touching a round nucleus makes a cross or a
    /// T that fills markedly less (≈ 0.85–0.9). Relabels consecutively; returns the new count.
    /// - Parameters:
    ///   - firstThin: the first label (after flooding and merging) that came from a thin seed.
    ///   - minimumFill: union fill ratio from which the thin object is merged back.
    static func mergeEllipticalUnions(labels: inout [Int32], count: Int, firstThin: Int32, width: Int, height: Int,
                                      minimumFill: Double) -> Int {
        guard count > 0, firstThin <= Int32(count) else { return count }
        // Moments per label: n, Σx, Σy, Σx², Σy², Σxy.
        var m = [Double](repeating: 0, count: (count + 1) * 6)
        var contacts: [UInt64: Int] = [:]
        labels.withUnsafeBufferPointer { lab in
            for y in 0..<height {
                let row = y * width
                for x in 0..<width {
                    let l = Int(lab[row + x])
                    guard l != 0 else { continue }
                    let fx = Double(x), fy = Double(y), k = l * 6
                    m[k] += 1; m[k + 1] += fx; m[k + 2] += fy; m[k + 3] += fx * fx; m[k + 4] += fy * fy; m[k + 5] += fx * fy
                    if x + 1 < width, lab[row + x + 1] != 0, lab[row + x + 1] != Int32(l) {
                        let o = lab[row + x + 1]
                        if Int32(l) >= firstThin || o >= firstThin { contacts[Self.key(Int32(l), o), default: 0] += 1 }
                    }
                    if y + 1 < height, lab[row + width + x] != 0, lab[row + width + x] != Int32(l) {
                        let o = lab[row + width + x]
                        if Int32(l) >= firstThin || o >= firstThin { contacts[Self.key(Int32(l), o), default: 0] += 1 }
                    }
                }
            }
        }
        // For each thin label: the neighbour with the longest border (ties: the smaller label).
        var best = [Int32](repeating: 0, count: count + 1), bestLength = [Int](repeating: 0, count: count + 1)
        for (key, length) in contacts.sorted(by: { $0.key < $1.key }) {
            let a = Int32(key >> 32), b = Int32(key & 0xffff_ffff)
            for (thin, other) in [(a, b), (b, a)] where thin >= firstThin && length > bestLength[Int(thin)] {
                best[Int(thin)] = other
                bestLength[Int(thin)] = length
            }
        }
        func fill(_ s: [Double]) -> Double {
            let n = s[0], mx = s[1] / n, my = s[2] / n
            let cxx = s[3] / n - mx * mx, cyy = s[4] / n - my * my, cxy = s[5] / n - mx * my
            let root = (((cxx - cyy) / 2) * ((cxx - cyy) / 2) + cxy * cxy).squareRoot()
            let l1 = (cxx + cyy) / 2 + root, l2 = max(0, (cxx + cyy) / 2 - root)
            // Pixel squares: add the 1/12 px² variance of a unit square to each axis.
            let a = 2 * (l1 + 1.0 / 12).squareRoot(), b = 2 * (l2 + 1.0 / 12).squareRoot()
            return n / (Double.pi * a * b)
        }
        var target = Array(0...Int32(count))
        for t in Int(firstThin)...count where best[t] != 0 {
            let o = Int(best[t])
            let union = (0..<6).map { m[t * 6 + $0] + m[o * 6 + $0] }
            if fill(union) >= minimumFill { target[t] = best[t] }
        }
        // Resolve chains (a thin object merged into another thin object that merged too), then renumber.
        func root(_ l: Int32) -> Int32 { var r = l; var steps = 0; while target[Int(r)] != r && steps < count { r = target[Int(r)]; steps += 1 }; return r }
        var final = [Int32](repeating: 0, count: count + 1)
        var next: Int32 = 0
        for l in 1...count where root(Int32(l)) == Int32(l) { next += 1; final[l] = next }
        for l in 1...count { final[l] = final[Int(root(Int32(l)))] }
        labels.withUnsafeMutableBufferPointer { lab in
            for i in 0..<lab.count where lab[i] != 0 { lab[i] = final[Int(lab[i])] }
        }
        return Int(next)
    }

    private static func key(_ a: Int32, _ b: Int32) -> UInt64 {
        a < b ? UInt64(a) << 32 | UInt64(b) : UInt64(b) << 32 | UInt64(a)
    }
}
