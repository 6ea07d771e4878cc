/// One bin of a reliability diagram: mean predicted probability, observed event fraction,
/// patients in the bin and an optional interval for the observed fraction.
public struct CalibrationBin: Sendable, Hashable, Codable {
    public var meanPredicted: Double
    public var observedFraction: Double
    public var count: Int
    public var lower: Double?
    public var upper: Double?

    public init(meanPredicted: Double, observedFraction: Double, count: Int, lower: Double? = nil, upper: Double? = nil) {
        self.meanPredicted = meanPredicted; self.observedFraction = observedFraction; self.count = count
        self.lower = lower; self.upper = upper
    }
}

/// A calibration (reliability) plot: observed fraction against mean predicted probability per
/// bin, with the ideal diagonal, interval bars, bin sizes as grey bars along the bottom, an
/// optional annotation (e.g. "Brier 0.18") and an optional marker for this patient's prediction.
public struct CalibrationChart: ReportGraphic, Sendable, Hashable, Codable {
    public var title: String
    public var bins: [CalibrationBin]
    public var predictedAxisTitle: String
    public var observedAxisTitle: String
    public var annotation: String
    public var patientPrediction: Double?

    public init(title: String, bins: [CalibrationBin], predictedAxisTitle: String = "Predicted probability of response",
                observedAxisTitle: String = "Observed response rate", annotation: String = "", patientPrediction: Double? = nil) {
        self.title = title; self.bins = bins; self.predictedAxisTitle = predictedAxisTitle
        self.observedAxisTitle = observedAxisTitle; self.annotation = annotation; self.patientPrediction = patientPrediction
    }

    public func draw(on canvas: Canvas, in rect: Rect) throws {
        for (i, b) in bins.enumerated() {
            let vals = [b.meanPredicted, b.observedFraction] + [b.lower, b.upper].compactMap { $0 }
            guard vals.allSatisfy({ $0.isFinite && $0 >= 0 && $0 <= 1 }), b.count >= 0 else {
                throw ReportError.invalidChartData(chart: "Calibration", detail: "bin \(i + 1): probabilities must lie in 0…1 and counts be ≥ 0")
            }
        }
        let frame = try ChartFrame(canvas: canvas, rect: rect, title: title, x: .probability(title: predictedAxisTitle),
                                   y: .probability(title: observedAxisTitle), topReserve: 14, square: true)
        try frame.drawTitle(on: canvas)
        try frame.drawGrid(on: canvas, vertical: true)
        try canvas.line(from: frame.point(0, 0), to: frame.point(1, 1), color: Palette.mutedInk, lineWidth: 0.6, dash: [3, 2])
        let maxCount = Double(bins.map(\.count).max() ?? 0)
        if maxCount > 0 {
            let barW = frame.plot.width / 40
            for b in bins where b.count > 0 {
                let h = frame.plot.height * 0.12 * Double(b.count) / maxCount
                try canvas.fill(Rect(x: frame.px(b.meanPredicted) - barW / 2, y: frame.plot.maxY - h, width: barW, height: h),
                                color: Palette.mutedInk, alpha: 0.35)
            }
        }
        if let p = patientPrediction, p.isFinite {
            try canvas.line(from: frame.point(min(max(p, 0), 1), 0), to: frame.point(min(max(p, 0), 1), 1),
                            color: Palette.highlight, lineWidth: 1.2)
        }
        let style = Palette.style(for: 0)
        let sorted = bins.sorted { $0.meanPredicted < $1.meanPredicted }
        try canvas.polyline(sorted.map { frame.point($0.meanPredicted, $0.observedFraction) }, color: style.color, lineWidth: 1.2)
        for b in sorted {
            if let l = b.lower, let u = b.upper {
                try canvas.line(from: frame.point(b.meanPredicted, l), to: frame.point(b.meanPredicted, u), color: style.color, lineWidth: 0.9)
            }
            try canvas.marker(.circle, at: frame.point(b.meanPredicted, b.observedFraction), size: 5, color: style.color)
        }
        try frame.drawAxes(on: canvas)
        var items: [(style: SeriesStyle, label: String, marker: Bool)] = [(style, "Observed (bins)", true),
                                                                        (SeriesStyle(color: Palette.mutedInk, dash: [3, 2], marker: .circle), "Ideal", false)]
        if patientPrediction != nil { items.append((SeriesStyle(color: Palette.highlight, dash: [], marker: .circle), "This patient", false)) }
        try ChartFrame.drawLegend(on: canvas, items: items, origin: Point(x: rect.minX, y: frame.plot.minY - 14),
                                  width: rect.width)
        if !annotation.isEmpty {
            try canvas.drawLabel(annotation, at: Point(x: frame.plot.minX + 4, y: frame.plot.minY + 3), anchor: .topLeft,
                                 style: TextStyle(sizePoints: 7.5), maxWidth: frame.plot.width * 0.5)
        }
    }
}
