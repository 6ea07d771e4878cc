import Foundation

extension CoxModel {
    /// Input checks that give actionable, named errors before any iteration.
    static func validate(times: [Double], events: [Bool], covariates: [Covariate],
                         parameters: CoxParameters) throws {
        try parameters.validate()
        try KaplanMeier.validate(times: times, events: events, what: "Cox model")
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
    }

    /// Cholesky of the correlation matrix of the (centred) covariates; the first column whose pivot
    /// vanishes (relative 1e-10) is a linear combination of the ones before it.
    static func checkCollinearity(_ data: CoxData, names: [String]) throws {
        let p = data.p
        guard p > 0 else { return }
        var cross = [Double](repeating: 0, count: p * p)
        data.x.withUnsafeBufferPointer { xb in
            cross.withUnsafeMutableBufferPointer { c in
                let x = xb.baseAddress!, c = c.baseAddress!
                for r in 0..<data.n {
                    let xr = x + r * p
                    for j in 0..<p {
                        let v = xr[j], row = c + j * p
                        for k in 0...j { row[k] += v * xr[k] }
                    }
                }
            }
        }
        var corr = SymmetricMatrix(size: p)
        for j in 0..<p {
            for k in 0...j {
                let c = cross[j * p + k] / (cross[j * p + j] * cross[k * p + k]).squareRoot()
                corr[j, k] = c
                corr[k, j] = c
            }
        }
        if case .failure(let dep) = corr.cholesky(tolerance: 1e-10) {
            throw SurvivalError.collinearCovariate(name: names[dep.index])
        }
    }
}
