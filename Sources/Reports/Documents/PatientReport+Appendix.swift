import Foundation

extension PatientReport {
    // MARK: - Missing data, methods, provenance

    func addAppendix(to doc: ReportDocument) throws {
        try doc.addHeading("Missing modalities", level: 2)
        let missing = data.missingModalities
        try doc.addParagraph(missing.isEmpty ? "None: every modality has data." : missing.map { "• " + $0 }.joined(separator: "\n"))

        try doc.addHeading("Methods", level: 2)
        try doc.addParagraph(PatientReport.methodsText, style: TextStyle(sizePoints: 8.5))
        if let m = data.model {
            if !m.trainingWarnings.isEmpty {
                try doc.addParagraph("Training warnings: " + m.trainingWarnings.joined(separator: "; ") + ".",
                                     style: TextStyle(sizePoints: 8.5, weight: .bold))
            }
        }

        try doc.addHeading("Provenance", level: 2)
        var rows = data.provenance.inputs.map { [$0.kind, $0.name, $0.sha256 ?? ReportFormat.missing] }
        if let m = data.model {
            rows.append(["Model weights", m.modelID, m.weightsSHA256 ?? ReportFormat.missing])
            rows.append(["Model code", m.kind + ", git commit", m.gitCommit ?? ReportFormat.missing])
        }
        rows.append(["TMEScope", "version", data.provenance.toolVersion])
        rows.append(["Generated", ReportFormat.timestamp(generatedAt), reproducible ? "reproducible mode (fixed date)" : ""])
        var style = TableStyle()
        style.fontSize = 7
        style.maxLinesPerCell = 2
        try doc.addTable(Table(columns: [TableColumn("Input", widthWeight: 1.1), TableColumn("Name", widthWeight: 1.6),
                                         TableColumn("SHA-256", widthWeight: 3.2)], rows: rows, style: style))
        let parameters = data.provenance.parameters + (data.model.map { [Provenance.ParameterSet(name: "Model configuration", json: $0.configJSON)] } ?? [])
        try ParameterSummary.addTable(parameters, to: doc)
        try doc.addParagraph(DocumentSettings.researchUseNotice + ". This report summarises research measurements and a research "
                             + "model; it has not been validated for diagnosis or treatment selection.",
                             style: TextStyle(sizePoints: 9, weight: .bold))
    }

    static let methodsText = """
        Slides: tissue detected by Otsu thresholding; per tile, colour deconvolution (Ruifrok & Johnston 2001) → \
        nuclei by watershed (classical detector) or by the InstanSeg brightfield_nuclei network (Goldsborough et al. \
        2024; learned detector; Provenance names the one used) → classes (lymphocyte, macrophage, tumor, stroma, \
        other) by documented morphology and \
        stain rules; densities are cells per mm² of tissue (physical units, magnification-independent). Phenotype \
        (inflamed / excluded / desert) from intratumoral and stromal \
        lymphocyte densities. PD-L1 TPS and CPS follow 22C3 conventions \
        (≥ 100 viable tumor cells for adequacy). Genomics: TMB = nonsynonymous coding mutations / captured Mb; \
        GEP = mean z-scored log2 expression of the 18-gene T-cell-inflamed profile (Ayers et al. 2017). Model: \
        gated-attention multiple-instance learning over tiles (Ilse et al. 2018) fused with genomic and clinical \
        encoders, k-fold cross-validated; a training-cohort patient is scored only by the fold model(s) trained \
        without it, others by all; interval: range of those models; risk group: split at their median risk on \
        their training patients. Every performance figure is held-out. Survival: Kaplan–Meier with log-rank tests (R survival conventions).
        """
}
