import Foundation

/// Subjects sorted by descending time with centred covariates: the layout the partial
/// likelihood is evaluated on (risk sets grow as time decreases).
struct CoxData: Sendable {
    let n: Int
    let p: Int
    /// Times, descending.
    let times: [Double]
    let events: [Bool]
    /// Centred covariates, row-major n×p, in the same order.
    let x: [Double]
    let means: [Double]
    /// Positions where a new distinct time starts (and n at the end).
    let groupStarts: [Int]
    /// Original index of each sorted row.
    let order: [Int]

    init(times: [Double], events: [Bool], covariates: [Covariate]) {
        n = times.count
        p = covariates.count
        order = times.indices.sorted { times[$0] > times[$1] }
        self.times = order.map { times[$0] }
        self.events = order.map { events[$0] }
        means = covariates.map { c in c.values.reduce(0, +) / Double(c.values.count) }
        var x = [Double](repeating: 0, count: n * p)
        for (r, i) in order.enumerated() {
            for j in 0..<p { x[r * p + j] = covariates[j].values[i] - means[j] }
        }
        self.x = x
        var starts: [Int] = []
        for r in 0..<n where r == 0 || self.times[r] != self.times[r - 1] { starts.append(r) }
        starts.append(n)
        groupStarts = starts
    }
}

/// Log partial likelihood with its gradient and information matrix at one β.
struct CoxEvaluation: Sendable {
    var logLikelihood: Double
    var score: [Double]
    var information: SymmetricMatrix
}

extension CoxData {
    /// ℓ(β), U(β) = ∂ℓ/∂β and I(β) = −∂²ℓ/∂β² (Efron 1977 or Breslow 1974 ties).
    ///
    /// With rᵢ = exp(xᵢ·β), risk set R(t), deaths D(t) (d of them) at each event time:
    ///
    ///     Breslow: ℓ = Σ_t [Σ_D xᵢβ − d·log Σ_R rⱼ]
    ///     Efron:   ℓ = Σ_t [Σ_D xᵢβ − Σ_{l<d} log(Σ_R rⱼ − (l/d) Σ_D rⱼ)]
    ///
    /// U and I follow by differentiating each log term (weighted means and covariances of x).
    /// η is shifted by its maximum before exponentiation; the shift cancels exactly.
    func evaluate(beta: [Double], ties: CoxParameters.Ties) -> CoxEvaluation {
        var eta = [Double](repeating: 0, count: n)
        for r in 0..<n {
            var s = 0.0
            for j in 0..<p { s += x[r * p + j] * beta[j] }
            eta[r] = s
        }
        let shift = eta.max() ?? 0
        var s0 = 0.0
        var s1 = [Double](repeating: 0, count: p)
        var s2 = [Double](repeating: 0, count: p * p)
        var d1 = [Double](repeating: 0, count: p)
        var d2 = [Double](repeating: 0, count: p * p)
        var m1 = [Double](repeating: 0, count: p)
        var ll = 0.0
        var u = [Double](repeating: 0, count: p)
        var info = [Double](repeating: 0, count: p * p)
        for g in 0..<(groupStarts.count - 1) {
            let lo = groupStarts[g], hi = groupStarts[g + 1]
            var deaths = 0
            var d0 = 0.0
            for j in 0..<p { d1[j] = 0 }
            for j in 0..<(p * p) { d2[j] = 0 }
            for r in lo..<hi {
                let w = exp(eta[r] - shift)
                s0 += w
                for j in 0..<p {
                    let wx = w * x[r * p + j]
                    s1[j] += wx
                    for k in 0...j { s2[j * p + k] += wx * x[r * p + k] }
                }
                if events[r] {
                    deaths += 1
                    ll += eta[r]
                    for j in 0..<p { u[j] += x[r * p + j] }
                    if ties == .efron {
                        d0 += w
                        for j in 0..<p {
                            let wx = w * x[r * p + j]
                            d1[j] += wx
                            for k in 0...j { d2[j * p + k] += wx * x[r * p + k] }
                        }
                    }
                }
            }
            guard deaths > 0 else { continue }
            let steps = ties == .efron ? deaths : 1
            let multiplicity = ties == .efron ? 1.0 : Double(deaths)
            for l in 0..<steps {
                let f = ties == .efron ? Double(l) / Double(deaths) : 0
                let den = s0 - f * d0
                ll -= multiplicity * (log(den) + shift)
                for j in 0..<p {
                    m1[j] = (s1[j] - f * d1[j]) / den
                    u[j] -= multiplicity * m1[j]
                }
                for j in 0..<p {
                    for k in 0...j {
                        info[j * p + k] += multiplicity * ((s2[j * p + k] - f * d2[j * p + k]) / den - m1[j] * m1[k])
                    }
                }
            }
        }
        var matrix = SymmetricMatrix(size: p)
        for j in 0..<p { for k in 0...j { matrix[j, k] = info[j * p + k]; matrix[k, j] = info[j * p + k] } }
        return CoxEvaluation(logLikelihood: ll, score: u, information: matrix)
    }
}
