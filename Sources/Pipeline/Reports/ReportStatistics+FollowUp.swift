import Foundation
import Reports
import Survival

extension ReportStatistics {
    /// Median follow-up by the reverse Kaplan–Meier method (Schemper & Smith 1996): the Kaplan–Meier
    /// estimate with the event indicator reversed (censoring = "event", death = censored), whose median
    /// and quartiles (R `quantile(survfit(Surv(time, 1 - status) ~ 1), c(.25, .5, .75))`) are the follow-up
    /// the cohort would have had without deaths. Unlike the median of all observed times, deaths do not
    /// shorten it. Example: times [1, 2, 3, 4], deaths [T, F, T, F] → reverse events at 2 and 4: median 4.
    /// nil without a censored patient (everyone died: the follow-up is complete and the median undefined).
    public static func reverseKaplanMeierFollowUp(_ patients: [CohortPatient]) -> (median: Double?, q1: Double?, q3: Double?)? {
        let with = patients.compactMap { p -> (Double, Bool)? in
            guard let t = p.osMonths, let e = p.osEvent, t.isFinite, t >= 0 else { return nil }
            return (t, e)
        }
        guard with.contains(where: { !$0.1 }),
              let curve = try? KaplanMeier.fit(times: with.map(\.0), events: with.map { !$0.1 }) else { return nil }
        return (curve.quantile(0.5).estimate, curve.quantile(0.25).estimate, curve.quantile(0.75).estimate)
    }

    /// The cohort summary's overall-survival row: "median follow-up 24.1 months (IQR 15.2–30.0; reverse
    /// Kaplan–Meier); 40 deaths among 64", or why there is none.
    public static func followUpSummary(_ patients: [CohortPatient]) -> String {
        let with = patients.filter { $0.osMonths != nil && $0.osEvent != nil }
        guard !with.isEmpty else { return ReportFormat.missing }
        let deaths = with.filter { $0.osEvent == true }.count
        let tail = "\(deaths) deaths among \(with.count) with data"
            + (with.count < patients.count ? "; missing \(patients.count - with.count)" : "")
        guard let f = reverseKaplanMeierFollowUp(with) else { return "no censored patient (follow-up complete); " + tail }
        func n(_ x: Double?) -> String { x.map { ReportFormat.number($0, digits: 1) } ?? "not reached" }
        return "median \(n(f.median)) (IQR \(n(f.q1))–\(n(f.q3))), reverse Kaplan–Meier; " + tail
    }
}
