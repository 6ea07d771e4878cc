/// A slide image (thumbnail or tile) with an optional heatmap overlay (e.g. attention), its
/// colour bar and a scale bar, laid out in one rectangle: the image keeps its aspect ratio and
/// the colour bar takes a 56 pt column on the right.
public struct SlideFigure: ReportGraphic, Sendable, Hashable, Codable {
    public var image: RGBImage
    /// Microns per pixel of `image` (after any downsampling); nil hides the scale bar.
    public var micronsPerPixel: Double?
    public var heatmap: Heatmap?
    public var heatmapAlpha: Double
    public var colormap: Colormap
    /// Colour bar title with unit, e.g. "Attention (relative)".
    public var heatmapTitle: String
    public var caption: String
    /// Detected cells to mark (image pixel coordinates) and the names of their classes for the legend.
    public var cells: [CellMark]
    public var cellClassNames: [String]

    public init(image: RGBImage, micronsPerPixel: Double?, heatmap: Heatmap? = nil, heatmapAlpha: Double = 0.5,
                colormap: Colormap = .viridis, heatmapTitle: String = "", caption: String = "",
                cells: [CellMark] = [], cellClassNames: [String] = []) {
        self.image = image; self.micronsPerPixel = micronsPerPixel; self.heatmap = heatmap
        self.heatmapAlpha = heatmapAlpha; self.colormap = colormap; self.heatmapTitle = heatmapTitle; self.caption = caption
        self.cells = cells; self.cellClassNames = cellClassNames
    }

    public func draw(on canvas: Canvas, in rect: Rect) throws {
        let captionStyle = TextStyle(sizePoints: 7.5, color: Palette.mutedInk, overflow: .wrapLines(maxLines: 2))
        let captionH = caption.isEmpty ? 0 : try canvas.measure(caption, style: captionStyle, width: rect.width).height + 3
        let barColumn = (heatmap == nil && cellClassNames.isEmpty) ? 0.0 : 64.0
        let imageBox = rect.inset(bottom: captionH, right: barColumn + (barColumn > 0 ? 6 : 0))
        let shown = try canvas.drawImage(image, in: imageBox, filter: .smooth)
        if let heatmap { try canvas.drawHeatmap(heatmap, in: shown, colormap: colormap, alpha: heatmapAlpha) }
        if !cells.isEmpty {
            try canvas.drawCellMarks(cells, imageWidth: image.width, imageHeight: image.height, in: shown)
        }
        try canvas.stroke(shown, color: Palette.mutedInk, lineWidth: 0.4)
        if let mpp = micronsPerPixel,
           let bar = ScaleBar(micronsPerPixel: mpp, pointsPerPixel: shown.width / Double(image.width), maxPoints: shown.width * 0.3) {
            try bar.draw(on: canvas, inImage: shown)
        }
        if let heatmap {
            try ColorBar(colormap: colormap, lower: heatmap.lower, upper: heatmap.upper, title: heatmapTitle)
                .draw(on: canvas, in: Rect(x: shown.maxX + 6, y: shown.minY, width: barColumn, height: min(shown.height, 160)))
        }
        if !cellClassNames.isEmpty {
            let top = heatmap == nil ? shown.minY : shown.minY + min(shown.height, 160) + 8
            let style = TextStyle(sizePoints: 7, overflow: .ellipsis)
            for (i, name) in cellClassNames.enumerated() {
                let y = top + Double(i) * 10
                guard y + 10 <= rect.maxY else { break }
                let s = Palette.style(for: i)
                try canvas.marker(s.marker, at: Point(x: shown.maxX + 10, y: y + 5), size: 5, color: s.color, filled: false)
                try canvas.drawLabel(name, at: Point(x: shown.maxX + 16, y: y + 5), anchor: .middleLeft, style: style,
                                     maxWidth: rect.maxX - shown.maxX - 16)
            }
        }
        if !caption.isEmpty {
            try canvas.drawText(caption, in: Rect(x: rect.minX, y: shown.maxY + 3, width: rect.width, height: captionH), style: captionStyle)
        }
    }
}
