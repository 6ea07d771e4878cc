import Foundation

/// A 1:1 example of a rendered slide with its truth drawn on it, for eyes (reports/examples/).
///
/// The window (side `size` px) is the one, among windows on a `size/2` grid, whose node mask is closest to
/// half tumor and half stroma with the least background. Output: the plain render on the left and the same
/// pixels with every truth cell marked on the right (tumor red, lymphocyte green, macrophage yellow,
/// stroma blue; a ring of radius 4 px around the centre), side by side.
public enum ExampleTile {
    public static let classColours: [SimulatedCellClass: (UInt8, UInt8, UInt8)] = [
        .tumor: (230, 30, 30), .lymphocyte: (0, 200, 60), .macrophage: (250, 210, 0), .stroma: (30, 90, 255),
    ]

    /// (x, y) of the chosen window, level-0 px.
    public static func chooseWindow(layout: TissueLayout, size: Int) -> (Int, Int) {
        let g = layout.geometry, regions = layout.nodeRegions(), s = layout.step
        var best = (0, 0), bestScore = Double.infinity
        for y in stride(from: 0, through: g.heightPx - size, by: size / 2) {
            for x in stride(from: 0, through: g.widthPx - size, by: size / 2) {
                var t = 0, bg = 0, n = 0
                for j in stride(from: y / s, to: (y + size) / s, by: 1) {
                    for i in stride(from: x / s, to: (x + size) / s, by: 1) {
                        n += 1
                        switch regions[j * layout.nodesX + i] {
                        case .tumor: t += 1
                        case .background: bg += 1
                        case .stroma: break
                        }
                    }
                }
                let score = abs(Double(t) / Double(n) - 0.5) + 2 * Double(bg) / Double(n)
                if score < bestScore { bestScore = score; best = (x, y) }
            }
        }
        return best
    }

    /// Side-by-side RGB (2·size × size × 3): render | render with truth marks.
    public static func render(renderer: SlideRenderer, size: Int) -> (x: Int, y: Int, rgb: [UInt8]) {
        let (x0, y0) = chooseWindow(layout: renderer.tissue.layout, size: size)
        let plain = renderer.renderRegion(x: x0, y: y0, width: size, height: size)
        var out = [UInt8](repeating: 255, count: 2 * size * size * 3)
        for j in 0..<size {
            for i in 0..<size {
                for c in 0..<3 {
                    let v = plain[(j * size + i) * 3 + c]
                    out[(j * 2 * size + i) * 3 + c] = v
                    out[(j * 2 * size + size + i) * 3 + c] = v
                }
            }
        }
        for cell in renderer.tissue.population.cells {
            let cx = cell.x - Float(x0), cy = cell.y - Float(y0)
            guard cx >= 0, cy >= 0, cx < Float(size), cy < Float(size), let col = classColours[cell.cellClass] else { continue }
            for step in 0..<32 {
                let a = Float(step) / 32 * 2 * .pi
                for r: Float in [3.5, 4.5] {
                    let px = Int(cx + r * cos(a)), py = Int(cy + r * sin(a))
                    guard px >= 0, py >= 0, px < size, py < size else { continue }
                    let o = (py * 2 * size + size + px) * 3
                    out[o] = col.0; out[o + 1] = col.1; out[o + 2] = col.2
                }
            }
        }
        return (x0, y0, out)
    }
}
