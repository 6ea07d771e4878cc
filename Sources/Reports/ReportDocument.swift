/// Something that draws itself into a rectangle: the charts and figures of this module.
public protocol ReportGraphic {
    /// Draws into `rect` on `canvas`, never outside it.
    func draw(on canvas: Canvas, in rect: Rect) throws
}

/// A multi-page report laid out top to bottom: headings, paragraphs, tables (split across pages
/// with the header row repeated), charts and figures. Pages are recorded and turned into a PDF by
/// `render()`, which adds the running header and the footer ("research use only", page X of Y).
///
/// Not thread-safe: build one document per task (each has its own Pango font map, so
/// documents on different tasks render in parallel). Rendering touches no files.
public final class ReportDocument {
    public let settings: DocumentSettings
    private var pages: [RecordedPage] = []
    private var fontMapStorage: FontMap?
    /// Vertical position of the next block on the current page, in points from the page top.
    public private(set) var cursorY: Double
    /// Space between blocks, in points.
    public var blockSpacing: Double = 8

    public init(settings: DocumentSettings) {
        self.settings = settings
        self.cursorY = settings.contentRect.minY
    }

    /// Pages so far.
    public var pageCount: Int { pages.count }
    /// The area between the margins.
    public var contentRect: Rect { settings.contentRect }
    /// Height left on the current page below the cursor (0 before the first page).
    public var remainingHeight: Double { pages.isEmpty ? 0 : contentRect.maxY - cursorY }

    /// Starts a new page and puts the cursor at its top.
    public func startNewPage() throws {
        pages.append(try RecordedPage(size: settings.pageSize, fontMap: try fontMap()))
        cursorY = contentRect.minY
    }

    /// The canvas of the current page (starting the first page if needed).
    public func currentCanvas() throws -> Canvas {
        if pages.isEmpty { try startNewPage() }
        return pages[pages.count - 1].canvas
    }

    /// Returns a full-width rectangle of `height` points at the cursor, starting a new page when
    /// the current one has less room; heights above a page are cut to the page. Moves the cursor
    /// below it (plus `blockSpacing`).
    public func reserve(height: Double) throws -> Rect {
        let h = min(max(height, 0), contentRect.height)
        if pages.isEmpty || cursorY + h > contentRect.maxY + 1e-6 { try startNewPage() }
        let rect = Rect(x: contentRect.minX, y: cursorY, width: contentRect.width, height: h)
        cursorY = min(cursorY + h + blockSpacing, contentRect.maxY)
        return rect
    }

    /// Takes exactly `height` points at the cursor without a page check (tables check first).
    func reserveRaw(height: Double) throws -> Rect {
        if pages.isEmpty { try startNewPage() }
        let rect = Rect(x: contentRect.minX, y: cursorY, width: contentRect.width, height: height)
        cursorY += height
        return rect
    }

    /// Adds vertical space (ignored at the top of a page).
    public func addSpace(_ points: Double) {
        guard !pages.isEmpty, cursorY > contentRect.minY else { return }
        cursorY = min(cursorY + points, contentRect.maxY)
    }

    /// Adds a heading (level 1 or 2), moving it to the next page when fewer than `keepWithNext`
    /// points would remain under it, so a heading never ends a page alone.
    public func addHeading(_ text: String, level: Int = 1, keepWithNext: Double = 60) throws {
        let style = level <= 1 ? TextStyle.heading1 : TextStyle.heading2
        let canvas = try currentCanvas()
        let size = try canvas.measure(text, style: style, width: contentRect.width)
        if remainingHeight < size.height + keepWithNext { try startNewPage() }
        let rect = try reserve(height: size.height)
        try currentCanvas().drawText(text, in: rect, style: style)
    }

    /// Adds a wrapped paragraph, continuing on the next page(s) between lines when it does not fit.
    public func addParagraph(_ text: String, style: TextStyle = .body) throws {
        var rest = text
        while true {
            let canvas = try currentCanvas()
            let size = try canvas.measure(rest, style: style, width: contentRect.width)
            if size.height <= remainingHeight {
                try canvas.drawText(rest, in: try reserve(height: size.height), style: style)
                return
            }
            let split = try canvas.splitForHeight(rest, style: style, width: contentRect.width, height: remainingHeight)
            guard let (head, tail) = split, !head.isEmpty else {
                if cursorY <= contentRect.minY + 1e-6 {
                    // Not even one line fits on an empty page: draw what fits, ending in "…".
                    try canvas.drawText(rest, in: try reserve(height: size.height), style: style)
                    return
                }
                try startNewPage()
                continue
            }
            let headHeight = try canvas.measure(head, style: style, width: contentRect.width).height
            try canvas.drawText(head, in: try reserve(height: headHeight), style: style)
            try startNewPage()
            rest = tail
        }
    }

    /// Adds a graphic (chart, figure) `height` points tall across the content width.
    public func addGraphic(_ graphic: any ReportGraphic, height: Double) throws {
        let rect = try reserve(height: height)
        try graphic.draw(on: try currentCanvas(), in: rect)
    }

    /// Adds graphics side by side in one row, `height` points tall, with `gap` points between.
    public func addGraphics(_ graphics: [any ReportGraphic], height: Double, gap: Double = 14) throws {
        guard !graphics.isEmpty else { return }
        let row = try reserve(height: height)
        let width = (row.width - gap * Double(graphics.count - 1)) / Double(graphics.count)
        let canvas = try currentCanvas()
        for (i, g) in graphics.enumerated() {
            try g.draw(on: canvas, in: Rect(x: row.x + Double(i) * (width + gap), y: row.y, width: width, height: row.height))
        }
    }

    /// The finished PDF. Call once all content is added.
    public func render() throws -> [UInt8] {
        try PDFRenderer.render(pages: pages, settings: settings, fontMap: try fontMap())
    }

    private func fontMap() throws -> FontMap {
        if let f = fontMapStorage { return f }
        let f = try FontMap()
        fontMapStorage = f
        return f
    }
}
