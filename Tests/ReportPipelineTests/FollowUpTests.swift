import Foundation
@testable import Pipeline
import Reports
import Testing

/// Median follow-up by reverse Kaplan–Meier (issue 19), not the median of observed times.
@Suite struct FollowUpTests {
    static func patients(_ times: [Double], _ deaths: [Bool]) -> [CohortPatient] {
        zip(times, deaths).enumerated().map { i, te in
            var p = CohortPatient(patientID: "F\(i)")
            p.osMonths = te.0; p.osEvent = te.1
            return p
        }
    }

    /// The doc comment's example: times 1–4, deaths at 1 and 3. Reverse KM: censored at 1 (n 4 → 3), "event" at 2
    /// (S = 2/3), censored at 3, "event" at 4 (S = 0): median 4, where the median of observed times is 2.5.
    @Test func reverseKaplanMeierExample() throws {
        let f = try #require(ReportStatistics.reverseKaplanMeierFollowUp(Self.patients([1, 2, 3, 4], [true, false, true, false])))
        #expect(f.median == 4 && f.q1 == 2 && f.q3 == 4)
    }

    /// Early deaths shorten the naive median but not the follow-up: ten patients censored at 10–19 months and
    /// ten dying at 1–10 months (naive median of observed times 10.0). Reverse KM: at risk 11 at 10 months, then
    /// S = 10/11, 8/11, 7/11, 6/11, 5/11 at 10–14, 4/11 at 15: median 15, quartiles 12 and 17.
    @Test func deathsDoNotShortenFollowUp() throws {
        let times = (0..<10).map { 10.0 + Double($0) } + (0..<10).map { 1.0 + Double($0) }
        let deaths = Array(repeating: false, count: 10) + Array(repeating: true, count: 10)
        let f = try #require(ReportStatistics.reverseKaplanMeierFollowUp(Self.patients(times, deaths)))
        #expect(f.median == 15 && f.q1 == 12 && f.q3 == 17)
        #expect(ReportStatistics.followUpSummary(Self.patients(times, deaths)).hasPrefix("median 15.0 (IQR 12.0–17.0), reverse Kaplan–Meier; 10 deaths among 20"))
        #expect(ReportStatistics.reverseKaplanMeierFollowUp(Self.patients([1, 2], [true, true])) == nil)
    }
}
