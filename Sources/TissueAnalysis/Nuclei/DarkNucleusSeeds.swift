import TMECore

/// Seeds dark, compact nuclei (lymphocytes) that touch paler ones (vesicular tumor nuclei).
///
/// A lymphocyte pressed against a tumor nucleus forms one foreground object; its distance map often has a
/// single maximum (in the larger, tumor part) or a shallow one that the h-dynamics merge removes. The two differ in
/// stain, not in shape: the lymphocyte's dense chromatin is about twice as dark. Dark pixels are those of the
/// smoothed hematoxylin ≥ `threshold`; a dark *core* is an 8-connected set of dark pixels at Euclidean distance
/// > `radius` from the nearest non-dark pixel (a dark disc of radius > r, not a dark rim, nucleolus or thin
/// spindle). Each core becomes a seed protected from the merge; distance-map seeds inside a dark component that
/// has a core are removed (the core replaces them); other seeds stay, so the pale nucleus keeps its own.
///
/// Reference: the multi-level (component-tree) view of thresholding, J. Matas et al., "Robust wide-baseline
/// stereo from maximally stable extremal regions", BMVC 2002; here with two levels and a size test in µm.
enum DarkNucleusSeeds {
    /// - Parameters:
    ///   - values: smoothed hematoxylin, OD.
    ///   - seeds, seedCount: distance-map seeds (labels 1…seedCount).
    ///   - threshold: dark level, OD. - radius: smallest core radius, pixels.
    /// - Returns: new seeds (kept distance seeds 1…k, then one per dark core) and the first dark label.
    static func addDarkSeeds(values: [Float], seeds: [Int32], seedCount: Int, width: Int, height: Int,
                             threshold: Float, radius: Float) -> (seeds: [Int32], count: Int, firstDark: Int32) {
        let n = width * height
        var dark = [UInt8](repeating: 0, count: n)
        var any = false
        values.withUnsafeBufferPointer { v in
            dark.withUnsafeMutableBufferPointer { d in
                for i in 0..<n where v[i] >= threshold { d[i] = 1; any = true }
            }
        }
        guard any else { return (seeds, seedCount, Int32(seedCount + 1)) }
        let toLight = DistanceTransform.euclidean(mask: dark, width: width, height: height)
        var core = [UInt8](repeating: 0, count: n)
        var anyCore = false
        toLight.withUnsafeBufferPointer { t in
            core.withUnsafeMutableBufferPointer { c in
                for i in 0..<n where t[i] > radius { c[i] = 1; anyCore = true }
            }
        }
        guard anyCore else { return (seeds, seedCount, Int32(seedCount + 1)) }
        // Dark components (as runs) that contain a core: their pixels lose their distance seeds.
        let components = ConnectedComponents.runs(mask: dark, width: width, height: height, eightConnected: true)
        var hasCore = [Bool](repeating: false, count: components.count + 1)
        core.withUnsafeBufferPointer { c in
            for k in 0..<components.start.count where !hasCore[Int(components.component[k])] {
                let base = Int(components.row[k]) * width
                for x in Int(components.start[k])...Int(components.end[k]) where c[base + x] != 0 {
                    hasCore[Int(components.component[k])] = true
                    break
                }
            }
        }
        var inCored = [UInt8](repeating: 0, count: n)
        for k in 0..<components.start.count where hasCore[Int(components.component[k])] {
            let base = Int(components.row[k]) * width
            for x in Int(components.start[k])...Int(components.end[k]) { inCored[base + x] = 1 }
        }
        var present = [Bool](repeating: false, count: seedCount + 1)
        for i in 0..<n where seeds[i] != 0 && inCored[i] == 0 { present[Int(seeds[i])] = true }
        var map = [Int32](repeating: 0, count: seedCount + 1)
        var next: Int32 = 0
        for l in 1..<(seedCount + 1) where present[l] { next += 1; map[l] = next }
        let firstDark = next + 1
        var out = seeds
        out.withUnsafeMutableBufferPointer { o in
            for i in 0..<n where o[i] != 0 { o[i] = map[Int(o[i])] }
        }
        // Each core (8-connected, numbered in raster order) becomes one seed.
        let cores = ConnectedComponents.runs(mask: core, width: width, height: height, eightConnected: true)
        for k in 0..<cores.start.count {
            let base = Int(cores.row[k]) * width, label = next + cores.component[k]
            for x in Int(cores.start[k])...Int(cores.end[k]) { out[base + x] = label }
        }
        return (out, Int(next) + cores.count, firstDark)
    }
}
