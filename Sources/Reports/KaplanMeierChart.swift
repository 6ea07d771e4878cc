import Foundation

/// Kaplan–Meier survival curves in the style of survminer's `ggsurvplot`: step curves with
/// pointwise confidence bands, "+" censor marks, a legend, the log-rank p value and a
/// numbers-at-risk table under the time axis (counts at each labelled tick).
public struct KaplanMeierChart: ReportGraphic, Sendable, Hashable, Codable {
    public var title: String
    public var curves: [KMCurveData]
    /// Time axis title including its unit, e.g. "Time (months)".
    public var timeAxisTitle: String
    public var survivalAxisTitle: String
    /// Log-rank p value shown in the plot; nil hides it.
    public var logRankP: Double?
    public var showConfidenceBands: Bool
    public var showRiskTable: Bool
    /// Index of a curve drawn thicker (e.g. this patient's risk group); its legend entry is marked.
    public var highlightedCurve: Int?
    /// End of the time axis; nil uses the last observed time.
    public var maxTime: Double?

    public init(title: String, curves: [KMCurveData], timeAxisTitle: String = "Time (months)",
                survivalAxisTitle: String = "Survival probability", logRankP: Double? = nil,
                showConfidenceBands: Bool = true, showRiskTable: Bool = true, highlightedCurve: Int? = nil,
                maxTime: Double? = nil) {
        self.title = title; self.curves = curves; self.timeAxisTitle = timeAxisTitle
        self.survivalAxisTitle = survivalAxisTitle; self.logRankP = logRankP
        self.showConfidenceBands = showConfidenceBands; self.showRiskTable = showRiskTable
        self.highlightedCurve = highlightedCurve; self.maxTime = maxTime
    }

    /// "p < 0.001" below 0.001, otherwise two significant digits ("p = 0.012", "p = 0.34").
    public static func formatP(_ p: Double) -> String {
        guard p.isFinite else { return "p = NA" }
        if p < 0.001 { return "p < 0.001" }
        let digits = max(2, 1 - Int(log10(p).rounded(.down)))
        return "p = " + NiceScale.format(p, fractionDigits: min(digits, 3))
    }

    public func draw(on canvas: Canvas, in rect: Rect) throws {
        for c in curves { try c.validate() }
        let end = maxTime ?? max(curves.map(\.lastTime).max() ?? 1, 1e-9)
        let xAxis = Axis.linear(title: timeAxisTitle, minimum: 0, maximum: end, maxTicks: 7)
        let yAxis = Axis.probability(title: survivalAxisTitle, quarters: true)
        let rowHeight = 9.5
        let riskHeight = showRiskTable ? 12 + rowHeight * Double(curves.count) : 0
        let labelStyle = TextStyle(sizePoints: 7.5, overflow: .ellipsis)
        var labelWidth = 0.0
        if showRiskTable {
            for c in curves { labelWidth = max(labelWidth, try canvas.measure(c.label, style: labelStyle).width) }
            labelWidth = min(labelWidth, rect.width * 0.25)
        }
        let frame = try ChartFrame(canvas: canvas, rect: rect, title: title, x: xAxis, y: yAxis, topReserve: 14,
                                   bottomReserve: riskHeight, minLeft: showRiskTable ? labelWidth + 18 : 0)
        try frame.drawTitle(on: canvas)
        try frame.drawGrid(on: canvas)
        let legendItems = curves.enumerated().map { i, c in
            (style: Palette.style(for: i), label: (i == highlightedCurve ? "▶ " : "") + c.label, marker: false)
        }
        try ChartFrame.drawLegend(on: canvas, items: legendItems, origin: Point(x: frame.plot.minX, y: frame.plot.minY - 14),
                                  width: rect.maxX - frame.plot.minX)
        try canvas.clipped(to: frame.plot.inset(top: -2, left: -2, bottom: -2, right: -2)) {
            for (i, c) in curves.enumerated() { try drawCurve(c, style: Palette.style(for: i), highlighted: i == highlightedCurve, frame: frame, canvas: canvas, end: xAxis.upper) }
        }
        try frame.drawAxes(on: canvas)
        if let p = logRankP {
            try canvas.drawLabel("Log-rank " + KaplanMeierChart.formatP(p), at: Point(x: frame.plot.minX + 6, y: frame.plot.maxY - 5),
                                 anchor: .bottomLeft, style: TextStyle(sizePoints: 8))
        }
        if showRiskTable { try drawRiskTable(frame: frame, canvas: canvas, labelWidth: labelWidth, rowHeight: rowHeight) }
    }

    /// Step-function vertices from (0, 1) through every time, ending at `end`. NaN limits carry the previous value.
    static func stepPoints(times: [Double], values: [Double], end: Double) -> [(Double, Double)] {
        var pts: [(Double, Double)] = [(0, 1)]
        var current = 1.0
        for (t, v) in zip(times, values) where t <= end {
            pts.append((t, current))
            if v.isFinite { current = v }
            pts.append((t, current))
        }
        pts.append((end, current))
        return pts
    }

    private func drawCurve(_ c: KMCurveData, style: SeriesStyle, highlighted: Bool, frame: ChartFrame, canvas: Canvas, end: Double) throws {
        let last = min(c.lastTime, end)
        if showConfidenceBands, let lower = c.lower, let upper = c.upper {
            let up = KaplanMeierChart.stepPoints(times: c.times, values: upper, end: last)
            let lo = KaplanMeierChart.stepPoints(times: c.times, values: lower, end: last)
            let polygon = (up + lo.reversed()).map { frame.point($0.0, $0.1) }
            try canvas.fillPolygon(polygon, color: style.color, alpha: 0.14)
        }
        let steps = KaplanMeierChart.stepPoints(times: c.times, values: c.survival, end: last).map { frame.point($0.0, $0.1) }
        try canvas.polyline(steps, color: style.color, lineWidth: highlighted ? 2.4 : 1.3, dash: style.dash)
        for t in c.censorTimes where t <= end {
            try canvas.marker(.plus, at: frame.point(t, c.survival(at: t)), size: 4.5, color: style.color, lineWidth: 0.9)
        }
    }

    private func drawRiskTable(frame: ChartFrame, canvas: Canvas, labelWidth: Double, rowHeight: Double) throws {
        var y = frame.belowAxis + 2
        try canvas.drawLabel("Number at risk", at: Point(x: frame.bounds.minX, y: y), anchor: .topLeft,
                             style: TextStyle(sizePoints: 7.5, weight: .bold))
        y += 11
        for (i, c) in curves.enumerated() {
            let style = Palette.style(for: i)
            let text = TextStyle(sizePoints: 7.5, color: style.color, overflow: .ellipsis)
            try canvas.drawLabel(c.label, at: Point(x: frame.plot.minX - 14, y: y), anchor: .topRight, style: text, maxWidth: labelWidth)
            for j in frame.shownXLabels {
                let t = frame.x.ticks[j]
                try canvas.drawLabel(String(c.numberAtRisk(at: t)), at: Point(x: frame.px(t), y: y), anchor: .topCenter,
                                     style: text.with(color: Palette.ink))
            }
            y += rowHeight
        }
    }
}
