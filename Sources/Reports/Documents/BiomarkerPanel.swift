/// The biomarker panel of a patient report: value, unit, clinical cut-off and flag per biomarker.
///
/// Cut-offs (flags are "≥ cut-off" tests on the stored value):
/// - TMB ≥ 10 mut/Mb: TMB-high (FDA tissue-agnostic pembrolizumab label, KEYNOTE-158; Marabelle et al. 2020).
/// - PD-L1 TPS ≥ 1 % positive, ≥ 50 % high (22C3, NSCLC; KEYNOTE-042/-024).
/// - PD-L1 CPS ≥ 1, ≥ 10, ≥ 20 (22C3 gastric/cervical, urothelial/TNBC, HNSCC labels).
/// - MSI-H as given by the assay.
/// - GEP (T-cell-inflamed, Ayers et al. 2017): shown as a z-score, flagged "high" when > 0 (above the
///   reference cohort mean; the published clinical cut-off is platform-specific, so none is implied).
/// - sTIL % (Salgado et al. 2015), TIL and TAM densities: no validated cut-off; shown with the cohort.
public enum BiomarkerPanel {
    /// Rows: biomarker, value, unit, cut-off, flag.
    public static func rows(_ data: PatientReportData) -> [[String]] {
        var rows: [[String]] = []
        let g = data.genomics, t = data.tissue, p = data.pdl1
        let tmb = g?.tmbPerMb
        rows.append(["TMB", ReportFormat.number(tmb, digits: 1), "mut/Mb", "≥ 10", flag(tmb.map { $0 >= 10 }, "TMB-high", "TMB-low")])
        let tps = p?.tpsPercent
        rows.append(["PD-L1 TPS", ReportFormat.number(tps, digits: 0), "%", "≥ 1 / ≥ 50",
                     tps.map { $0 >= 50 ? "High (≥ 50 %)" : $0 >= 1 ? "Positive (1–49 %)" : "Negative (< 1 %)" } ?? "Not measured"])
        let cps = p?.cps
        rows.append(["PD-L1 CPS", ReportFormat.number(cps, digits: 0), "score", "≥ 1 / 10 / 20",
                     cps.map { $0 >= 20 ? "≥ 20" : $0 >= 10 ? "≥ 10" : $0 >= 1 ? "≥ 1" : "< 1" } ?? "Not measured"])
        if let adequate = p?.adequate, !adequate {
            rows[rows.count - 1][4] += " (inadequate: < 100 tumor cells)"
            rows[rows.count - 2][4] += " (inadequate: < 100 tumor cells)"
        }
        let msi = g?.msiStatus
        rows.append(["MSI", ReportFormat.text(msi), "status", "MSI-H", msi.map { $0 == "MSI-H" ? "MSI-high" : "Not MSI-high" } ?? "Not measured"])
        let gep = g?.gepScore
        rows.append(["GEP (T-cell-inflamed, 18 genes)", ReportFormat.number(gep, digits: 2), "z-score", "> 0 (cohort mean)",
                     flag(gep.map { $0 > 0 }, "Above mean", "Below mean")])
        rows.append(["Stromal TILs, computed (nuclear area) *", ReportFormat.number(t?.stromalTILPercent, digits: 1), "% of stroma",
                     "none validated", t?.stromalTILPercent == nil ? "Not measured" : "Not an ITWG score *"])
        rows.append(["TIL density (tissue)", ReportFormat.density(t?.lymphocyteDensityPerMm2), "cells/mm²", "none validated",
                     t?.lymphocyteDensityPerMm2 == nil ? "Not measured" : "See cohort"])
        rows.append(["TIL density (intratumoral)", ReportFormat.density(t?.intratumoralLymphocyteDensityPerMm2), "cells/mm²",
                     "none validated", t?.intratumoralLymphocyteDensityPerMm2 == nil ? "Not measured" : "—"])
        rows.append(["TAM density", ReportFormat.density(t?.macrophageDensityPerMm2), "cells/mm²", "none validated",
                     t?.macrophageDensityPerMm2 == nil ? "Not measured" : "—"])
        let phenotype = t?.immunePhenotype
        rows.append(["Immune phenotype", ReportFormat.text(phenotype), "class", "inflamed / excluded / desert",
                     phenotype.map { $0 == "inflamed" ? "Inflamed" : "Not inflamed" } ?? "Not measured"])
        return rows
    }

    /// The footnote of the sTIL row: what the number is and why ITWG cut-offs do not apply to it.
    public static let stromalTILDefinition = """
        Computed stromal TILs = 100 × area of lymphocyte nuclei in stroma ÷ stromal tissue area. The ITWG score \
        (Salgado et al. 2015) is a pathologist's visual estimate of stroma covered by whole mononuclear cells; nuclei \
        cover less, so this value runs lower, with no validated conversion: ITWG cut-offs (10 %, 50 %) do not apply
        """

    /// The key-gene panel's statuses: "Mutated" (a stored nonsynonymous variant), "Wild-type" (sequenced, none
    /// found), "Not measured" (not sequenced, or no MAF).
    public static func keyGeneStatuses(_ genes: [KeyGeneStatus]) -> [String] {
        genes.map { g in g.mutated.map { $0 ? "Mutated" : "Wild-type" } ?? "Not measured" }
    }

    static func flag(_ positive: Bool?, _ yes: String, _ no: String) -> String {
        guard let positive else { return "Not measured" }
        return positive ? yes : no
    }
}
