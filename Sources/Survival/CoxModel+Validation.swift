import Foundation

extension CoxModel {
    /// Input checks that give actionable, named errors before any iteration.
    static func validate(times: [Double], events: [Bool], covariates: [Covariate],
                         parameters: CoxParameters) throws {
        try parameters.validate()
        try KaplanMeier.validate(times: times, events: events)
        guard events.contains(true) else { throw SurvivalError.noEvents(what: "Cox model") }
        let n = times.count
        for c in covariates {
            guard c.values.count == n else {
                throw SurvivalError.lengthMismatch(what: "covariate '\(c.name)'", expected: n, actual: c.values.count)
            }
            if let bad = c.values.firstIndex(where: { !$0.isFinite }) {
                throw SurvivalError.nonFiniteValue(what: "covariate '\(c.name)'", index: bad)
            }
            let first = c.values[0]
            if c.values.allSatisfy({ $0 == first }) { throw SurvivalError.constantCovariate(name: c.name) }
        }
        if Set(covariates.map(\.name)).count != covariates.count {
            throw SurvivalError.invalidParameter(name: "covariates", reason: "covariate names must be unique")
        }
        if parameters.ridge == 0 { try checkCollinearity(covariates) }
    }

    /// Cholesky of the correlation matrix of the covariates; the first column whose pivot
    /// vanishes (relative 1e-10) is a linear combination of the ones before it.
    static func checkCollinearity(_ covariates: [Covariate]) throws {
        let p = covariates.count
        guard p > 0 else { return }
        let n = Double(covariates[0].values.count)
        let centred: [[Double]] = covariates.map { c in
            let mean = c.values.reduce(0, +) / n
            let v = c.values.map { $0 - mean }
            let norm = v.reduce(0) { $0 + $1 * $1 }.squareRoot()
            return v.map { $0 / norm }
        }
        var corr = SymmetricMatrix(size: p)
        for j in 0..<p {
            for k in 0...j {
                var s = 0.0
                for i in centred[j].indices { s += centred[j][i] * centred[k][i] }
                corr[j, k] = s
                corr[k, j] = s
            }
        }
        if case .failure(let dep) = corr.cholesky(tolerance: 1e-10) {
            throw SurvivalError.collinearCovariate(name: covariates[dep.index].name)
        }
    }
}
