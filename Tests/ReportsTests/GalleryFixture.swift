import Foundation
@testable import Reports

/// A small reproducible document exercising every part of the module (the golden fixture and
/// the chart gallery). All data are synthetic and closed-form: no randomness, no files.
enum GalleryFixture {
    /// Kaplan–Meier estimate with Greenwood log–log 95% limits, for fixture curves only.
    /// Event times follow exponential quantiles −ln(1 − (i + ½)/n)·scale; every 4th subject is censored.
    static func kmCurve(label: String, n: Int, scaleMonths: Double) -> KMCurveData {
        var obs: [(Double, Bool)] = []
        for i in 0..<n {
            let q: Double = (Double(i) + 0.5) / Double(n)
            let t: Double = -log(1.0 - q) * scaleMonths
            obs.append((t, i % 4 != 3))
        }
        obs.sort { $0.0 < $1.0 }
        var times: [Double] = [], surv: [Double] = [], lo: [Double] = [], hi: [Double] = [], risk: [Int] = [], censored: [Double] = []
        var s = 1.0, greenwood = 0.0, atRisk = n
        for (t, event) in obs {
            risk.append(atRisk); times.append(t)
            if event {
                s *= 1 - 1 / Double(atRisk)
                if atRisk > 1 { greenwood += 1 / (Double(atRisk) * Double(atRisk - 1)) }
            } else { censored.append(t) }
            surv.append(s)
            if s > 0 && s < 1 {
                let se = sqrt(greenwood) / abs(log(s))
                lo.append(pow(s, exp(1.96 * se))); hi.append(pow(s, exp(-1.96 * se)))
            } else { lo.append(.nan); hi.append(.nan) }
            atRisk -= 1
        }
        return KMCurveData(label: label, times: times, survival: surv, lower: lo, upper: hi, numberAtRisk: risk,
                           censorTimes: censored, subjectCount: n)
    }

    /// Empirical ROC of deterministic scores: positives score higher on average.
    static func rocCurve(label: String, separation: Double) -> ROCCurveData {
        let n = 60
        let scores: [(Double, Bool)] = (0..<n).map { i in
            let positive = i % 2 == 0
            let base = sin(Double(i) * 12.9898) * 0.5 + 0.5
            return (base + (positive ? separation : 0), positive)
        }.sorted { $0.0 > $1.0 }
        let pos = Double(scores.filter(\.1).count), neg = Double(n) - pos
        var fpr = [0.0], tpr = [0.0], tp = 0.0, fp = 0.0, auc = 0.0
        for (_, positive) in scores {
            if positive { tp += 1 } else { fp += 1; auc += tp }
            fpr.append(fp / neg); tpr.append(tp / pos)
        }
        return ROCCurveData(label: label, falsePositiveRates: fpr, truePositiveRates: tpr, auc: auc / (pos * neg))
    }

    static let unsafeNames = [
        "O'Brien \"Bobby\" 100 % <b>bold?</b> &amp; %s %d %@ \\n",
        "山田 漢字 — Ελληνικά",
        String(repeating: "Verylongunbrokenidentifier", count: 12),
    ]

    /// A synthetic H&E-like image (pink stroma, purple nuclei grid) of 96 × 64 pixels.
    static func slideImage() throws -> RGBImage {
        let w = 96, h = 64
        var px = [UInt8](repeating: 0, count: w * h * 3)
        for y in 0..<h { for x in 0..<w {
            let i = (y * w + x) * 3
            let nucleus = (x % 8 - 4) * (x % 8 - 4) + (y % 8 - 4) * (y % 8 - 4) < 5 && (x / 8 + y / 8) % 3 == 0
            px[i] = nucleus ? 90 : 235; px[i + 1] = nucleus ? 60 : 170; px[i + 2] = nucleus ? 150 : 200
        } }
        return try RGBImage(width: w, height: h, pixels: px)
    }

    static func attention() throws -> Heatmap {
        let c = 12, r = 8
        let v: [Double] = (0..<(c * r)).map { k in
            let x = Double(k % c), y = Double(k / c)
            return (x < 1 && y < 1) ? .nan : exp(-((x - 7) * (x - 7) + (y - 3) * (y - 3)) / 10)
        }
        return try Heatmap(columns: c, rows: r, values: v, lower: 0, upper: 1)
    }

    /// The nuclei of `slideImage()` (centres of the purple discs), classes cycling by position.
    static func cellMarks() -> [CellMark] {
        var marks: [CellMark] = []
        for by in 0..<8 { for bx in 0..<12 where (bx + by) % 3 == 0 {
            marks.append(CellMark(x: Double(bx * 8 + 4), y: Double(by * 8 + 4), classIndex: by % 3))
        } }
        return marks
    }

    static let tmbValues: [Double] = {
        var v: [Double] = []
        for i in 0..<80 {
            let u: Double = Double((i * 37) % 80) / 80
            v.append(2.0 + 18.0 * u * u)
        }
        v.append(.nan)
        return v
    }()

    static func document(pageSize: PageSize = .a4) throws -> ReportDocument {
        let doc = ReportDocument(settings: DocumentSettings(pageSize: pageSize, title: "TMEScope chart gallery",
                                                            headerRight: "Cohort DEMO-1 · fixture",
                                                            footerNote: "Generated from synthetic data; model none").reproducible)
        try doc.addHeading("Chart gallery")
        try doc.addParagraph("Synthetic fixture data. Names from a database are drawn as text: " + unsafeNames.joined(separator: " | "))
        let hi = kmCurve(label: "TMB-high (≥ 10 mut/Mb)", n: 40, scaleMonths: 30)
        let low = kmCurve(label: "TMB-low", n: 60, scaleMonths: 14)
        try doc.addGraphic(KaplanMeierChart(title: "Overall survival by TMB", curves: [hi, low], logRankP: 0.0123,
                                            highlightedCurve: 0), height: 250)
        let forest = ForestPlot(title: "Multivariable Cox model", rows: [
            ForestRow(label: "TMB ≥ 10 mut/Mb", estimate: 0.55, lower: 0.36, upper: 0.84, pValue: 0.0061),
            ForestRow(label: "PD-L1 TPS", estimate: nil, lower: nil, upper: nil),
            ForestRow(label: "< 1 %", estimate: nil, lower: nil, upper: nil, note: "reference"),
            ForestRow(label: "1–49 %", estimate: 0.81, lower: 0.52, upper: 1.27, pValue: 0.36),
            ForestRow(label: "≥ 50 %", estimate: 0.47, lower: 0.28, upper: 0.79, pValue: 0.004),
            ForestRow(label: "Age (per 10 years)", estimate: 1.12, lower: 0.95, upper: 1.31, pValue: 0.17),
            ForestRow(label: "ECOG ≥ 1", estimate: 1.9, lower: 1.2, upper: 3.0, pValue: 0.0004),
            ForestRow(label: unsafeNames[0], estimate: 3.5, lower: 0.8, upper: 250, pValue: 0.09),
        ])
        try doc.addGraphic(forest, height: forest.preferredHeight)
        let bins = (0..<8).map { k -> CalibrationBin in
            let p = (Double(k) + 0.5) / 8
            let o = min(max(p + 0.06 * sin(Double(k) * 2.1), 0), 1)
            return CalibrationBin(meanPredicted: p, observedFraction: o, count: 6 + (k * 5) % 13,
                                  lower: max(o - 0.12, 0), upper: min(o + 0.12, 1))
        }
        try doc.addGraphics([ROCChart(title: "Response score ROC", curves: [rocCurve(label: "Fusion model", separation: 0.45),
                                                                            rocCurve(label: "TMB alone", separation: 0.15)]),
                             CalibrationChart(title: "Calibration of the response score", bins: bins,
                                              annotation: "Brier 0.18 · slope 0.94", patientPrediction: 0.62)], height: 240)
        try doc.addGraphics([DistributionChart(title: "TMB across the cohort", values: tmbValues, valueAxisTitle: "TMB (mut/Mb)",
                                               patientValue: 12.4, cutoffs: [Cutoff(value: 10, label: "Cut-off 10 mut/Mb")]),
                             DistributionChart(title: "CD8⁺ density", values: tmbValues.map { $0 * 31 }, valueAxisTitle: "CD8⁺ cells per mm²",
                                               kind: .strip, patientValue: 150)], height: 150)
        try doc.addGraphics([SlideFigure(image: try slideImage(), micronsPerPixel: 16, heatmap: try attention(),
                                         heatmapTitle: "Attention (relative)", caption: "Slide thumbnail with attention overlay (viridis, α = 0.5)."),
                             SlideFigure(image: try slideImage(), micronsPerPixel: 0.5, caption: "Top-attended tile with detected cells.",
                                         cells: cellMarks(), cellClassNames: ["Tumour", "Lymphocyte", "Macrophage"])],
                            height: 150)
        try doc.addTable(screeningTable())
        return doc
    }

    static func screeningTable() -> Table {
        let rows: [[String]] = (0..<46).map { i in
            let name = i < unsafeNames.count ? unsafeNames[i] : "PT-\(String(format: "%03d", i + 1))"
            return [name, i % 3 == 0 ? "NSCLC" : "Melanoma", String(format: "%.1f", 2 + Double((i * 7) % 23)),
                    "\((i * 13) % 90) %", i % 4 == 0 ? "Excluded: ECOG ≥ 2 and prior anti-PD-1 therapy within 6 months" : "Eligible"]
        }
        return Table(caption: "Screening table", columns: [
            TableColumn("Patient", widthWeight: 2.2), TableColumn("Tumour type", widthWeight: 1.2),
            TableColumn("TMB (mut/Mb)", widthWeight: 1, alignment: .right), TableColumn("PD-L1 TPS", widthWeight: 0.9, alignment: .right),
            TableColumn("Status", widthWeight: 2.6),
        ], rows: rows)
    }
}
