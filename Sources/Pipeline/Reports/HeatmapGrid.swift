import Reports

/// A grid over the whole slide (level-0 extent) for drawing per-tile values on the thumbnail.
///
/// Rule: the grid has C × R cells with C/R matching the slide's aspect and max(C, R) ≤ maxCells
/// (fewer when tiles are coarser); each cell takes the value of the tile containing the cell
/// centre in level-0 pixels, NaN where no tile is stored. So the grid covers exactly the slide
/// and stays aligned with the thumbnail even when edge tiles are clipped.
struct HeatmapGrid {
    let columns: Int
    let rows: Int
    /// Tile index per cell, -1 for none.
    let cellTile: [Int]
    let tiles: [SlideFigureLoader.TileRow]

    init(slideWidth: Int, slideHeight: Int, tiles: [SlideFigureLoader.TileRow], maxCells: Int) {
        self.tiles = tiles
        let tileSide = max(1, tiles.map { min($0.width, $0.height) }.min() ?? 1)
        // No more cells than needed to show each tile as at least one cell (4 per tile side).
        let needed = max(slideWidth, slideHeight) * 4 / tileSide + 1
        let longest = max(1, min(maxCells, needed))
        if slideWidth >= slideHeight {
            columns = longest
            rows = max(1, Int((Double(longest) * Double(slideHeight) / Double(max(slideWidth, 1))).rounded()))
        } else {
            rows = longest
            columns = max(1, Int((Double(longest) * Double(slideWidth) / Double(max(slideHeight, 1))).rounded()))
        }
        var lookup: [Int: Int] = [:]
        for (i, t) in tiles.enumerated() { lookup[(t.x / tileSide) &* 1_048_576 &+ t.y / tileSide] = i }
        var cells = [Int](repeating: -1, count: columns * rows)
        for r in 0..<rows {
            let y = (Double(r) + 0.5) * Double(slideHeight) / Double(rows)
            for c in 0..<columns {
                let x = (Double(c) + 0.5) * Double(slideWidth) / Double(columns)
                let key = (Int(x) / tileSide) &* 1_048_576 &+ Int(y) / tileSide
                if let i = lookup[key] {
                    let t = tiles[i]
                    if Int(x) < t.x + t.width, Int(y) < t.y + t.height { cells[r * columns + c] = i }
                }
            }
        }
        cellTile = cells
    }

    /// The grid of `value(tile)`; the colour range is 0 … the largest finite value (or `fixedUpper`).
    func heatmap(fixedUpper: Double? = nil, _ value: (SlideFigureLoader.TileRow) -> Double) throws -> Heatmap {
        let perTile = tiles.map(value)
        let values = cellTile.map { $0 >= 0 ? perTile[$0] : .nan }
        let maxValue = perTile.filter(\.isFinite).max() ?? 0
        let upper = fixedUpper ?? (maxValue > 0 ? NiceScale(minimum: 0, maximum: maxValue, maxTicks: 5).upper : 1)
        return try Heatmap(columns: columns, rows: rows, values: values, lower: 0, upper: upper)
    }
}
