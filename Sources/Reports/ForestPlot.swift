import Foundation

/// One row of a forest plot: an effect estimate with its confidence interval.
public struct ForestRow: Sendable, Hashable, Codable {
    public var label: String
    /// Hazard (or odds) ratio; nil for a reference level or a section heading.
    public var estimate: Double?
    public var lower: Double?
    public var upper: Double?
    public var pValue: Double?
    /// Shown when `estimate` is nil: "reference", or empty for a heading row (drawn bold).
    public var note: String

    public init(label: String, estimate: Double?, lower: Double?, upper: Double?, pValue: Double? = nil, note: String = "") {
        self.label = label; self.estimate = estimate; self.lower = lower; self.upper = upper
        self.pValue = pValue; self.note = note
    }
}

/// A forest plot of ratios with confidence intervals on a log axis, with columns for the
/// variable, the interval as text ("0.62 (0.41–0.93)") and p; a dashed line marks 1 (no effect).
/// Intervals beyond the axis (0.01…100) end in an arrow.
public struct ForestPlot: ReportGraphic, Sendable, Hashable, Codable {
    public var title: String
    public var rows: [ForestRow]
    public var effectName: String
    /// Column heading abbreviation, e.g. "HR" (heading "HR (95% CI)").
    public var effectAbbreviation: String
    public var rowHeight: Double = 14

    public init(title: String, rows: [ForestRow], effectName: String = "Hazard ratio", effectAbbreviation: String = "HR") {
        self.title = title; self.rows = rows; self.effectName = effectName; self.effectAbbreviation = effectAbbreviation
    }

    /// Height that shows every row at `rowHeight`.
    public var preferredHeight: Double { 16 + 14 + rowHeight * Double(rows.count) + 34 }

    static let axisLimits = (0.01, 100.0)

    /// "0.62 (0.41–0.93)": two decimals below 10, one above.
    public static func formatInterval(_ e: Double, _ lo: Double, _ hi: Double) -> String {
        func f(_ v: Double) -> String { v.isFinite ? NiceScale.format(v, fractionDigits: v >= 10 ? 1 : 2) : "∞" }
        return "\(f(e)) (\(f(lo))–\(f(hi)))"
    }

    public func draw(on canvas: Canvas, in rect: Rect) throws {
        for (i, r) in rows.enumerated() {
            for v in [r.estimate, r.lower, r.upper] {
                if let v, !(v > 0) { throw ReportError.invalidChartData(chart: "Forest plot", detail: "row \(i + 1): ratios must be > 0") }
            }
            if let e = r.estimate, let lo = r.lower, let hi = r.upper, !(lo <= e && e <= hi) {
                throw ReportError.invalidChartData(chart: "Forest plot", detail: "row \(i + 1): estimate outside its interval")
            }
        }
        let values = rows.flatMap { [$0.estimate, $0.lower, $0.upper].compactMap { $0 }.filter(\.isFinite) }
        let lo = max(values.min() ?? 0.5, ForestPlot.axisLimits.0), hi = min(values.max() ?? 2, ForestPlot.axisLimits.1)
        let axis = Axis.logarithmic(title: "\(effectName) (log scale)", minimum: lo, maximum: hi)
        let labelW = rect.width * 0.32, textW = rect.width * 0.2, pW = rect.width * 0.1
        let plotRect = Rect(x: rect.minX + labelW, y: rect.minY, width: rect.width - labelW - textW - pW, height: rect.height)
        let body = TextStyle(sizePoints: 8, overflow: .ellipsis)
        let bold = body.with(weight: .bold)
        let frame = try ChartFrame(canvas: canvas, rect: plotRect, title: "", x: axis,
                                   y: Axis(title: "", lower: 0, upper: Double(max(rows.count, 1)), ticks: [], labels: []),
                                   topReserve: 30, showYAxis: false)
        if !title.isEmpty {
            try canvas.drawLabel(title, at: Point(x: rect.minX, y: rect.minY), anchor: .topLeft,
                                 style: TextStyle(sizePoints: 9, weight: .bold), maxWidth: rect.width)
        }
        let headerY = rect.minY + 16
        try canvas.drawLabel("Variable", at: Point(x: rect.minX, y: headerY), anchor: .topLeft, style: bold)
        try canvas.drawLabel("\(effectAbbreviation) (95% CI)", at: Point(x: rect.maxX - pW - 4, y: headerY), anchor: .topRight,
                             style: bold, maxWidth: textW - 4)
        try canvas.drawLabel("p", at: Point(x: rect.maxX, y: headerY), anchor: .topRight, style: bold)
        let plot = frame.plot
        let step = min(rowHeight, plot.height / Double(max(rows.count, 1)))
        try canvas.line(from: Point(x: frame.px(1), y: plot.minY), to: Point(x: frame.px(1), y: plot.maxY),
                        color: Palette.mutedInk, lineWidth: 0.6, dash: [3, 2])
        for (i, r) in rows.enumerated() {
            let cy = plot.minY + step * (Double(i) + 0.5)
            if i % 2 == 1 {
                try canvas.fill(Rect(x: rect.minX, y: cy - step / 2, width: rect.width, height: step), color: Palette.zebraFill, alpha: 0.6)
            }
            let isHeading = r.estimate == nil && r.note.isEmpty
            try canvas.drawLabel(r.label, at: Point(x: rect.minX + (isHeading ? 0 : 6), y: cy), anchor: .middleLeft,
                                 style: isHeading ? bold : body, maxWidth: labelW - 10)
            guard let e = r.estimate else {
                if !r.note.isEmpty {
                    try canvas.drawLabel(r.note, at: Point(x: rect.maxX - pW - 4, y: cy), anchor: .middleRight,
                                         style: body.with(color: Palette.mutedInk), maxWidth: textW - 4)
                }
                continue
            }
            let l = r.lower ?? e, u = r.upper ?? e
            try drawInterval(e, l, u, y: cy, frame: frame, canvas: canvas)
            try canvas.drawLabel(ForestPlot.formatInterval(e, l, u), at: Point(x: rect.maxX - pW - 4, y: cy), anchor: .middleRight,
                                 style: body, maxWidth: textW - 4)
            if let p = r.pValue {
                let text = KaplanMeierChart.formatP(p).replacingOccurrences(of: "p = ", with: "").replacingOccurrences(of: "p ", with: "")
                try canvas.drawLabel(text, at: Point(x: rect.maxX, y: cy), anchor: .middleRight, style: body, maxWidth: pW)
            }
        }
        try frame.drawAxes(on: canvas, showYAxis: false)
    }

    private func drawInterval(_ e: Double, _ l: Double, _ u: Double, y: Double, frame: ChartFrame, canvas: Canvas) throws {
        let plot = frame.plot
        let x0 = min(max(frame.px(l), plot.minX), plot.maxX), x1 = min(max(frame.px(u), plot.minX), plot.maxX)
        let color = Palette.blue
        try canvas.line(from: Point(x: x0, y: y), to: Point(x: x1, y: y), color: color, lineWidth: 1)
        if frame.px(l) < plot.minX {
            try canvas.fillPolygon([Point(x: plot.minX, y: y), Point(x: plot.minX + 4, y: y - 2.5), Point(x: plot.minX + 4, y: y + 2.5)], color: color)
        }
        if frame.px(u) > plot.maxX {
            try canvas.fillPolygon([Point(x: plot.maxX, y: y), Point(x: plot.maxX - 4, y: y - 2.5), Point(x: plot.maxX - 4, y: y + 2.5)], color: color)
        }
        let ex = frame.px(e)
        if ex >= plot.minX, ex <= plot.maxX {
            try canvas.marker(.square, at: Point(x: ex, y: y), size: 5.5, color: color)
        }
    }
}
