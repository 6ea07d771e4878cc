import Foundation
import TMECore

/// A clinical or analysis cut-off drawn on a distribution (e.g. TMB 10 mut/Mb).
public struct Cutoff: Sendable, Hashable, Codable {
    public var value: Double
    public var label: String
    public init(value: Double, label: String) { self.value = value; self.label = label }
}

/// The distribution of one biomarker across a cohort, as a histogram or a strip plot, with one
/// patient's value marked and cut-offs as dashed lines. Non-finite values are left out (and
/// counted in the subtitle); an empty cohort draws "No values".
public struct DistributionChart: ReportGraphic, Sendable, Hashable, Codable {
    public enum Kind: String, Sendable, Hashable, Codable { case histogram, strip }

    public var title: String
    public var values: [Double]
    /// Axis title with unit, e.g. "TMB (mut/Mb)".
    public var valueAxisTitle: String
    public var kind: Kind
    public var patientValue: Double?
    public var patientLabel: String
    public var cutoffs: [Cutoff]

    public init(title: String, values: [Double], valueAxisTitle: String, kind: Kind = .histogram,
                patientValue: Double? = nil, patientLabel: String = "This patient", cutoffs: [Cutoff] = []) {
        self.title = title; self.values = values; self.valueAxisTitle = valueAxisTitle; self.kind = kind
        self.patientValue = patientValue; self.patientLabel = patientLabel; self.cutoffs = cutoffs
    }

    /// Histogram counts over `bins` equal bins from `lower` to `upper`; a value on an inner edge
    /// goes to the bin on its right, the upper edge belongs to the last bin.
    public static func histogram(_ values: [Double], lower: Double, upper: Double, bins: Int) -> [Int] {
        guard bins > 0, upper > lower else { return [] }
        var counts = [Int](repeating: 0, count: bins)
        let width = (upper - lower) / Double(bins)
        for v in values where v.isFinite && v >= lower && v <= upper {
            counts[min(Int((v - lower) / width), bins - 1)] += 1
        }
        return counts
    }

    /// A repeatable value in 0…1 for point `i` (the first SplitMix64 draw seeded with the index).
    static func jitter(_ i: Int) -> Double {
        var generator = SplitMix64(seed: UInt64(truncatingIfNeeded: i))
        return Double(generator.next() >> 11) / Double(1 << 53)
    }

    /// A value with 2 decimals below 10, 1 below 100, none above.
    public static func formatValue(_ v: Double) -> String {
        NiceScale.format(v, fractionDigits: abs(v) >= 100 ? 0 : abs(v) >= 10 ? 1 : 2)
    }

    public func draw(on canvas: Canvas, in rect: Rect) throws {
        let finite = values.filter(\.isFinite)
        let extra = ([patientValue].compactMap { $0 } + cutoffs.map(\.value)).filter(\.isFinite)
        guard !finite.isEmpty else {
            try canvas.drawLabel(title, at: Point(x: rect.minX, y: rect.minY), anchor: .topLeft,
                                 style: TextStyle(sizePoints: 9, weight: .bold), maxWidth: rect.width)
            try canvas.drawLabel("No values", at: Point(x: rect.midX, y: rect.midY), anchor: .middleCenter, style: .small)
            return
        }
        let all = finite + extra
        let xAxis = Axis.linear(title: valueAxisTitle, minimum: all.min()!, maximum: all.max()!, maxTicks: 7)
        let binScale = NiceScale(minimum: xAxis.lower, maximum: xAxis.upper, maxTicks: 16)
        let bins = max(1, Int(((binScale.upper - binScale.lower) / binScale.step).rounded()))
        let counts = DistributionChart.histogram(finite, lower: binScale.lower, upper: binScale.upper, bins: bins)
        let yAxis: Axis
        if kind == .histogram {
            let maxCount = Double(counts.max() ?? 1)
            let s = NiceScale(minimum: 0, maximum: max(maxCount, 1), maxTicks: 5)
            let step = max(s.step.rounded(.up), 1)
            let ticks = stride(from: 0.0, through: (maxCount / step).rounded(.up) * step, by: step).map { $0 }
            yAxis = Axis(title: "Patients", lower: 0, upper: ticks.last ?? 1, ticks: ticks, labels: ticks.map { String(Int($0)) })
        } else {
            yAxis = Axis(title: "", lower: 0, upper: 1, ticks: [], labels: [])
        }
        let skipped = values.count - finite.count
        let fullTitle = title + " (n = \(finite.count)" + (skipped > 0 ? ", \(skipped) missing)" : ")")
        let frame = try ChartFrame(canvas: canvas, rect: rect, title: fullTitle, x: xAxis, y: yAxis, topReserve: 14,
                                   showYAxis: kind == .histogram)
        try frame.drawTitle(on: canvas)
        let series = Palette.style(for: 0)
        if kind == .histogram {
            try frame.drawGrid(on: canvas)
            let width = (binScale.upper - binScale.lower) / Double(bins)
            for (i, c) in counts.enumerated() where c > 0 {
                let x0 = frame.px(binScale.lower + Double(i) * width), x1 = frame.px(binScale.lower + Double(i + 1) * width)
                let bar = Rect(x: x0, y: frame.py(Double(c)), width: x1 - x0, height: frame.plot.maxY - frame.py(Double(c)))
                try canvas.fill(bar, color: series.color.lightened(0.45))
                try canvas.stroke(bar, color: .white, lineWidth: 0.5)
            }
        } else {
            // Deterministic jitter from a hash of the index: repeatable output, no random generator.
            for (i, v) in finite.enumerated() {
                let j = DistributionChart.jitter(i)
                try canvas.marker(.circle, at: Point(x: frame.px(v), y: frame.plot.minY + frame.plot.height * (0.15 + 0.7 * j)),
                                  size: 3.2, color: series.color, filled: false, lineWidth: 0.6)
            }
        }
        for c in cutoffs where c.value.isFinite {
            try canvas.line(from: frame.point(c.value, yAxis.lower), to: Point(x: frame.px(c.value), y: frame.plot.minY),
                            color: Palette.ink, lineWidth: 0.8, dash: [3, 2])
        }
        var items: [(style: SeriesStyle, label: String, marker: Bool)] = []
        if let p = patientValue, p.isFinite {
            let x = frame.px(p)
            try canvas.line(from: Point(x: x, y: frame.plot.maxY), to: Point(x: x, y: frame.plot.minY), color: Palette.highlight, lineWidth: 1.6)
            try canvas.marker(.diamond, at: Point(x: x, y: frame.plot.minY + 4), size: 7, color: Palette.highlight)
            items.append((SeriesStyle(color: Palette.highlight, dash: [], marker: .diamond),
                          "\(patientLabel): \(DistributionChart.formatValue(p))", true))
        }
        for c in cutoffs where c.value.isFinite {
            items.append((SeriesStyle(color: Palette.ink, dash: [3, 2], marker: .circle), c.label, false))
        }
        try frame.drawAxes(on: canvas, showYAxis: kind == .histogram)
        try ChartFrame.drawLegend(on: canvas, items: items, origin: Point(x: frame.plot.minX, y: frame.plot.minY - 14),
                                  width: rect.maxX - frame.plot.minX)
    }
}
