import Foundation
import Reports
import Survival

extension ReportStatistics {
    /// The multivariable Cox model of overall survival behind the forest plot (Efron ties):
    /// TMB ≥ 10 mut/Mb, PD-L1 TPS ≥ 1 %, inflamed phenotype, age per 10 years and ECOG ≥ 1, on the
    /// patients with every value (complete cases). A covariate measured in fewer than half of the
    /// patients with survival data is left out first (complete-case analysis would otherwise discard
    /// most of the cohort, e.g. PD-L1 when only a few patients have an IHC slide); a covariate that is
    /// constant among the complete cases is dropped too. Both are named in the note. Needs ≥ 5
    /// deaths; otherwise returns no rows and the reason.
    public static func coxForest(_ patients: [CohortPatient]) -> (rows: [ForestRow], note: String) {
        typealias Column = (name: String, value: (CohortPatient) -> Double?)
        var columns: [Column] = [
            ("TMB ≥ 10 mut/Mb", { p in p.tmbPerMb.map { $0 >= 10 ? 1 : 0 } }),
            ("PD-L1 TPS ≥ 1 %", { p in p.pdl1TPSPercent.map { $0 >= 1 ? 1 : 0 } }),
            ("Inflamed phenotype", { p in p.immunePhenotype.map { $0 == "inflamed" ? 1 : 0 } }),
            ("Age (per 10 years)", { p in p.ageYears.map { $0 / 10 } }),
            ("ECOG ≥ 1", { p in p.ecog.map { $0 >= 1 ? 1 : 0 } }),
        ]
        var dropped: [String] = []
        let withSurvival = patients.filter { $0.osMonths != nil && $0.osEvent != nil }
        var sparse: [String] = []
        columns.removeAll { c in
            let measured = withSurvival.filter { c.value($0) != nil }.count
            guard 2 * measured < withSurvival.count else { return false }
            sparse.append("\(c.name) (measured in \(measured) of \(withSurvival.count))")
            return true
        }
        while !columns.isEmpty {
            let complete = patients.filter { p in
                p.osMonths != nil && p.osEvent != nil && columns.allSatisfy { $0.value(p) != nil }
            }
            let events = complete.filter { $0.osEvent == true }.count
            guard events >= 5 else {
                return ([], "\(complete.count) complete cases with \(events) deaths; at least 5 deaths are needed.")
            }
            let covariates = columns.map { c in Covariate(name: c.name, values: complete.map { c.value($0)! }) }
            do {
                let model = try CoxModel.fit(times: complete.map { $0.osMonths! }, events: complete.map { $0.osEvent! },
                                             covariates: covariates)
                let s = model.summary
                var rows: [ForestRow] = []
                var notEstimable: [String] = []
                for r in s.rows {
                    if [r.hazardRatio, r.hazardRatioLower, r.hazardRatioUpper].allSatisfy({ $0.isFinite && $0 > 0 }) {
                        rows.append(ForestRow(label: r.name, estimate: r.hazardRatio, lower: r.hazardRatioLower,
                                              upper: r.hazardRatioUpper, pValue: r.p))
                    } else {
                        notEstimable.append(r.name)
                    }
                }
                var note = "Cox proportional hazards (Efron ties) on \(complete.count) complete cases "
                    + "(\(patients.count - complete.count) left out for missing values), \(events) deaths; "
                    + "concordance \(ReportFormat.number(s.concordance, digits: 2)); likelihood-ratio test "
                    + KaplanMeierChart.formatP(s.likelihoodRatio.p) + " on \(s.likelihoodRatio.degreesOfFreedom) df."
                if !sparse.isEmpty { note += " Left out (missing for most patients): " + sparse.joined(separator: ", ") + "." }
                if !dropped.isEmpty { note += " Dropped (constant or uninformative): " + dropped.joined(separator: ", ") + "." }
                if !notEstimable.isEmpty { note += " Not estimable: " + notEstimable.joined(separator: ", ") + "." }
                return (rows, note)
            } catch let error as SurvivalError {
                switch error {
                case .constantCovariate(let name), .collinearCovariate(let name), .uninformativeCovariate(let name),
                     .separation(let name):
                    dropped.append(name)
                    columns.removeAll { $0.name == name }
                default:
                    return ([], "the model could not be fitted: \(error)")
                }
            } catch {
                return ([], "the model could not be fitted: \(error)")
            }
        }
        return ([], "no covariate varies among the patients with overall-survival data.")
    }
}
