import Foundation

/// The rows of the cohort summary table, counted from the patients' values.
///
/// Rules: continuous values as median (min–max) of the patients with a value, labelled "median (range)";
/// categories as "label n (percent)" in descending count, then label order; "missing n" when any value is absent.
/// Overall survival: `followUp` (the reverse Kaplan–Meier median follow-up with its IQR, computed by Pipeline);
/// without it, the number of deaths only (a median of observed times, deaths included, is not follow-up).
/// Example: ages [50, 60, 70, nil] → "60 (50–70); missing 1".
public enum CohortSummary {
    public static func rows(_ patients: [CohortPatient], followUp: String? = nil) -> [[String]] {
        let n = patients.count
        var rows: [[String]] = [["Patients", String(n)]]
        rows.append(["Age (years), median (range)", continuous(patients.map(\.ageYears), digits: 0)])
        rows.append(["Sex", categories(patients.map(\.sex), total: n)])
        rows.append(["Tumor type", categories(patients.map(\.tumorType), total: n)])
        rows.append(["Stage", categories(patients.map { $0.stage.map(stageGroup) }, total: n)])
        rows.append(["ECOG", categories(patients.map { $0.ecog.map(String.init) }, total: n)])
        rows.append(["Best response", categories(patients.map(\.bestResponse), total: n)])
        let evaluable = patients.compactMap(\.objectiveResponse)
        rows.append(["Objective response", evaluable.isEmpty ? ReportFormat.missing
                        : "\(evaluable.filter { $0 }.count) of \(evaluable.count) evaluable ("
                            + ReportFormat.percent(Double(evaluable.filter { $0 }.count) / Double(evaluable.count)) + ")"])
        let os = patients.filter { $0.osMonths != nil }
        rows.append(["OS follow-up (months)", followUp
                        ?? (os.isEmpty ? ReportFormat.missing : "\(os.filter { $0.osEvent == true }.count) deaths among \(os.count)")])
        rows.append(["TMB (mut/Mb), median (range)", continuous(patients.map(\.tmbPerMb), digits: 1)
                        + "; TMB-high \(patients.filter { ($0.tmbPerMb ?? -1) >= 10 }.count)"])
        rows.append(["PD-L1 TPS (%), median (range)", continuous(patients.map(\.pdl1TPSPercent), digits: 0)])
        rows.append(["MSI", categories(patients.map(\.msiStatus), total: n)])
        rows.append(["TIL density (cells/mm²), median (range)", continuous(patients.map(\.lymphocyteDensityPerMm2), digits: 0)])
        rows.append(["Immune phenotype", categories(patients.map(\.immunePhenotype), total: n)])
        rows.append(["Model score", "\(patients.filter { $0.responseProbability != nil }.count) of \(n) patients scored"])
        return rows
    }

    /// "I", "II", "III" or "IV" from a stage with substage letters ("IIIA" → "III").
    static func stageGroup(_ stage: String) -> String {
        let upper = stage.uppercased().trimmingCharacters(in: .whitespaces)
        for g in ["IV", "III", "II", "I"] where upper.hasPrefix(g) { return g }
        return stage
    }

    public static func continuous(_ values: [Double?], digits: Int) -> String {
        let v = values.compactMap { $0 }.filter(\.isFinite).sorted()
        let missing = values.count - v.count
        guard !v.isEmpty else { return ReportFormat.missing }
        let median = v.count % 2 == 1 ? v[v.count / 2] : (v[v.count / 2 - 1] + v[v.count / 2]) / 2
        var s = ReportFormat.number(median, digits: digits) + " (" + ReportFormat.number(v.first, digits: digits) + "–"
            + ReportFormat.number(v.last, digits: digits) + ")"
        if missing > 0 { s += "; missing \(missing)" }
        return s
    }

    public static func categories(_ values: [String?], total: Int) -> String {
        var counts: [String: Int] = [:]
        for v in values.compactMap({ $0 }) { counts[v, default: 0] += 1 }
        let missing = values.filter { $0 == nil }.count
        guard !counts.isEmpty else { return ReportFormat.missing }
        var parts = counts.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }.map { key, count in
            "\(key) \(count) (" + ReportFormat.percent(Double(count) / Double(max(total, 1))) + ")"
        }
        if missing > 0 { parts.append("missing \(missing)") }
        return parts.joined(separator: ", ")
    }
}
