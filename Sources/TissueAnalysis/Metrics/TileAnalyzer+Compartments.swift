extension TileAnalyzer {
    /// The cell counts that decide each patch's compartment (`TissueCompartmentParameters.region`).
    ///
    /// With `radiusPixels` = 0: the cells whose centroid lies in the patch. Otherwise: the tumor and stroma cells
    /// of the whole tile (core and margin) within `radiusPixels` of the patch centre — a disc that moves with the
    /// patch, so small patches follow nest borders without depending on where the patch grid happens to cut
    /// them, and patches at the core edge see their neighbours in the margin. Immune and other cells do not
    /// count (they do not decide a compartment).
    /// - Parameters:
    ///   - originX, originY: slide-level pixel of the core's top-left corner.
    static func patchCounts(cells: [Cell], patchOfCell: [Int?], columns: Int, rows: Int, patchPixels: Int,
                            originX: Int, originY: Int, radiusPixels: Double) -> [CellCounts] {
        var counts = [CellCounts](repeating: CellCounts(), count: columns * rows)
        guard radiusPixels > 0 else {
            for (c, patch) in zip(cells, patchOfCell) { if let patch { counts[patch][c.cellClass] += 1 } }
            return counts
        }
        let size = Double(patchPixels), r2 = radiusPixels * radiusPixels
        for c in cells where c.cellClass == .tumor || c.cellClass == .stroma {
            let x = c.nucleus.xPixels - Double(originX), y = c.nucleus.yPixels - Double(originY)
            // Patch (i, j) has its centre at ((i + 0.5)·size, (j + 0.5)·size).
            let i0 = max(0, Int(((x - radiusPixels) / size - 0.5).rounded(.up)))
            let i1 = min(columns - 1, Int(((x + radiusPixels) / size - 0.5).rounded(.down)))
            let j0 = max(0, Int(((y - radiusPixels) / size - 0.5).rounded(.up)))
            let j1 = min(rows - 1, Int(((y + radiusPixels) / size - 0.5).rounded(.down)))
            guard i0 <= i1, j0 <= j1 else { continue }
            for j in j0...j1 {
                let dy = (Double(j) + 0.5) * size - y
                for i in i0...i1 {
                    let dx = (Double(i) + 0.5) * size - x
                    if dx * dx + dy * dy <= r2 { counts[j * columns + i][c.cellClass] += 1 }
                }
            }
        }
        return counts
    }
}
