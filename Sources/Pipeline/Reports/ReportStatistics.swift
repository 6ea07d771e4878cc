import Foundation
import Reports
import Survival

/// The survival and response statistics of the reports, computed with the Survival module from
/// the cohort's patient rows and handed to `Reports` as plain chart values.
public enum ReportStatistics {
    // MARK: - Kaplan–Meier

    /// A Survival curve as the chart's values (R `survfit` contract): every distinct time with
    /// its survival, pointwise bounds (NaN where undefined), numbers at risk and censoring times.
    public static func chartCurve(_ curve: KaplanMeierCurve, label: String) -> KMCurveData {
        KMCurveData(label: label, times: curve.steps.map(\.time), survival: curve.steps.map(\.survival),
                    lower: curve.steps.map { $0.lower ?? .nan }, upper: curve.steps.map { $0.upper ?? .nan },
                    numberAtRisk: curve.steps.map(\.atRisk),
                    censorTimes: curve.steps.filter { $0.censored > 0 }.map(\.time), subjectCount: curve.subjects)
    }

    /// Overall survival by the strata `stratum` assigns (nil = left out), curves in `order`, with
    /// the k-group log-rank p. Needs ≥ 2 non-empty strata; otherwise the panel carries a note.
    public static func survivalPanel(title: String, patients: [CohortPatient], order: [String],
                                     stratum: (CohortPatient) -> String?) -> SurvivalPanel {
        var times: [Double] = [], events: [Bool] = [], groups: [String] = []
        for p in patients {
            guard let t = p.osMonths, let e = p.osEvent, t.isFinite, t >= 0, let g = stratum(p) else { continue }
            times.append(t); events.append(e); groups.append(g)
        }
        let present = order.filter { groups.contains($0) }
        guard present.count >= 2 else {
            return SurvivalPanel(title: title, curves: [], logRankP: nil,
                                 note: "fewer than two strata with overall-survival data (\(times.count) patients with data)")
        }
        do {
            let fitted = try KaplanMeier.fit(times: times, events: events, groups: groups)
            let curves = present.compactMap { label -> KMCurveData? in
                guard let g = fitted.first(where: { $0.group == label }) else { return nil }
                return chartCurve(g.curve, label: label)
            }
            let p = try? LogRank.test(times: times, events: events, groups: groups).pValue
            return SurvivalPanel(title: title, curves: curves, logRankP: p)
        } catch {
            return SurvivalPanel(title: title, curves: [], logRankP: nil, note: "\(error)")
        }
    }

    /// The standard panels of the cohort report: TMB, PD-L1 TPS, immune phenotype, and the model's
    /// risk group when any patient has one.
    public static func standardPanels(_ patients: [CohortPatient]) -> [SurvivalPanel] {
        var panels = [
            survivalPanel(title: "Overall survival by TMB", patients: patients, order: tmbStrata, stratum: tmbStratum),
            survivalPanel(title: "Overall survival by PD-L1 TPS", patients: patients, order: tpsStrata, stratum: tpsStratum),
            survivalPanel(title: "Overall survival by immune phenotype", patients: patients, order: phenotypeStrata,
                          stratum: { $0.immunePhenotype }),
        ]
        if patients.contains(where: { $0.riskGroup != nil }) { panels.append(riskGroupPanel(patients)) }
        return panels
    }

    public static func riskGroupPanel(_ patients: [CohortPatient]) -> SurvivalPanel {
        survivalPanel(title: "Overall survival by model risk group", patients: patients, order: ["Low risk", "High risk"],
                      stratum: { $0.riskGroup.map { $0 == "high" ? "High risk" : "Low risk" } })
    }

    static let tmbStrata = ["TMB ≥ 10", "TMB < 10"]
    static func tmbStratum(_ p: CohortPatient) -> String? { p.tmbPerMb.map { $0 >= 10 ? "TMB ≥ 10" : "TMB < 10" } }
    static let tpsStrata = ["TPS < 1 %", "TPS 1–49 %", "TPS ≥ 50 %"]
    static func tpsStratum(_ p: CohortPatient) -> String? {
        p.pdl1TPSPercent.map { $0 >= 50 ? "TPS ≥ 50 %" : $0 >= 1 ? "TPS 1–49 %" : "TPS < 1 %" }
    }
    static let phenotypeStrata = ["inflamed", "excluded", "desert"]

    // MARK: - Response by stratum

    /// Wilson score interval for a binomial proportion (Wilson 1927):
    /// (p̂ + z²/2n ± z √(p̂(1 − p̂)/n + z²/4n²)) / (1 + z²/n). Example: 5 of 10 → 0.237…0.763.
    /// n = 0 gives (0, 1).
    public static func wilsonInterval(successes: Int, trials: Int, z: Double = 1.959963984540054) -> (lower: Double, upper: Double) {
        guard trials > 0 else { return (0, 1) }
        let n = Double(trials), p = Double(successes) / n
        let centre = p + z * z / (2 * n)
        let half = z * (p * (1 - p) / n + z * z / (4 * n * n)).squareRoot()
        let denominator = 1 + z * z / n
        return (max(0, (centre - half) / denominator), min(1, (centre + half) / denominator))
    }

    /// Objective response rate (CR/PR among CR/PR/SD/PD) for all patients and per stratum of
    /// TMB, PD-L1 TPS, CPS, MSI and phenotype; strata without evaluable patients are left out.
    public static func responseByStratum(_ patients: [CohortPatient]) -> [StratumResponse] {
        var out: [StratumResponse] = []
        func add(_ biomarker: String, _ order: [String], _ stratum: (CohortPatient) -> String?) {
            for label in order {
                let members = patients.filter { stratum($0) == label }.compactMap(\.objectiveResponse)
                guard !members.isEmpty else { continue }
                let r = members.filter { $0 }.count
                let ci = wilsonInterval(successes: r, trials: members.count)
                out.append(StratumResponse(biomarker: biomarker, stratum: label, evaluable: members.count, responders: r,
                                           lower: ci.lower, upper: ci.upper))
            }
        }
        add("All patients", ["all"]) { _ in "all" }
        add("TMB", tmbStrata, tmbStratum)
        add("PD-L1 TPS", tpsStrata, tpsStratum)
        add("PD-L1 CPS", ["CPS ≥ 10", "CPS < 10"]) { p in p.pdl1CPS.map { $0 >= 10 ? "CPS ≥ 10" : "CPS < 10" } }
        add("MSI", ["MSI-H", "MSS / MSI-L"]) { p in p.msiStatus.map { $0 == "MSI-H" ? "MSI-H" : "MSS / MSI-L" } }
        add("Immune phenotype", phenotypeStrata) { $0.immunePhenotype }
        add("Model risk group", ["low", "high"]) { $0.riskGroup }
        return out
    }
}
