import Foundation
import Testing
@testable import Survival

@Suite struct CoxModelTests {
    @Test func docExample() throws {
        let m = try CoxModel.fit(times: [1, 2, 3, 4, 5], events: [true, true, false, true, true],
                                 covariates: [Covariate(name: "x", values: [1, 0, 1, 0, 0])])
        #expect(abs(m.coefficients[0] - 0.752038698388) < 1e-9)
        #expect(abs(m.standardErrors[0] - 1.43549997276) < 1e-9)
    }

    static let lungCovariates = ["age", "sex", "ph.ecog"]
    static let veteranCovariates = ["trt", "karno", "diagtime", "age", "prior", "smallcell", "adeno", "large"]

    static func dataset(_ name: String) throws -> (times: [Double], events: [Bool], covariates: [Covariate]) {
        if name == "lung" {
            let data = try Fixture("lung").completeCases(["time", "status"] + lungCovariates)
            let (t, e) = data.outcome()
            return (t, e, lungCovariates.map { Covariate(name: $0, values: data.numbers($0).map { $0! }) })
        }
        let data = try Fixture("veteran")
        let (t, e) = data.outcome()
        let cell = data.strings("celltype")
        var cov = ["trt", "karno", "diagtime", "age", "prior"].map { Covariate(name: $0, values: data.numbers($0).map { $0! }) }
        for level in ["smallcell", "adeno", "large"] {
            cov.append(Covariate(name: level, values: cell.map { $0 == level ? 1 : 0 }))
        }
        return (t, e, cov)
    }

    /// Coefficients within 1e-6, SEs within 1e-5 relative, tests and HR intervals against R's coxph.
    @Test(arguments: ["lung", "veteran"], CoxParameters.Ties.allCases)
    func matchesR(dataset: String, ties: CoxParameters.Ties) throws {
        let ref = try Fixture.reference()
        let (times, events, covariates) = try Self.dataset(dataset)
        let model = try CoxModel.fit(times: times, events: events, covariates: covariates,
                                     parameters: .init(ties: ties))
        let s = model.summary
        let k = "cox.\(dataset).\(ties.rawValue)"
        for row in s.rows {
            #expect(close(row.coefficient, ref["\(k).coef.\(row.name)"]!, 1e-6), "\(k) coef \(row.name)")
            #expect(close(row.standardError, ref["\(k).se.\(row.name)"]!, 1e-5, relative: true), "\(k) se \(row.name)")
            #expect(close(row.p, ref["\(k).p.\(row.name)"]!, 1e-5, relative: true), "\(k) p \(row.name)")
            #expect(close(row.hazardRatioLower, ref["\(k).hr_lower.\(row.name)"]!, 1e-5, relative: true))
            #expect(close(row.hazardRatioUpper, ref["\(k).hr_upper.\(row.name)"]!, 1e-5, relative: true))
        }
        #expect(close(s.logLikelihood, ref["\(k).loglik"]!, 1e-8, relative: true))
        #expect(close(s.logLikelihoodNull, ref["\(k).loglik_null"]!, 1e-10, relative: true))
        #expect(close(s.likelihoodRatio.chiSquare, ref["\(k).lr"]!, 1e-6, relative: true))
        #expect(close(s.wald.chiSquare, ref["\(k).wald"]!, 1e-5, relative: true))
        #expect(close(s.score.chiSquare, ref["\(k).score"]!, 1e-8, relative: true))
        #expect(close(s.concordance, ref["\(k).concordance"]!, 1e-12))
    }

    /// Breslow cumulative baseline hazard at x = 0 against R's survfit(fit, newdata = 0, ctype = 1).
    @Test(arguments: ["lung", "veteran"])
    func baselineHazardMatchesR(dataset: String) throws {
        let (times, events, covariates) = try Self.dataset(dataset)
        let model = try CoxModel.fit(times: times, events: events, covariates: covariates,
                                     parameters: .init(ties: .breslow))
        let expected = try Fixture("basehaz_cox.\(dataset)")
        let zero = [Double](repeating: 0, count: covariates.count)
        let t = expected.numbers("time").map { $0! }
        let h = expected.numbers("cumhaz").map { $0! }
        #expect(model.baselineTimes == t)
        for (ti, hi) in zip(t, h) {
            #expect(close(model.cumulativeHazard(at: ti, covariates: zero), hi, 1e-5, relative: true))
        }
        let curve = model.survivalCurve(covariates: zero)
        #expect(close(curve.last!.survival, exp(-h.last!), 1e-5, relative: true))
    }

    @Test func namesTheProblemCovariate() throws {
        let t: [Double] = [1, 2, 3, 4, 5, 6]
        let e = [true, true, false, true, true, false]
        let a = Covariate(name: "a", values: [1, 2, 3, 4, 5, 7])
        #expect(throws: SurvivalError.constantCovariate(name: "c")) {
            try CoxModel.fit(times: t, events: e, covariates: [a, Covariate(name: "c", values: [2, 2, 2, 2, 2, 2])])
        }
        #expect(throws: SurvivalError.collinearCovariate(name: "twice")) {
            try CoxModel.fit(times: t, events: e, covariates: [a, Covariate(name: "twice", values: a.values.map { 2 * $0 + 1 })])
        }
        // Events happen exactly to the subjects with x = 1, earliest first: monotone likelihood.
        #expect(throws: SurvivalError.separation(name: "sep")) {
            try CoxModel.fit(times: t, events: e, covariates: [Covariate(name: "sep", values: [1, 1, 0, 1, 1, 0].map { $0 + 0 }),
                                                               ].map { $0 }, parameters: .init())
        }
    }

    @Test func ridgeFitsCollinearData() throws {
        let t: [Double] = [1, 2, 3, 4, 5, 6, 7, 8]
        let e = [true, true, false, true, true, false, true, true]
        let a = [0.5, 2, 1.5, 4, 3, 7, 2, 1]
        let m = try CoxModel.fit(times: t, events: e,
                                 covariates: [Covariate(name: "a", values: a), Covariate(name: "b", values: a)],
                                 parameters: .init(ridge: 1))
        #expect(abs(m.coefficients[0] - m.coefficients[1]) < 1e-10)
        #expect(m.standardErrors.allSatisfy { $0.isFinite && $0 > 0 })
    }
}

@Suite struct ProportionalHazardsTests {
    /// χ² per covariate and global against R's cox.zph (transform "km") within 1e-6 relative.
    @Test(arguments: ["lung", "veteran"])
    func matchesR(dataset: String) throws {
        let ref = try Fixture.reference()
        let (t, e, cov) = try CoxModelTests.dataset(dataset)
        let model = try CoxModel.fit(times: t, events: e, covariates: cov)
        let zph = try model.proportionalHazardsTest(times: t, events: e, covariates: cov)
        let k = "cox.\(dataset).efron.zph"
        for row in zph.rows + [zph.global] {
            #expect(close(row.chiSquare, ref["\(k).chisq.\(row.name)"]!, 1e-6, relative: true), "\(k) \(row.name)")
            #expect(close(row.p, ref["\(k).p.\(row.name)"]!, 1e-6, relative: true), "\(k) p \(row.name)")
        }
        #expect(zph.global.degreesOfFreedom == cov.count)
    }
}
