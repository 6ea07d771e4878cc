import Foundation
import Testing
@testable import FusionModel

@Suite struct StackedPlattTests {
    /// Labels drawn from σ(0.5·r + 1.2·z₀ − 0.3) with r, z₀ ~ N(0, 1): the fit recovers the three
    /// coefficients (20,000 patients; standard errors ≈ 0.02).
    @Test func recoversKnownSlopes() throws {
        var g = SeededGenerator(seed: 11)
        var z: [Double] = [], z0: [Double] = [], y: [Bool] = []
        for _ in 0..<20_000 {
            let r = g.nextNormal(), prior = g.nextNormal()
            let p = 1 / (1 + exp(-(0.5 * r + 1.2 * prior - 0.3)))
            z.append(r + prior); z0.append(prior); y.append(g.nextUniform() < p)
        }
        let c = try PlattScaling.fitStacked(logits: z, priors: z0, labels: y,
                                            parameters: PlattParameters(smoothedTargets: false))
        #expect(abs(c.slope - 0.5) < 0.06)
        #expect(abs(try #require(c.priorSlope) - 1.2) < 0.06)
        #expect(abs(c.intercept + 0.3) < 0.06)
        // σ(a·(z − z₀) + c·z₀ + b) by hand.
        let t = c.slope * (2.0 - 0.5) + c.priorSlope! * 0.5 + c.intercept
        #expect(abs(c.probability(logit: 2, prior: 0.5) - 1 / (1 + exp(-t))) < 1e-15)
    }

    /// A residual that ranks patients backwards gets slope 0 (never reversed); the prior is then
    /// calibrated alone, exactly as plain Platt scaling of the prior would be.
    @Test func reversedResidualGetsSlopeZero() throws {
        var g = SeededGenerator(seed: 12)
        var z: [Double] = [], z0: [Double] = [], y: [Bool] = []
        for _ in 0..<2_000 {
            let prior = g.nextNormal()
            let label = g.nextUniform() < 1 / (1 + exp(-2 * prior))
            let r = (label ? -1.0 : 1.0) + 0.5 * g.nextNormal()
            z.append(r + prior); z0.append(prior); y.append(label)
        }
        let c = try PlattScaling.fitStacked(logits: z, priors: z0, labels: y)
        let alone = try PlattScaling.fit(logits: z0, labels: y)
        #expect(c.slope == 0)
        #expect(c.priorSlope == alone.slope && c.intercept == alone.intercept)
    }

    @Test func plainCalibrationsIgnoreThePriorAndOldOnesDecode() throws {
        let plain = PlattCalibration(slope: 0.8, intercept: 0.1)
        #expect(plain.probability(logit: 1.5, prior: 3) == plain.probability(logit: 1.5))
        let old = try JSONDecoder().decode(PlattCalibration.self, from: Data(#"{"slope": 0.8, "intercept": 0.1}"#.utf8))
        #expect(old == plain)
        #expect(throws: FusionModelError.self) {
            try PlattScaling.fitStacked(logits: [0, 1], priors: [0], labels: [false, true])
        }
    }
}
