/// Full-resolution tiles side by side, each with a scale bar and its detected cells, plus one
/// legend column naming the cell classes (so every tile is drawn at the same size).
public struct TileStrip: ReportGraphic, Sendable, Hashable, Codable {
    public var tiles: [TileFigureData]
    public var cellClassNames: [String]
    /// Caption under each tile (same order as `tiles`).
    public var captions: [String]

    public init(tiles: [TileFigureData], cellClassNames: [String], captions: [String]) {
        self.tiles = tiles; self.cellClassNames = cellClassNames; self.captions = captions
    }

    public func draw(on canvas: Canvas, in rect: Rect) throws {
        guard !tiles.isEmpty else { return }
        let legendWidth = cellClassNames.isEmpty ? 0.0 : 74.0
        let gap = 10.0
        let slots = Double(tiles.count)
        let width = (rect.width - legendWidth - gap * slots) / slots
        for (i, tile) in tiles.enumerated() {
            let box = Rect(x: rect.minX + Double(i) * (width + gap), y: rect.minY, width: width, height: rect.height)
            let figure = SlideFigure(image: tile.image, micronsPerPixel: tile.micronsPerPixel,
                                     caption: i < captions.count ? captions[i] : "", cells: tile.cells)
            try figure.draw(on: canvas, in: box)
        }
        guard !cellClassNames.isEmpty else { return }
        let x = rect.maxX - legendWidth + 4
        try canvas.drawLabel("Cells", at: Point(x: x, y: rect.minY), anchor: .topLeft, style: TextStyle(sizePoints: 7.5, weight: .bold))
        let style = TextStyle(sizePoints: 7, overflow: .ellipsis)
        for (i, name) in cellClassNames.enumerated() {
            let y = rect.minY + 14 + Double(i) * 11
            guard y + 10 <= rect.maxY else { break }
            let s = Palette.style(for: i)
            try canvas.marker(s.marker, at: Point(x: x + 4, y: y + 5), size: 5, color: s.color, filled: false)
            try canvas.drawLabel(name, at: Point(x: x + 11, y: y + 5), anchor: .middleLeft, style: style, maxWidth: legendWidth - 15)
        }
    }
}

/// A boxed list of "label: value" lines (slide facts beside a figure).
public struct FactsBox: ReportGraphic, Sendable, Hashable, Codable {
    public var title: String
    public var facts: [[String]]

    public init(title: String, facts: [[String]]) { self.title = title; self.facts = facts }

    public func draw(on canvas: Canvas, in rect: Rect) throws {
        try canvas.drawLabel(title, at: Point(x: rect.minX, y: rect.minY), anchor: .topLeft,
                             style: TextStyle(sizePoints: 9, weight: .bold), maxWidth: rect.width)
        var y = rect.minY + 16
        let labelStyle = TextStyle(sizePoints: 7.5, weight: .bold, overflow: .wrapLines(maxLines: 2))
        let valueStyle = TextStyle(sizePoints: 7.5, overflow: .wrapLines(maxLines: 3))
        let labelWidth = min(100, rect.width * 0.4)
        for fact in facts where fact.count == 2 {
            let h = max(try canvas.measure(fact[0], style: labelStyle, width: labelWidth).height,
                        try canvas.measure(fact[1], style: valueStyle, width: rect.width - labelWidth - 6).height)
            guard y + h <= rect.maxY else { break }
            try canvas.drawText(fact[0], in: Rect(x: rect.minX, y: y, width: labelWidth, height: h), style: labelStyle)
            try canvas.drawText(fact[1], in: Rect(x: rect.minX + labelWidth + 6, y: y, width: rect.width - labelWidth - 6, height: h),
                                style: valueStyle)
            y += h + 3
        }
    }
}
