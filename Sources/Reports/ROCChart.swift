/// One ROC curve as plain values: false- and true-positive rates at decreasing thresholds
/// (from (0, 0) to (1, 1)), with its AUC and optional confidence limits.
public struct ROCCurveData: Sendable, Hashable, Codable {
    public var label: String
    public var falsePositiveRates: [Double]
    public var truePositiveRates: [Double]
    public var auc: Double
    public var aucLower: Double?
    public var aucUpper: Double?

    public init(label: String, falsePositiveRates: [Double], truePositiveRates: [Double], auc: Double,
                aucLower: Double? = nil, aucUpper: Double? = nil) {
        self.label = label; self.falsePositiveRates = falsePositiveRates; self.truePositiveRates = truePositiveRates
        self.auc = auc; self.aucLower = aucLower; self.aucUpper = aucUpper
    }

    /// "AUC 0.78 (0.70–0.85)" or "AUC 0.78".
    public var aucText: String {
        var s = "AUC " + NiceScale.format(auc, fractionDigits: 2)
        if let l = aucLower, let u = aucUpper {
            s += " (" + NiceScale.format(l, fractionDigits: 2) + "–" + NiceScale.format(u, fractionDigits: 2) + ")"
        }
        return s
    }

    func validate() throws {
        guard falsePositiveRates.count == truePositiveRates.count, falsePositiveRates.count >= 2 else {
            throw ReportError.invalidChartData(chart: "ROC", detail: "curve \(label.prefix(40)): need ≥ 2 points with equal FPR/TPR lengths")
        }
        let all = falsePositiveRates + truePositiveRates + [auc]
        guard all.allSatisfy({ $0.isFinite && $0 >= 0 && $0 <= 1 }) else {
            throw ReportError.invalidChartData(chart: "ROC", detail: "curve \(label.prefix(40)): rates and AUC must lie in 0…1")
        }
    }
}

/// ROC curves on a square plot with the chance diagonal and a legend giving each AUC.
public struct ROCChart: ReportGraphic, Sendable, Hashable, Codable {
    public var title: String
    public var curves: [ROCCurveData]

    public init(title: String, curves: [ROCCurveData]) { self.title = title; self.curves = curves }

    public func draw(on canvas: Canvas, in rect: Rect) throws {
        for c in curves { try c.validate() }
        let frame = try ChartFrame(canvas: canvas, rect: rect, title: title,
                                   x: .probability(title: "1 − specificity (false-positive rate)"),
                                   y: .probability(title: "Sensitivity (true-positive rate)"), square: true)
        try frame.drawTitle(on: canvas)
        try frame.drawGrid(on: canvas, vertical: true)
        try canvas.line(from: frame.point(0, 0), to: frame.point(1, 1), color: Palette.mutedInk, lineWidth: 0.6, dash: [3, 2])
        for (i, c) in curves.enumerated() {
            let style = Palette.style(for: i)
            let pts = zip(c.falsePositiveRates, c.truePositiveRates).map { frame.point($0, $1) }
            try canvas.polyline(pts, color: style.color, lineWidth: 1.4, dash: style.dash)
        }
        try frame.drawAxes(on: canvas)
        // Legend in the lower-right triangle, which a better-than-chance curve leaves empty.
        let lineH = 10.0
        let boxW = frame.plot.width * 0.62, boxH = lineH * Double(curves.count) + 4
        let box = Rect(x: frame.plot.maxX - boxW - 3, y: frame.plot.maxY - boxH - 3, width: boxW, height: boxH)
        try canvas.fill(box, color: .white, alpha: 0.85)
        for (i, c) in curves.enumerated() {
            let style = Palette.style(for: i)
            let cy = box.minY + 2 + lineH * (Double(i) + 0.5)
            try canvas.line(from: Point(x: box.minX + 3, y: cy), to: Point(x: box.minX + 17, y: cy), color: style.color,
                            lineWidth: 1.6, dash: style.dash)
            try canvas.drawLabel("\(c.label), \(c.aucText)", at: Point(x: box.minX + 20, y: cy), anchor: .middleLeft,
                                 style: TextStyle(sizePoints: 7), maxWidth: boxW - 22)
        }
    }
}
