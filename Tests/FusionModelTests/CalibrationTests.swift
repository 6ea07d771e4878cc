import Foundation
import Testing
@testable import FusionModel

@Suite struct CalibrationTests {
    @Test func brierAndECEDocExamples() {
        #expect(abs(Calibration.brier(probabilities: [0.9, 0.2], labels: [true, false])! - 0.025) < 1e-12)
        let ece = Calibration.expectedCalibrationError(probabilities: [0.1, 0.1, 0.9, 0.9], labels: [false, true, true, true])
        #expect(abs(ece! - 0.25) < 1e-12)
        #expect(Calibration.brier(probabilities: [], labels: []) == nil)
    }

    @Test func reliabilityBinsCountEveryPrediction() {
        let p = [0.0, 0.05, 0.15, 0.5, 0.99, 1.0]
        let bins = Calibration.reliability(probabilities: p, labels: [false, false, true, true, true, false], bins: 10)
        #expect(bins.count == 10 && bins.map(\.count).reduce(0, +) == 6)
        #expect(bins[0].count == 2 && bins[9].count == 2 && bins[9].observedRate == 0.5)
        #expect(bins[3].meanPredicted == nil)
    }

    @Test func perfectlyCalibratedDrawsHaveSmallECE() {
        var g = SeededGenerator(seed: 3)
        let p = (0..<20_000).map { _ in g.nextUniform() }
        let y = p.map { g.nextUniform() < $0 }
        #expect(Calibration.expectedCalibrationError(probabilities: p, labels: y)! < 0.02)
        // Systematically overconfident scores are detected.
        let shifted = p.map { min(1, $0 + 0.2) }
        #expect(Calibration.expectedCalibrationError(probabilities: shifted, labels: y)! > 0.1)
    }

    /// The 95 % bootstrap interval of a mean of n = 400 N(0, 1) draws has width ≈ 2·1.96/√400 = 0.196
    /// and contains the sample mean.
    @Test func bootstrapIntervalOfAMean() throws {
        var g = SeededGenerator(seed: 5)
        let x = (0..<400).map { _ in g.nextNormal() }
        let mean = x.reduce(0, +) / 400
        let ci = try #require(Calibration.bootstrapInterval(count: 400, resamples: 2000, seed: 9) { idx in
            idx.reduce(0.0) { $0 + x[$1] } / Double(idx.count)
        })
        #expect(ci.lower < mean && mean < ci.upper)
        #expect(abs((ci.upper - ci.lower) - 0.196) < 0.03)
        #expect(Calibration.bootstrapInterval(count: 10, resamples: 100) { _ in nil } == nil)
    }
}
