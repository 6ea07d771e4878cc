import Foundation

/// The tumor-board report of one patient (2–4 pages): identity, biomarker panel with cut-offs and
/// flags, model probability with the cohort's calibration, risk group with the cohort's KM curves,
/// slide figures, key mutations, missing modalities, methods and provenance.
///
/// Pure layout: it draws `PatientReportData` and touches no files or databases.
public struct PatientReport: Sendable {
    public var data: PatientReportData
    public var pageSize: PageSize
    /// Fixed creation date (and generation time on the page) so two renders give the same bytes.
    public var reproducible: Bool

    public init(data: PatientReportData, pageSize: PageSize = .a4, reproducible: Bool = false) {
        self.data = data; self.pageSize = pageSize; self.reproducible = reproducible
    }

    /// The finished PDF bytes.
    public func render() throws -> [UInt8] {
        let doc = try document()
        return try doc.render()
    }

    /// The laid-out document (for tests that inspect page count before rendering).
    public func document() throws -> ReportDocument {
        var settings = DocumentSettings(pageSize: pageSize, title: "TMEScope patient report",
                                        headerRight: "Patient \(data.identity.patientID) · cohort \(data.identity.cohort)",
                                        footerNote: footerNote,
                                        subject: "Patient report \(data.identity.patientID)")
        if reproducible { settings = settings.reproducible }
        let doc = ReportDocument(settings: settings)
        try addSummary(to: doc)
        try addModel(to: doc)
        try addKeyGenes(to: doc)
        try addSlides(to: doc)
        try addCohortContext(to: doc)
        try addMutations(to: doc)
        try addAppendix(to: doc)
        return doc
    }

    var generatedAt: Date { reproducible ? DocumentSettings.reproducibleDate : data.provenance.generatedAt }

    var footerNote: String {
        "Generated " + ReportFormat.timestamp(generatedAt) + " · model " + (data.model?.modelID ?? "none")
    }

    // MARK: - Identity and biomarkers

    func addSummary(to doc: ReportDocument) throws {
        let id = data.identity
        try doc.addHeading("Patient \(id.patientID)")
        let specimen = id.specimens.map { s in
            [s.sampleID, s.sampleType, s.site, s.collectionDate].compactMap { $0 }.joined(separator: ", ")
        }.joined(separator: "; ")
        let o = data.outcome
        let os: String = {
            guard let m = o?.osMonths else { return ReportFormat.missing }
            return ReportFormat.number(m, digits: 1) + " months" + (o?.osEvent == true ? " (death)" : o?.osEvent == false ? " (censored)" : "")
        }()
        let pairs: [(String, String)] = [
            ("Cohort", id.cohort), ("Tumor type", ReportFormat.text(id.tumorType)),
            ("Histology", ReportFormat.text(id.histology)), ("Stage", ReportFormat.text(id.stage)),
            ("Age", id.ageYears.map { ReportFormat.number($0, digits: 0) + " years" } ?? ReportFormat.missing),
            ("Sex", ReportFormat.text(id.sex)), ("ECOG", id.ecog.map(String.init) ?? ReportFormat.missing),
            ("Line of therapy", id.lineOfTherapy.map(String.init) ?? ReportFormat.missing),
            ("Prior therapy", ReportFormat.text(id.priorTherapy)), ("Specimen", ReportFormat.text(specimen)),
            ("Best response", ReportFormat.text(o?.bestResponse)), ("Overall survival", os),
        ]
        var rows: [[String]] = []
        for i in stride(from: 0, to: pairs.count, by: 2) {
            rows.append([pairs[i].0, pairs[i].1, pairs[i + 1].0, pairs[i + 1].1])
        }
        var style = TableStyle()
        style.fontSize = 8.5
        style.zebraFill = nil
        try doc.addTable(Table(caption: "Identity (pseudonymous)", columns: [
            TableColumn("Field", widthWeight: 0.9), TableColumn("Value", widthWeight: 2),
            TableColumn("Field", widthWeight: 0.9), TableColumn("Value", widthWeight: 2),
        ], rows: rows, style: style))

        var panelStyle = TableStyle()
        panelStyle.fontSize = 8.5
        try doc.addTable(Table(caption: "Biomarker panel", columns: [
            TableColumn("Biomarker", widthWeight: 2.1), TableColumn("Value", widthWeight: 0.9, alignment: .right),
            TableColumn("Unit", widthWeight: 1), TableColumn("Cut-off", widthWeight: 1.4), TableColumn("Flag", widthWeight: 2),
        ], rows: BiomarkerPanel.rows(data), style: panelStyle))
        var sources: [String] = []
        if let t = data.tissue { sources.append("TME metrics from slide \(t.slideID)") }
        if let p = data.pdl1 { sources.append("PD-L1 from slide \(p.slideID)") }
        if let g = data.genomics, let mb = g.captureSizeMb {
            sources.append("TMB = \(g.nonsynonymousCount.map(String.init) ?? "?") nonsynonymous mutations / \(ReportFormat.number(mb, digits: 1)) Mb")
        }
        if data.tissue?.stromalTILPercent != nil {
            sources.append("* " + BiomarkerPanel.stromalTILDefinition)
        }
        if !sources.isEmpty { try doc.addParagraph(sources.joined(separator: "; ") + ".", style: .small) }
    }

    /// Mutated / wild-type / not measured for the genes a tumor board weighs beside TMB and PD-L1, as one
    /// row of genes over one row of statuses.
    func addKeyGenes(to doc: ReportDocument) throws {
        let genes = data.genomics?.keyGenes.isEmpty == false ? data.genomics!.keyGenes
            : ["STK11", "KEAP1", "EGFR", "JAK1", "JAK2", "B2M", "PTEN", "POLE"].map { KeyGeneStatus(gene: $0, mutated: nil) }
        var style = TableStyle()
        style.fontSize = 8
        try doc.addTable(Table(caption: "Key genes", columns: [TableColumn("Gene", widthWeight: 1)]
                                   + genes.map { TableColumn($0.gene, widthWeight: 1, alignment: .center) },
                               rows: [["Status"] + BiomarkerPanel.keyGeneStatuses(genes)], style: style))
        try doc.addParagraph("Mutated: a nonsynonymous variant; wild-type: sequenced, none found; not measured: not sequenced. "
                             + "STK11/KEAP1 loss, EGFR drivers (NSCLC), JAK1/JAK2 and B2M loss: poorer PD-1 blockade benefit; "
                             + "POLE: hypermutation.", style: .small)
    }

    // MARK: - Model

    func addModel(to doc: ReportDocument) throws {
        try doc.addHeading("Model response probability and risk group", level: 2, keepWithNext: 80)
        guard let m = data.model else {
            try doc.addParagraph("No model score yet: this patient has not been scored by a response model "
                                 + "(run `tme train` and `tme score`). The sections below show the measured biomarkers only.")
            return
        }
        var text = "Predicted probability of objective response (CR/PR): " + ReportFormat.percent(m.responseProbability)
        if let lo = m.responseProbabilityLower, let hi = m.responseProbabilityUpper {
            text += " (range over the models that scored it: " + ReportFormat.percent(lo) + " to " + ReportFormat.percent(hi) + ")"
        }
        text += ". Risk group: " + (m.riskGroup.map { $0 + " risk" } ?? ReportFormat.missing)
        if let r = m.riskScore { text += " (risk score " + ReportFormat.number(r, digits: 2) + ")" }
        text += ". Model \(m.modelID) (\(m.kind)); modalities used: "
            + (m.modalitiesUsed.isEmpty ? ReportFormat.missing : m.modalitiesUsed.joined(separator: ", ")) + "."
        try doc.addParagraph(text)
        var charts: [any ReportGraphic] = []
        if let c = data.cohort, !c.calibrationBins.isEmpty {
            charts.append(CalibrationChart(title: "Calibration in cohort \(data.identity.cohort)", bins: c.calibrationBins,
                                           annotation: c.brierScore.map { "Brier " + ReportFormat.number($0, digits: 3) } ?? "",
                                           patientPrediction: m.responseProbability))
        }
        if let c = data.cohort, !c.riskGroupCurves.isEmpty {
            let index = c.riskGroupCurves.firstIndex { $0.label.lowercased().hasPrefix((m.riskGroup ?? "\u{0}").lowercased()) }
            charts.append(KaplanMeierChart(title: "Overall survival by risk group", curves: c.riskGroupCurves,
                                           logRankP: c.riskGroupLogRankP, showConfidenceBands: false, highlightedCurve: index))
        }
        if charts.isEmpty {
            try doc.addParagraph("Cohort calibration and survival by risk group are not available (no scored patients with outcomes).",
                                 style: .small)
        } else {
            try doc.addGraphics(charts, height: 235)
            try doc.addParagraph((m.riskGroup != nil ? "▶ and the thick line mark this patient's risk group; the vertical line on the "
                                      + "calibration plot marks this patient's prediction. " : "") + Self.scoringText(m), style: .small)
        }
    }

    /// Under the charts: how this score (and the cohort figures) were obtained, and the model's held-out performance.
    static func scoringText(_ m: ModelScore) -> String {
        let how: String
        switch m.evaluation {
        case "out_of_fold":
            how = "Held-out score: only the fold model(s) trained without this patient scored it (as every patient of the curves)"
        case "external": how = "External score: no model of the ensemble was trained on this patient"
        default: how = "How this score was obtained was not recorded (an older TMEScope: for a training patient it is in-sample)"
        }
        return how + ". Model held-out performance: " + (m.heldOutPerformance ?? "not recorded with the model") + "."
    }

    // MARK: - Mutations and cohort context

    func addMutations(to doc: ReportDocument) throws {
        guard data.genomics != nil || !data.mutations.isEmpty else { return }
        try doc.addHeading("Key mutations", level: 2)
        if data.mutations.isEmpty {
            try doc.addParagraph("No nonsynonymous mutations in the genes of interest were stored for this patient.")
            return
        }
        let rows = data.mutations.map { m in
            [m.gene, ReportFormat.text(m.proteinChange), m.classification.replacingOccurrences(of: "_", with: " "),
             m.variantAlleleFraction.map { ReportFormat.number($0 * 100, digits: 0) + " %" } ?? ReportFormat.missing]
        }
        try doc.addTable(Table(columns: [
            TableColumn("Gene", widthWeight: 1), TableColumn("Protein change", widthWeight: 1.5),
            TableColumn("Classification", widthWeight: 2), TableColumn("VAF", widthWeight: 0.8, alignment: .right),
        ], rows: rows))
        if let total = data.mutationCount, total > data.mutations.count {
            try doc.addParagraph("Shown: \(data.mutations.count) of \(total) stored mutations (immunotherapy-relevant genes first).",
                                 style: .small)
        }
    }

    func addCohortContext(to doc: ReportDocument) throws {
        guard let c = data.cohort, !(c.tmbValues.isEmpty && c.lymphocyteDensityValues.isEmpty) else { return }
        try doc.addHeading("This patient within cohort \(data.identity.cohort)", level: 2, keepWithNext: 160)
        try doc.addGraphics([
            DistributionChart(title: "TMB", values: c.tmbValues, valueAxisTitle: "TMB (mut/Mb)",
                              patientValue: data.genomics?.tmbPerMb, cutoffs: [Cutoff(value: 10, label: "10 mut/Mb")]),
            DistributionChart(title: "TIL density", values: c.lymphocyteDensityValues,
                              valueAxisTitle: "Lymphocytes (cells/mm²)", patientValue: data.tissue?.lymphocyteDensityPerMm2),
        ], height: 150)
    }
}
