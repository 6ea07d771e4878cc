import Testing
import TMECore

/// `removeSmall` (run-based) against the pixel flood fill SlideIO used before, on random masks: same output.
@Suite struct ConnectedComponentsTests {
    /// The former SlideIO implementation, kept here as the reference: depth-first flood fill per component.
    static func floodFillRemoveSmall(_ mask: inout [UInt8], width: Int, height: Int, value: UInt8, below: Int,
                                     eightConnected: Bool, keepBorder: Bool) {
        guard below > 1, width > 0, height > 0 else { return }
        var seen = [Bool](repeating: false, count: mask.count)
        var stack: [Int] = [], component: [Int] = []
        let offsets4 = [(-1, 0), (1, 0), (0, -1), (0, 1)]
        let offsets = eightConnected ? offsets4 + [(-1, -1), (1, -1), (-1, 1), (1, 1)] : offsets4
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

    @Test(arguments: 0..<40)
    func removeSmallEqualsTheFloodFill(trial: Int) {
        var random = SplitMix64(seed: UInt64(trial))
        let width = 1 + Int(random.next() % 40), height = 1 + Int(random.next() % 40)
        let density = Double(random.next() % 100) / 100
        let mask = (0..<(width * height)).map { _ in Double(random.next() >> 11) * 0x1.0p-53 < density ? UInt8(1) : 0 }
        for value: UInt8 in [0, 1] {
            for eight in [false, true] {
                for keepBorder in [false, true] {
                    let below = 2 + Int(random.next() % 12)
                    var ours = mask, reference = mask
                    ConnectedComponents.removeSmall(&ours, width: width, height: height, value: value, below: below,
                                                    eightConnected: eight, keepBorder: keepBorder)
                    Self.floodFillRemoveSmall(&reference, width: width, height: height, value: value, below: below,
                                              eightConnected: eight, keepBorder: keepBorder)
                    #expect(ours == reference, "\(width)×\(height), value \(value), below \(below), 8-conn \(eight), keepBorder \(keepBorder)")
                }
            }
        }
    }
}
