import Foundation
import Pipeline
import Reports
import Survival
import Testing

/// The statistics behind the report charts, against hand-worked numbers and the Survival module.
@Suite struct ReportStatisticsTests {
    /// The doc example: scores [0.9, 0.8, 0.7, 0.6], labels [T, F, T, F] → AUC 0.75
    /// (pairs: 0.9>0.8, 0.9>0.6, 0.7<0.8, 0.7>0.6 → 3 of 4).
    @Test func rocDocExample() throws {
        let roc = try #require(ResponseMetrics.roc(scores: [0.9, 0.8, 0.7, 0.6], labels: [true, false, true, false], label: "x"))
        #expect(abs(roc.auc - 0.75) < 1e-12)
        #expect(roc.falsePositiveRates == [0, 0, 0.5, 0.5, 1])
        #expect(roc.truePositiveRates == [0, 0.5, 0.5, 1, 1])
        // Hanley & McNeil 1982 by hand: A = .75, Q1 = .6, Q2 = 9/14; SE² = (.1875 + .0375 + .0803571) / 4.
        let se = ((0.1875 + (0.6 - 0.5625) + (9.0 / 14 - 0.5625)) / 4).squareRoot()
        #expect(abs(roc.aucLower! - max(0, 0.75 - 1.959963984540054 * se)) < 1e-12)
    }

    /// Tied scores across classes count ½ (Mann–Whitney): one positive and one negative tied → 0.5.
    @Test func rocTiesCountHalf() throws {
        let roc = try #require(ResponseMetrics.roc(scores: [0.5, 0.5, 0.9], labels: [true, false, true], label: "x"))
        // Pairs: (0.5 vs 0.5) = ½, (0.9 vs 0.5) = 1 → 1.5 / 2.
        #expect(abs(roc.auc - 0.75) < 1e-12)
        #expect(ResponseMetrics.roc(scores: [0.1, 0.2], labels: [true, true], label: "x") == nil)
    }

    /// Wilson (1927) interval, example from the doc comment: 5 of 10 → 0.2366…0.7634 (R: prop.test
    /// without continuity correction gives 0.2365931, 0.7634069).
    @Test func wilsonInterval() {
        let ci = ReportStatistics.wilsonInterval(successes: 5, trials: 10)
        #expect(abs(ci.lower - 0.2365930905) < 1e-9)
        #expect(abs(ci.upper - 0.7634069095) < 1e-9)
        let zero = ReportStatistics.wilsonInterval(successes: 0, trials: 8)
        #expect(zero.lower == 0)
        #expect(abs(zero.upper - 0.3244075649) < 1e-9)  // R: prop.test(0, 8, correct = FALSE)$conf.int
    }

    @Test func calibrationBinsAreEqualCount() {
        let p = (0..<13).map { Double($0) / 13 }, y = (0..<13).map { $0 % 2 == 0 }
        let bins = ResponseMetrics.calibrationBins(predictions: p, outcomes: y, bins: 3)
        #expect(bins.map(\.count) == [5, 4, 4])
        #expect(abs(bins[0].meanPredicted - (0 + 1 + 2 + 3 + 4) / 5.0 / 13) < 1e-12)
        #expect(bins[0].observedFraction == 3.0 / 5)
        #expect(abs(ResponseMetrics.brier(predictions: [0.2, 0.9], outcomes: [false, true])! - (0.04 + 0.01) / 2) < 1e-12)
    }

    /// The chart curve carries the Survival module's numbers unchanged (R `survfit` contract).
    @Test func chartCurveMatchesKaplanMeier() throws {
        // KaplanMeier doc example: times [1, 2, 2, 3], events [T, T, F, T] → S = .75, .5, 0.
        let km = try KaplanMeier.fit(times: [1, 2, 2, 3], events: [true, true, false, true])
        let c = ReportStatistics.chartCurve(km, label: "A")
        #expect(c.times == [1, 2, 3])
        #expect(c.survival == [0.75, 0.5, 0])
        #expect(c.numberAtRisk == [4, 3, 1])
        #expect(c.censorTimes == [2])
        #expect(c.subjectCount == 4)
        #expect(c.numberAtRisk(at: 2.5) == 1)
    }

    @Test func survivalPanelNeedsTwoStrata() {
        var a = CohortPatient(patientID: "a"); a.osMonths = 3; a.osEvent = true; a.tmbPerMb = 12
        var b = CohortPatient(patientID: "b"); b.osMonths = 5; b.osEvent = false; b.tmbPerMb = 14
        let one = ReportStatistics.survivalPanel(title: "t", patients: [a, b], order: ["TMB ≥ 10", "TMB < 10"]) {
            $0.tmbPerMb.map { $0 >= 10 ? "TMB ≥ 10" : "TMB < 10" }
        }
        #expect(one.curves.isEmpty)
        #expect(one.note.contains("fewer than two strata"))
        b.tmbPerMb = 3
        let two = ReportStatistics.survivalPanel(title: "t", patients: [a, b], order: ["TMB ≥ 10", "TMB < 10"]) {
            $0.tmbPerMb.map { $0 >= 10 ? "TMB ≥ 10" : "TMB < 10" }
        }
        #expect(two.curves.map(\.label) == ["TMB ≥ 10", "TMB < 10"])
        // Log-rank by hand: at t=3 both at risk, 1 event in group "≥10": O−E = 1 − ½, V = ¼ → χ² = 1, p = 0.3173.
        #expect(abs(two.logRankP! - 0.31731050786291415) < 1e-9)
    }

    /// Too few deaths: no forest rows and the reason; never a crash.
    @Test func coxNeedsEvents() {
        let patients = (0..<6).map { i -> CohortPatient in
            var p = CohortPatient(patientID: "\(i)"); p.osMonths = Double(i + 1); p.osEvent = i < 2
            p.tmbPerMb = Double(i * 3); p.pdl1TPSPercent = Double(i * 10); p.immunePhenotype = "inflamed"
            p.ageYears = 60; p.ecog = i % 2
            return p
        }
        let result = ReportStatistics.coxForest(patients)
        #expect(result.rows.isEmpty)
        #expect(result.note.contains("at least 5 deaths"))
    }

    /// PD-L1 measured in 4 of 40 patients (as in the demo, where only some patients have an IHC slide):
    /// the model is fitted on everyone without it, and the note says so, instead of giving up on
    /// 4 complete cases.
    @Test func coxLeavesOutCovariatesMissingForMostPatients() throws {
        let patients = (0..<40).map { i -> CohortPatient in
            var p = CohortPatient(patientID: "\(i)")
            // Deterministic spread of times; every third patient censored.
            p.tmbPerMb = Double((i * 7) % 23)
            p.osMonths = Double(5 + (i * 13) % 31) * (p.tmbPerMb! >= 10 ? 1.6 : 1)
            p.osEvent = i % 3 != 0
            p.pdl1TPSPercent = i < 4 ? Double(i * 20) : nil
            p.immunePhenotype = i % 2 == 0 ? "inflamed" : "desert"
            p.ageYears = 50 + Double((i * 11) % 30); p.ecog = i % 3 == 1 ? 1 : 0
            return p
        }
        let result = ReportStatistics.coxForest(patients)
        #expect(!result.rows.isEmpty)
        #expect(!result.rows.contains { $0.label.hasPrefix("PD-L1") })
        #expect(result.rows.contains { $0.label.hasPrefix("TMB") })
        #expect(result.note.contains("on 40 complete cases"))
        #expect(result.note.contains("PD-L1 TPS ≥ 1 % (measured in 4 of 40)"))
    }

    @Test func fileNamesFromPatientIDs() {
        #expect(ReportRunner.fileName("P01") == "P01")
        #expect(ReportRunner.fileName("../etc/passwd") == "_._etc_passwd")
        #expect(ReportRunner.fileName("漢字 100%") == "___100_")
    }
}
