/// Connected-component labelling of a binary mask by union–find over horizontal runs (the run-based
/// two-pass scheme; Rosenfeld & Pfaltz 1966, He et al., IEEE TIP 17:749, 2008).
///
/// Returns labels 1…count in raster order of each component's first pixel (0 = background) and the count.
/// `eightConnected` joins diagonal neighbours; otherwise only the four edge neighbours.
public enum ConnectedComponents {
    /// Horizontal runs of foreground pixels, in raster order, with the component of each run.
    public struct Runs: Sendable {
        public var row: [Int32] = [], start: [Int32] = [], end: [Int32] = []   // end inclusive
        public var component: [Int32] = []
        public var count = 0
    }

    /// Labels runs (not pixels): union–find over runs of adjacent rows that touch, so the cost is one scan
    /// of the mask plus work proportional to the number of runs.
    public static func runs(mask: [UInt8], width: Int, height: Int, eightConnected: Bool) -> Runs {
        var r = Runs()
        var rowFirst = [Int](repeating: 0, count: height + 1)
        mask.withUnsafeBufferPointer { m in
            for y in 0..<height {
                rowFirst[y] = r.start.count
                let base = y * width
                var x = 0
                while x < width {
                    if m[base + x] == 0 { x += 1; continue }
                    let s = x
                    while x < width && m[base + x] != 0 { x += 1 }
                    r.row.append(Int32(y)); r.start.append(Int32(s)); r.end.append(Int32(x - 1))
                }
            }
        }
        rowFirst[height] = r.start.count
        let n = r.start.count
        var parent = (0..<n).map { Int32($0) }
        func find(_ a: Int) -> Int {
            var root = a
            while Int(parent[root]) != root { root = Int(parent[root]) }
            var node = a
            while Int(parent[node]) != root { let next = Int(parent[node]); parent[node] = Int32(root); node = next }
            return root
        }
        let slack: Int32 = eightConnected ? 1 : 0
        if height > 1 {
            for y in 1..<height {
                var i = rowFirst[y - 1], j = rowFirst[y]
                while i < rowFirst[y] && j < rowFirst[y + 1] {
                    if r.start[j] <= r.end[i] + slack && r.start[i] <= r.end[j] + slack {
                        let a = find(i), b = find(j)
                        if a != b { parent[max(a, b)] = Int32(min(a, b)) }
                    }
                    if r.end[i] < r.end[j] { i += 1 } else { j += 1 }
                }
            }
        }
        r.component = [Int32](repeating: 0, count: n)
        var next: Int32 = 0
        for k in 0..<n {
            let root = find(k)
            if root == k { next += 1; r.component[k] = next } else { r.component[k] = r.component[root] }
        }
        r.count = Int(next)
        return r
    }

    public static func label(mask: [UInt8], width: Int, height: Int, eightConnected: Bool) -> (labels: [Int32], count: Int) {
        let r = runs(mask: mask, width: width, height: height, eightConnected: eightConnected)
        var labels = [Int32](repeating: 0, count: width * height)
        labels.withUnsafeMutableBufferPointer { l in
            for k in 0..<r.start.count {
                let base = Int(r.row[k]) * width, c = r.component[k]
                for x in Int(r.start[k])...Int(r.end[k]) { l[base + x] = c }
            }
        }
        return (labels, r.count)
    }

    /// Fills holes: background components (4-connected) that do not touch the plane's edge and have at most
    /// `maximumHolePixels` pixels become foreground. Mutates `mask` in place.
    public static func fillHoles(_ mask: inout [UInt8], width: Int, height: Int, maximumHolePixels: Int) {
        guard maximumHolePixels > 0 else { return }
        let inverse = mask.map { $0 == 0 ? UInt8(1) : 0 }
        let r = runs(mask: inverse, width: width, height: height, eightConnected: false)
        guard r.count > 0 else { return }
        var size = [Int](repeating: 0, count: r.count + 1)
        var touches = [Bool](repeating: false, count: r.count + 1)
        for k in 0..<r.start.count {
            let c = Int(r.component[k])
            size[c] += Int(r.end[k] - r.start[k]) + 1
            if r.row[k] == 0 || Int(r.row[k]) == height - 1 || r.start[k] == 0 || Int(r.end[k]) == width - 1 { touches[c] = true }
        }
        mask.withUnsafeMutableBufferPointer { m in
            for k in 0..<r.start.count {
                let c = Int(r.component[k])
                guard !touches[c] && size[c] <= maximumHolePixels else { continue }
                let base = Int(r.row[k]) * width
                for x in Int(r.start[k])...Int(r.end[k]) { m[base + x] = 1 }
            }
        }
    }

    /// Flips components of pixels equal to `value` (0 or 1, in a 0/1 mask) with fewer than `below` pixels to the
    /// other value; with `keepBorder == false`, components touching the image border are never flipped (holes
    /// open to the edge). Components are those of the mask as given (flipping one never merges others).
    public static func removeSmall(_ mask: inout [UInt8], width: Int, height: Int, value: UInt8, below: Int,
                                   eightConnected: Bool, keepBorder: Bool) {
        guard below > 1, width > 0, height > 0 else { return }
        let selected = mask.map { $0 == value ? UInt8(1) : 0 }
        let r = runs(mask: selected, width: width, height: height, eightConnected: eightConnected)
        guard r.count > 0 else { return }
        var size = [Int](repeating: 0, count: r.count + 1)
        var touches = [Bool](repeating: false, count: r.count + 1)
        for k in 0..<r.start.count {
            let c = Int(r.component[k])
            size[c] += Int(r.end[k] - r.start[k]) + 1
            if r.row[k] == 0 || Int(r.row[k]) == height - 1 || r.start[k] == 0 || Int(r.end[k]) == width - 1 { touches[c] = true }
        }
        mask.withUnsafeMutableBufferPointer { m in
            for k in 0..<r.start.count {
                let c = Int(r.component[k])
                guard size[c] < below && (keepBorder || !touches[c]) else { continue }
                let base = Int(r.row[k]) * width
                for x in Int(r.start[k])...Int(r.end[k]) { m[base + x] = 1 - value }
            }
        }
    }
}
