import Foundation
import Testing
@testable import CohortSimulator

/// The drawn cohort reproduces the configured population statistics.
@Suite struct PopulationStatisticsTests {
    static let n = 3000

    @Test func responseAndEventRatesMatchTargets() throws {
        let config = try TestConfig.small(patients: Self.n, render: false)
        let (patients, _) = try CohortGenerator(config: config).generate()
        let rr = Double(patients.filter { $0.bestResponse.isObjectiveResponse }.count) / Double(Self.n)
        let er = Double(patients.filter(\.osEvent).count) / Double(Self.n)
        // Binomial SE at n = 3000 is ≤ 0.0092; tolerance ±0.035 (≈ 3.8 SE).
        #expect(abs(rr - config.response.targetRate) < 0.035, "response rate \(rr)")
        #expect(abs(er - config.survival.targetEventRate) < 0.035, "OS event rate \(er)")
        // PFS ≤ OS always.
        #expect(patients.allSatisfy { $0.pfsMonths <= $0.osMonths + 1e-9 })
        // Mean response probability equals the target (that is how β0 is solved).
        let meanP = patients.map(\.responseProbability).reduce(0, +) / Double(Self.n)
        #expect(abs(meanP - config.response.targetRate) < 1e-6)
    }

    @Test func medianTMBPerTumorTypeMatchesConfig() throws {
        let config = try TestConfig.small(patients: 2000, render: false)
        let patients = try CohortGenerator(config: config).patients()
        let genomics = GenomicsGenerator(config: config).genomics(for: patients)
        let truth = CohortTruth(config: config, constants: OutcomeConstants(responseIntercept: 0, osLambda: 0, pfsLambda: 0,
                                osCentering: 0, pfsCentering: 0, followUpMonths: 0), patients: patients, genomics: genomics)
        for t in config.tumorTypes {
            let median = try #require(truth.medianObservedTMB[t.code])
            // SE of a log-normal median (1.2533·σ/√n) at n ≥ 300, σ ≤ 1 is < 7.3 %; Poisson counting and 1 % POLE ×8
            // add little. Tolerance ±20 % (≈ 3 SE).
            #expect(abs(median / t.tmbMedianPerMb - 1) < 0.20, "\(t.code): median TMB \(median) vs \(t.tmbMedianPerMb)")
        }
    }

    @Test func phenotypeFollowsGenomicsAndOutcome() throws {
        let config = try TestConfig.small(patients: Self.n, render: false)
        let patients = try CohortGenerator(config: config).patients()
        func rate(_ p: ImmunePhenotype) -> Double {
            let g = patients.filter { $0.phenotype == p }
            return Double(g.filter { $0.bestResponse.isObjectiveResponse }.count) / Double(max(g.count, 1))
        }
        #expect(rate(.inflamed) > rate(.excluded) + 0.05)
        #expect(rate(.excluded) > rate(.desert))
        let stk = patients.filter { $0.covariates.stk11 == 1 }, wt = patients.filter { $0.covariates.stk11 == 0 }
        let inflamedShare = { (g: [Patient]) in Double(g.filter { $0.phenotype == .inflamed }.count) / Double(max(g.count, 1)) }
        #expect(inflamedShare(stk) < inflamedShare(wt), "STK11-mutant tumors are less often inflamed")
    }

    @Test func oracleDiscriminationIsKnownAndBetterThanChance() throws {
        let config = try TestConfig.small(patients: 1500, render: false)
        let (patients, constants) = try CohortGenerator(config: config).generate()
        let truth = CohortTruth(config: config, constants: constants, patients: patients,
                                genomics: GenomicsGenerator(config: config).genomics(for: patients))
        #expect(try #require(truth.oracleResponseAUC) > 0.65)
        #expect(try #require(truth.oracleOSConcordance) > 0.6)
        #expect(constants.followUpMonths > 0)
    }

    @Test func calibrationHelpersMatchIndependentChecks() {
        #expect(abs(OutcomeCalibration.logisticIntercept(linearParts: [0, 0, 0], targetMean: 0.5)) < 1e-9)
        // Closed form without accrual (a = 0), exponential (k = 1), η = 0: E = 1 − exp(−λF).
        let e = OutcomeCalibration.expectedEventFraction(eta: [0], lambda: 0.1, shape: 1, accrualFraction: 0, followUp: 10)
        #expect(abs(e - (1 - exp(-1.0))) < 1e-12)
        // With uniform accrual a = 1: E = 1 − (1 − e^{−λF})/(λF); midpoint rule with 64 nodes is within 1e-4.
        let e2 = OutcomeCalibration.expectedEventFraction(eta: [0], lambda: 0.1, shape: 1, accrualFraction: 1, followUp: 10)
        #expect(abs(e2 - (1 - (1 - exp(-1.0)) / 1.0)) < 1e-4)
        // Monte Carlo check of the Weibull inversion: median of T at η = 0 equals the configured median.
        var rng = SimulatorRandom(seed: 7)
        let k = 1.3, median = 12.0, lambda = log(2) / pow(median, k)
        let t = (0..<20_000).map { _ in pow(-log(max(rng.uniform(), 1e-300)) / lambda, 1 / k) }.sorted()
        #expect(abs(t[10_000] / median - 1) < 0.03)
    }

    @Test func oracleMetricExamples() {
        #expect(OracleMetrics.harrellC(time: [1, 2, 3], event: [true, true, true], risk: [3, 2, 1]) == 1.0)
        #expect(OracleMetrics.harrellC(time: [1, 2, 3], event: [true, true, true], risk: [1, 2, 3]) == 0.0)
        #expect(OracleMetrics.auc(score: [0.1, 0.9], label: [false, true]) == 1.0)
        #expect(OracleMetrics.auc(score: [0.5, 0.5], label: [false, true]) == 0.5)
        #expect(OracleMetrics.auc(score: [0.5], label: [true]) == nil)
    }
}

@Suite struct FormattingTests {
    @Test func fixedDecimalsMatchPrintfAwayFromTies() {
        #expect(fmt(-2.345, 2) == "-2.35" || fmt(-2.345, 2) == "-2.34")
        #expect(fmt(3, 0) == "3")
        #expect(fmt(-0.0001, 2) == "0.00")
        var rng = SimulatorRandom(seed: 11)
        for _ in 0..<2000 {
            let v = rng.normal(0, 300), places = Int(rng.next() % 5)
            // Away from exact ties both roundings agree.
            let scaled = abs(v) * pow(10, Double(places))
            if abs(scaled - scaled.rounded(.down) - 0.5) < 1e-6 { continue }
            #expect(fmt(v, places) == String(format: "%.\(places)f", v), "\(v) \(places)")
        }
    }
}
