import Foundation

/// A fitted Cox proportional-hazards model h(t | x) = h₀(t)·exp(xᵀβ) (Cox 1972).
///
/// β̂ maximises the log partial likelihood with Efron (1977, default, as R) or Breslow (1974)
/// handling of ties, optionally minus a ridge penalty λ/2·‖β‖², by Newton–Raphson from β = 0
/// with step-halving whenever the (penalised) log-likelihood decreases; it stops when the relative
/// change of the log-likelihood is below `tolerance`. Covariates are centred internally (this
/// changes neither β̂ nor its variance). Var(β̂) = (I(β̂) + λ·Id)⁻¹.
///
/// Checked before fitting, each with an error naming the covariate: a constant covariate, a
/// covariate that is a linear combination of earlier ones (unless λ > 0), and — after fitting —
/// a covariate whose coefficient runs off to ±∞ (monotone likelihood / perfect separation).
///
/// Example (repeated in `CoxModelTests.docExample`): times [1, 2, 3, 4, 5], events
/// [1, 1, 0, 1, 1], x [1, 0, 1, 0, 0] → β̂ = 0.752038698388, SE 1.43549997276 (R `coxph`;
/// Efron = Breslow here as there are no ties).
public struct CoxModel: Codable, Sendable, Hashable {
    public var names: [String]
    public var coefficients: [Double]
    /// Variance–covariance matrix of β̂, row-major p×p.
    public var covariance: [Double]
    /// Covariate means of the training data (the centring point of the baseline hazard).
    public var means: [Double]
    public var parameters: CoxParameters
    public var subjects: Int
    public var events: Int
    /// ℓ(β̂) without penalty, and ℓ(0).
    public var logLikelihood: Double
    public var logLikelihoodNull: Double
    /// Score (log-rank) test statistic U(0)ᵀ I(0)⁻¹ U(0) at β = 0.
    public var scoreStatistic: Double
    public var iterations: Int
    /// Harrell's C of the fitted linear predictor on the training data.
    public var concordance: Double
    /// Distinct event times and the Breslow cumulative baseline hazard at the covariate means.
    public var baselineTimes: [Double]
    public var baselineCumulativeHazard: [Double]

    /// Fits the model.
    /// - Parameters:
    ///   - times: follow-up times (finite, ≥ 0); events: true = event observed.
    ///   - covariates: named numeric columns, one value per subject.
    ///   - parameters: ties, ridge, iterations, tolerance, CI level.
    /// - Throws: `SurvivalError.noEvents`, `.constantCovariate(name)`, `.collinearCovariate(name)`,
    ///   `.separation(name)`, `.notConverged`, and input-shape errors.
    public static func fit(times: [Double], events: [Bool], covariates: [Covariate],
                           parameters: CoxParameters = CoxParameters()) throws -> CoxModel {
        try validate(times: times, events: events, covariates: covariates, parameters: parameters)
        let data = CoxData(times: times, events: events, covariates: covariates)
        if parameters.ridge == 0 { try checkCollinearity(data, names: covariates.map(\.name)) }
        let names = covariates.map(\.name)
        let p = data.p
        let lambda = parameters.ridge
        func penalised(_ e: CoxEvaluation, _ beta: [Double]) -> Double {
            e.logLikelihood - lambda / 2 * beta.reduce(0) { $0 + $1 * $1 }
        }
        var beta = [Double](repeating: 0, count: p)
        var current = data.evaluate(beta: beta, ties: parameters.ties)
        let null = current
        let scoreStatistic = try scoreTest(null, lambda: lambda, names: names)
        var iterations = 0
        var converged = p == 0
        while !converged && iterations < parameters.maxIterations {
            iterations += 1
            let step = try newtonStep(current, beta: beta, lambda: lambda, names: names)
            let old = penalised(current, beta)
            func settled(_ value: Double) -> Bool { abs(value - old) <= parameters.tolerance * max(abs(value), 1) }
            var candidate = zip(beta, step).map { $0 + $1 }
            var next = data.evaluate(beta: candidate, ties: parameters.ties)
            // As R's coxph: a change within tolerance is convergence; a real decrease halves the step.
            var halvings = 0
            while !settled(penalised(next, candidate)) && !(penalised(next, candidate) > old) && halvings < 60 {
                candidate = zip(beta, candidate).map { ($0 + $1) / 2 }
                next = data.evaluate(beta: candidate, ties: parameters.ties)
                halvings += 1
            }
            converged = settled(penalised(next, candidate))
            beta = candidate
            current = next
        }
        let finalStep = try newtonStep(current, beta: beta, lambda: lambda, names: names)
        try checkSeparation(beta: beta, step: finalStep, data: data, names: names, converged: converged)
        guard converged else { throw SurvivalError.notConverged(iterations: iterations) }
        var info = current.information
        for j in 0..<p { info[j, j] += lambda }
        let covariance: SymmetricMatrix
        switch info.cholesky(tolerance: 1e-14) {
        case .success(let l): covariance = SymmetricMatrix.inverse(factor: l, size: p)
        case .failure(let dep): throw SurvivalError.separation(name: names[dep.index])
        }
        var model = CoxModel(names: names, coefficients: beta, covariance: covariance.values, means: data.means,
                             parameters: parameters, subjects: data.n, events: events.filter { $0 }.count,
                             logLikelihood: current.logLikelihood, logLikelihoodNull: null.logLikelihood,
                             scoreStatistic: scoreStatistic, iterations: iterations, concordance: 0,
                             baselineTimes: [], baselineCumulativeHazard: [])
        model.setBaseline(data)
        var risk = [Double](repeating: 0, count: data.n)
        data.x.withUnsafeBufferPointer { x in
            for (r, i) in data.order.enumerated() {
                var v = 0.0
                for j in 0..<p { v += x[r * p + j] * beta[j] }
                risk[i] = v
            }
        }
        model.concordance = Concordance.count(times: times, events: events, scores: risk, byTime: data.order).cindex
        return model
    }

    // MARK: - Fitting steps

    static func newtonStep(_ e: CoxEvaluation, beta: [Double], lambda: Double, names: [String]) throws -> [Double] {
        var info = e.information
        var gradient = e.score
        for j in 0..<beta.count {
            info[j, j] += lambda
            gradient[j] -= lambda * beta[j]
        }
        switch info.cholesky() {
        case .success(let l): return SymmetricMatrix.solve(factor: l, size: beta.count, gradient)
        case .failure(let dep): throw SurvivalError.separation(name: names[dep.index])
        }
    }

    /// U(0)ᵀ (I(0) + λ·Id)⁻¹ U(0).
    static func scoreTest(_ e: CoxEvaluation, lambda: Double, names: [String]) throws -> Double {
        guard !names.isEmpty else { return 0 }
        var info = e.information
        for j in 0..<names.count { info[j, j] += lambda }
        switch info.cholesky() {
        case .success(let l):
            let x = SymmetricMatrix.solve(factor: l, size: names.count, e.score)
            return zip(x, e.score).reduce(0) { $0 + $1.0 * $1.1 }
        case .failure(let dep):
            throw SurvivalError.uninformativeCovariate(name: names[dep.index])
        }
    }

    /// A coefficient still moving by more than 1e-4·(1+|β|) per Newton step after the
    /// log-likelihood has stopped changing, and large on the covariate's scale, is heading to ±∞.
    static func checkSeparation(beta: [Double], step: [Double], data: CoxData, names: [String],
                                converged: Bool) throws {
        var worst: (index: Int, size: Double)?
        for j in 0..<beta.count {
            let ss = data.x.withUnsafeBufferPointer { x in
                var ss = 0.0
                for r in 0..<data.n { ss += x[r * data.p + j] * x[r * data.p + j] }
                return ss
            }
            let scaled = abs(beta[j]) * (ss / Double(data.n)).squareRoot()
            let moving = abs(step[j]) > 1e-4 * (1 + abs(beta[j]))
            if (moving || !converged) && scaled > 8, scaled > (worst?.size ?? 0) { worst = (j, scaled) }
        }
        if let worst { throw SurvivalError.separation(name: names[worst.index]) }
    }
}
