import Foundation

/// The trial-team report of one cohort: summary table, response rate by biomarker strata, KM
/// curves by TMB, PD-L1 and phenotype with numbers at risk, a forest plot of a multivariable Cox
/// model, ROC and calibration of the response score, biomarker distributions and (with criteria)
/// the screening table. Pure layout of `CohortReportData`.
public struct CohortReport: Sendable {
    public var data: CohortReportData
    public var pageSize: PageSize
    public var reproducible: Bool

    public init(data: CohortReportData, pageSize: PageSize = .a4, reproducible: Bool = false) {
        self.data = data; self.pageSize = pageSize; self.reproducible = reproducible
    }

    public func render() throws -> [UInt8] { try document().render() }

    var generatedAt: Date { reproducible ? DocumentSettings.reproducibleDate : data.provenance.generatedAt }

    public func document() throws -> ReportDocument {
        var settings = DocumentSettings(pageSize: pageSize, title: "TMEScope cohort report", headerRight: "Cohort \(data.cohort)",
                                        footerNote: "Generated " + ReportFormat.timestamp(generatedAt)
                                            + " · model " + (data.responseScore?.modelID ?? "none"),
                                        subject: "Cohort report \(data.cohort)")
        if reproducible { settings = settings.reproducible }
        let doc = ReportDocument(settings: settings)
        try addSummary(to: doc)
        try addSurvival(to: doc)
        try addResponseScore(to: doc)
        try addDistributions(to: doc)
        try addScreening(to: doc)
        try addProvenance(to: doc)
        return doc
    }

    // MARK: - Summary

    func addSummary(to doc: ReportDocument) throws {
        try doc.addHeading("Cohort \(data.cohort)")
        if let d = data.description, !d.isEmpty { try doc.addParagraph(d) }
        var style = TableStyle()
        style.fontSize = 8.5
        try doc.addTable(Table(caption: "Cohort summary", columns: [TableColumn("Characteristic", widthWeight: 1.3),
                                                                   TableColumn("Value", widthWeight: 3)],
                               rows: CohortSummary.rows(data.patients, followUp: data.followUp), style: style))
        try doc.addHeading("Objective response rate by biomarker stratum", level: 2)
        if data.responseByStratum.isEmpty {
            try doc.addParagraph("No evaluable responses (best response CR/PR/SD/PD) recorded: response rates not available.")
        } else {
            let rows = data.responseByStratum.map { s in
                [s.biomarker, s.stratum, String(s.evaluable), String(s.responders),
                 s.evaluable > 0 ? ReportFormat.percent(s.rate) + " (" + ReportFormat.percent(s.lower) + "–" + ReportFormat.percent(s.upper) + ")"
                                 : ReportFormat.missing]
            }
            try doc.addTable(Table(columns: [
                TableColumn("Biomarker", widthWeight: 1.3), TableColumn("Stratum", widthWeight: 1.5),
                TableColumn("Evaluable", widthWeight: 0.8, alignment: .right), TableColumn("Responders", widthWeight: 0.8, alignment: .right),
                TableColumn("ORR (95 % CI, Wilson)", widthWeight: 1.5, alignment: .right),
            ], rows: rows, style: style))
            try doc.addParagraph("Responders: best overall response CR or PR (RECIST 1.1); NE and missing responses are not evaluable.",
                                 style: .small)
        }
    }

    // MARK: - Survival

    func addSurvival(to doc: ReportDocument) throws {
        try doc.startNewPage()
        try doc.addHeading("Overall survival by biomarker strata")
        let panels = data.survivalPanels
        guard !panels.isEmpty else {
            try doc.addParagraph("No overall-survival data recorded: Kaplan–Meier curves not available.")
            return
        }
        // Panels without two strata become one line of text rather than an empty chart-sized box.
        let drawn = panels.filter { !$0.curves.isEmpty }
        for i in stride(from: 0, to: drawn.count, by: 2) {
            let row: [any ReportGraphic] = drawn[i..<min(i + 2, drawn.count)].map { p in
                KaplanMeierChart(title: p.title, curves: p.curves, logRankP: p.logRankP, showConfidenceBands: p.curves.count <= 2)
            }
            try doc.addGraphics(row.count == 1 ? row + [FactsBox(title: "", facts: [])] : row, height: 250)
        }
        let skipped = panels.filter { $0.curves.isEmpty }
        if !skipped.isEmpty {
            try doc.addParagraph("Not shown: " + skipped.map { $0.title + " (" + $0.note + ")" }.joined(separator: "; ") + ".")
        }
        try doc.addParagraph("Curves: Kaplan–Meier estimates with 95 % pointwise log(−log) bands (two-group panels), + = censored; "
                             + "p: log-rank test across strata. Numbers at risk at each labelled time.", style: .small)
        if !data.riskGroupNote.isEmpty { try doc.addParagraph(data.riskGroupNote, style: .small) }
        try doc.addHeading("Multivariable Cox model of overall survival", level: 2, keepWithNext: 120)
        if data.coxRows.isEmpty {
            try doc.addParagraph("Not fitted: " + data.coxNote)
        } else {
            let forest = ForestPlot(title: "Hazard ratios (95 % CI)", rows: data.coxRows)
            try doc.addGraphic(forest, height: forest.preferredHeight)
            try doc.addParagraph(data.coxNote, style: .small)
        }
    }

    // MARK: - Response score

    func addResponseScore(to doc: ReportDocument) throws {
        try doc.addHeading("Response score: discrimination and calibration", level: 2, keepWithNext: 120)
        guard let r = data.responseScore else {
            try doc.addParagraph("No model score yet: no patient of this cohort has a response probability with a known "
                                 + "response, so ROC and calibration are not shown.")
            return
        }
        try doc.addGraphics([
            ROCChart(title: "ROC of the response probability", curves: [r.roc]),
            CalibrationChart(title: "Calibration", bins: r.calibrationBins, annotation: "Brier " + ReportFormat.number(r.brierScore, digits: 3)),
        ], height: 240)
        if !r.figures.isEmpty { try doc.addParagraph("Model \(r.modelID): " + r.figures + ".") }
        let method = r.method.isEmpty ? "\(r.patients) patients with a score and an evaluable response, \(r.responders) responders." : r.method
        try doc.addParagraph((r.figures.isEmpty ? "Model \(r.modelID): " : "") + method + " "
                             + "AUC = probability that a responder scores above a non-responder (ties count ½); calibration in "
                             + "equal-count bins with 95 % Wilson intervals.", style: .small)
        if !r.warnings.isEmpty {
            try doc.addParagraph("Training warnings: " + r.warnings.joined(separator: "; ") + ".",
                                 style: TextStyle(sizePoints: 8.5, weight: .bold))
        }
    }

    // MARK: - Distributions

    func addDistributions(to doc: ReportDocument) throws {
        try doc.addHeading("Biomarker distributions", level: 2, keepWithNext: 160)
        let p = data.patients
        func values(_ k: KeyPath<CohortPatient, Double?>) -> [Double] { p.map { $0[keyPath: k] ?? .nan } }
        try doc.addGraphics([
            DistributionChart(title: "TMB", values: values(\.tmbPerMb), valueAxisTitle: "TMB (mut/Mb)",
                              cutoffs: [Cutoff(value: 10, label: "10 mut/Mb")]),
            DistributionChart(title: "PD-L1 TPS", values: values(\.pdl1TPSPercent), valueAxisTitle: "TPS (%)",
                              cutoffs: [Cutoff(value: 1, label: "1 %"), Cutoff(value: 50, label: "50 %")]),
        ], height: 150)
        try doc.addGraphics([
            DistributionChart(title: "TIL density", values: values(\.lymphocyteDensityPerMm2), valueAxisTitle: "Lymphocytes (cells/mm²)"),
            DistributionChart(title: "GEP", values: values(\.gepScore), valueAxisTitle: "GEP score (z)", kind: .strip),
        ], height: 150)
    }

    // MARK: - Screening and provenance

    func addScreening(to doc: ReportDocument) throws {
        guard let s = data.screening else { return }
        try doc.startNewPage()
        try doc.addHeading("Screening: \(s.source)")
        let counts = ["eligible", "undetermined", "ineligible"].map { st in "\(s.rows.filter { $0.status == st }.count) \(st)" }
        try doc.addParagraph("\(s.rows.count) patients: " + counts.joined(separator: ", ")
                             + ". Per criterion the verdict (pass / FAIL; ? = data missing, not judged) and the measured value it rests on. Criteria: "
                             + s.criteria.enumerated().map { "C\($0.offset + 1) \($0.element)" }.joined(separator: "; ") + ".")
        var style = TableStyle()
        style.fontSize = 7.5
        style.maxLinesPerCell = 2
        let columns = [TableColumn("Patient", widthWeight: 0.9), TableColumn("Status", widthWeight: 0.9)]
            + s.criteria.indices.map { TableColumn("C\($0 + 1)", widthWeight: 1.35, alignment: .center) }
        try doc.addTable(Table(caption: "Screening table", columns: columns,
                               rows: s.rows.map { [$0.patientID, $0.status] + $0.verdicts }, style: style))
    }

    func addProvenance(to doc: ReportDocument) throws {
        try doc.addHeading("Provenance", level: 2)
        var rows = data.provenance.inputs.map { [$0.kind, $0.name, $0.sha256 ?? ReportFormat.missing] }
        rows.append(["TMEScope", "version", data.provenance.toolVersion])
        rows.append(["Generated", ReportFormat.timestamp(generatedAt), reproducible ? "reproducible mode (fixed date)" : ""])
        var style = TableStyle()
        style.fontSize = 7
        style.maxLinesPerCell = 2
        try doc.addTable(Table(columns: [TableColumn("Input", widthWeight: 1.1), TableColumn("Name", widthWeight: 1.6),
                                         TableColumn("SHA-256", widthWeight: 3.2)], rows: rows, style: style))
        try ParameterSummary.addTable(data.provenance.parameters, to: doc)
        try doc.addParagraph(DocumentSettings.researchUseNotice + ".", style: TextStyle(sizePoints: 9, weight: .bold))
    }
}
