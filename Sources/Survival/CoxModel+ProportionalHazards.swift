import Foundation

/// Test of the proportional-hazards assumption per covariate and globally, as R's `cox.zph`
/// (survival ≥ 3.0; Grambsch & Therneau 1994).
///
/// The model is extended by time-varying terms γⱼ·xⱼ·g(t) with g(t) = 1 − Ŝ(t−) (the Kaplan–Meier
/// transform, R's default), centred over event times. At (β̂, γ = 0) the score of γ is
/// U_γ = Σ_t g(t)·u_t, with u_t the per-event-time score contributions, and the information
/// blocks are I_ββ = Σ V_t, I_βγ = Σ g(t) V_t, I_γγ = Σ g(t)² V_t. The score test for covariate j
/// uses the β block and γⱼ: χ²ⱼ = (0, U_γⱼ)ᵀ I⁻¹ (0, U_γⱼ) on 1 df; the global test uses all γ (p df).
/// A small p suggests that covariate's hazard ratio changes over time.
public struct ProportionalHazardsTest: Codable, Sendable, Hashable {
    public struct Row: Codable, Sendable, Hashable {
        public var name: String
        public var chiSquare: Double
        public var degreesOfFreedom: Int
        public var p: Double
    }
    public var rows: [Row]
    public var global: Row
}

extension CoxModel {
    /// The PH test on the data the model was fitted to (pass the same times, events, covariates).
    /// - Throws: `.lengthMismatch`/`.invalidParameter` if the covariates do not match the model.
    public func proportionalHazardsTest(times: [Double], events: [Bool], covariates: [Covariate]) throws -> ProportionalHazardsTest {
        guard covariates.map(\.name) == names else {
            throw SurvivalError.invalidParameter(name: "covariates", reason: "must be the model's covariates in the same order")
        }
        try Self.validate(times: times, events: events, covariates: covariates, parameters: parameters)
        let data = CoxData(times: times, events: events, covariates: covariates)
        let p = data.p
        // g(t) = 1 − Ŝ(t−), centred over events.
        let km = try KaplanMeier.fit(times: times, events: events)
        func g(_ t: Double) -> Double {  // binary search for the last step strictly before t
            var lo = 0, hi = km.steps.count
            while lo < hi {
                let mid = (lo + hi) / 2
                if km.steps[mid].time < t { lo = mid + 1 } else { hi = mid }
            }
            return lo == 0 ? 0 : 1 - km.steps[lo - 1].survival
        }
        let eventG = times.indices.filter { events[$0] }.map { g(times[$0]) }
        let centre = eventG.reduce(0, +) / Double(eventG.count)
        var uGamma = [Double](repeating: 0, count: p)
        var big = SymmetricMatrix(size: 2 * p)
        _ = data.evaluate(beta: coefficients, ties: parameters.ties) { row, ut, vt in
            let gt = g(data.times[row]) - centre
            for j in 0..<p {
                uGamma[j] += gt * ut[j]
                for k in 0...j {
                    let v = vt[j * p + k]
                    big.addSymmetric(j, k, v)
                    big.addSymmetric(p + j, p + k, gt * gt * v)
                    big.addSymmetric(p + j, k, gt * v)
                    if j != k { big.addSymmetric(p + k, j, gt * v) }
                }
            }
        }
        func test(_ gammas: [Int]) -> Double {
            let kk = Array(0..<p) + gammas.map { p + $0 }
            var m = SymmetricMatrix(size: kk.count)
            for (a, i) in kk.enumerated() { for (b, j) in kk.enumerated() { m[a, b] = big[i, j] } }
            let u = [Double](repeating: 0, count: p) + gammas.map { uGamma[$0] }
            guard case .success(let l) = m.cholesky(tolerance: 1e-14) else { return .nan }
            let x = SymmetricMatrix.solve(factor: l, size: kk.count, u)
            return zip(x, u).reduce(0) { $0 + $1.0 * $1.1 }
        }
        func row(_ name: String, _ chi2: Double, _ df: Int) -> ProportionalHazardsTest.Row {
            .init(name: name, chiSquare: chi2, degreesOfFreedom: df,
                  p: Distributions.chiSquareUpperTail(chi2, degreesOfFreedom: Double(df)))
        }
        return ProportionalHazardsTest(rows: names.indices.map { row(names[$0], test([$0]), 1) },
                                       global: row("GLOBAL", test(Array(0..<p)), p))
    }
}
