extension ReportDocument {
    /// Adds `table`, splitting it between rows across as many pages as needed. Every page
    /// repeats the caption (with "(continued)") and the header row; body rows alternate with the
    /// zebra fill. Cell text wraps up to `maxLinesPerCell` lines and ends in "…" beyond.
    public func addTable(_ table: Table) throws {
        try table.validate()
        let canvas0 = try currentCanvas()
        let widths = table.columnWidths(totalWidth: contentRect.width)
        let s = table.style
        let cellStyle = TextStyle(sizePoints: s.fontSize, overflow: .wrapLines(maxLines: s.maxLinesPerCell))
        let headerStyle = cellStyle.with(weight: .bold)
        let captionStyle = TextStyle.heading2.with(size: 10, overflow: .wrapLines(maxLines: 2))

        func rowHeight(_ cells: [String], style: TextStyle) throws -> Double {
            var h = s.fontSize * 1.2
            for (i, cell) in cells.enumerated() {
                let size = try canvas0.measure(cell, style: style.with(alignment: table.columns[i].alignment),
                                               width: widths[i] - 2 * s.cellPadding)
                h = max(h, size.height)
            }
            return h + 2 * s.cellPadding
        }
        let headerHeight = try rowHeight(table.columns.map(\.title), style: headerStyle)
        let captionHeight = table.caption.isEmpty ? 0 : try canvas0.measure(table.caption + " (continued)",
                                                                            style: captionStyle, width: contentRect.width).height + 4

        var continued = false
        func drawHeaderBlock() throws {
            let firstRowGuess = table.rows.isEmpty ? 0 : s.fontSize * 1.2 + 2 * s.cellPadding
            if remainingHeight < captionHeight + headerHeight + firstRowGuess { try startNewPage() }
            let canvas = try currentCanvas()
            if !table.caption.isEmpty {
                let text = continued ? table.caption + " (continued)" : table.caption
                let r = try reserveRaw(height: captionHeight)
                try canvas.drawText(text, in: r.inset(bottom: 4), style: captionStyle)
            }
            let r = try reserveRaw(height: headerHeight)
            try canvas.fill(r, color: s.headerFill)
            try drawCells(table.columns.map(\.title), in: r, widths: widths, table: table, style: headerStyle, canvas: canvas)
            try canvas.line(from: Point(x: r.minX, y: r.maxY), to: Point(x: r.maxX, y: r.maxY), color: s.ruleColor, lineWidth: 0.8)
            continued = true
        }

        try drawHeaderBlock()
        for (index, row) in table.rows.enumerated() {
            let h = try rowHeight(row, style: cellStyle)
            if remainingHeight < h {
                try startNewPage()
                try drawHeaderBlock()
            }
            let canvas = try currentCanvas()
            let r = try reserveRaw(height: h)
            if index % 2 == 1, let zebra = s.zebraFill { try canvas.fill(r, color: zebra) }
            try drawCells(row, in: r, widths: widths, table: table, style: cellStyle, canvas: canvas)
        }
        let canvas = try currentCanvas()
        try canvas.line(from: Point(x: contentRect.minX, y: cursorY), to: Point(x: contentRect.maxX, y: cursorY),
                        color: s.ruleColor, lineWidth: 0.8)
        addSpace(blockSpacing)
    }

    private func drawCells(_ cells: [String], in row: Rect, widths: [Double], table: Table,
                           style: TextStyle, canvas: Canvas) throws {
        var x = row.minX
        let pad = table.style.cellPadding
        for (i, cell) in cells.enumerated() {
            let box = Rect(x: x, y: row.y, width: widths[i], height: row.height).inset(by: pad)
            try canvas.drawText(cell, in: box, style: style.with(alignment: table.columns[i].alignment))
            x += widths[i]
        }
    }
}
