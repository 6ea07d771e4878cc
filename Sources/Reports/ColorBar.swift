/// A colour bar for a heatmap: the colormap as a vertical gradient from `lower` (bottom) to
/// `upper` (top), ticks at nice values and a title with the unit.
public struct ColorBar: ReportGraphic, Sendable, Hashable, Codable {
    public var colormap: Colormap
    public var lower: Double
    public var upper: Double
    public var title: String

    public init(colormap: Colormap = .viridis, lower: Double, upper: Double, title: String) {
        self.colormap = colormap; self.lower = lower; self.upper = upper; self.title = title
    }

    public func draw(on canvas: Canvas, in rect: Rect) throws {
        guard lower.isFinite, upper.isFinite, upper > lower else {
            throw ReportError.invalidChartData(chart: "Colour bar", detail: "range must be finite with upper > lower")
        }
        let titleStyle = TextStyle(sizePoints: 7.5, alignment: .center, overflow: .wrapLines(maxLines: 2))
        let titleH = try canvas.measure(title, style: titleStyle, width: rect.width).height
        try canvas.drawText(title, in: Rect(x: rect.minX, y: rect.minY, width: rect.width, height: titleH), style: titleStyle)
        let bar = Rect(x: rect.minX + 2, y: rect.minY + titleH + 6, width: min(10, rect.width / 3), height: max(rect.height - titleH - 12, 10))
        let n = colormap.table.count
        let values = (0..<n).map { Double(n - 1 - $0) / Double(n - 1) }
        try canvas.drawHeatmap(try Heatmap(columns: 1, rows: n, values: values, lower: 0, upper: 1), in: bar,
                               colormap: colormap, alpha: 1)
        try canvas.stroke(bar, color: Palette.ink, lineWidth: 0.4)
        let scale = NiceScale(minimum: lower, maximum: upper, maxTicks: 5)
        for t in scale.ticks where t >= lower - 1e-12 && t <= upper + 1e-12 {
            let y = bar.maxY - (t - lower) / (upper - lower) * bar.height
            try canvas.line(from: Point(x: bar.maxX, y: y), to: Point(x: bar.maxX + 3, y: y), color: Palette.ink, lineWidth: 0.5)
            try canvas.drawLabel(scale.label(t), at: Point(x: bar.maxX + 5, y: y), anchor: .middleLeft, style: .tickLabel,
                                 maxWidth: rect.maxX - bar.maxX - 5)
        }
    }
}
