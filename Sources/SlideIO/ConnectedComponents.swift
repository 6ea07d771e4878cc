/// Flood-fill helpers on a row-major binary mask (0/1 bytes).
enum ConnectedComponents {
    /// Flips components of pixels equal to `value` with fewer than `below` pixels to the other value.
    /// With `keepBorder == false`, components touching the image border are never flipped (holes).
    static func removeSmall(_ mask: inout [UInt8], width: Int, height: Int, value: UInt8, below: Int,
                            eightConnected: Bool, keepBorder: Bool) {
        guard below > 1, width > 0, height > 0 else { return }
        var seen = [Bool](repeating: false, count: mask.count)
        var stack: [Int] = []
        var component: [Int] = []
        let offsets4 = [(-1, 0), (1, 0), (0, -1), (0, 1)]
        let offsets8 = offsets4 + [(-1, -1), (1, -1), (-1, 1), (1, 1)]
        let offsets = eightConnected ? offsets8 : offsets4
        for start in mask.indices where mask[start] == value && !seen[start] {
            component.removeAll(keepingCapacity: true)
            var touchesBorder = false
            seen[start] = true
            stack.append(start)
            while let p = stack.popLast() {
                component.append(p)
                let x = p % width, y = p / width
                if x == 0 || y == 0 || x == width - 1 || y == height - 1 { touchesBorder = true }
                for (dx, dy) in offsets {
                    let nx = x + dx, ny = y + dy
                    guard nx >= 0, ny >= 0, nx < width, ny < height else { continue }
                    let q = ny * width + nx
                    if mask[q] == value && !seen[q] { seen[q] = true; stack.append(q) }
                }
            }
            if component.count < below && (keepBorder || !touchesBorder) {
                for p in component { mask[p] = 1 - value }
            }
        }
    }
}
