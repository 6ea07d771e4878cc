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
        self.p = covariates.count
        let order = SortOrder.descending(times), p = covariates.count
        let means = covariates.map { c in c.values.reduce(0, +) / Double(c.values.count) }
        self.order = order
        self.means = means
        self.times = order.map { times[$0] }
        self.events = order.map { events[$0] }
        var x = [Double](repeating: 0, count: n * p)
        x.withUnsafeMutableBufferPointer { xb in
            for j in 0..<p {
                covariates[j].values.withUnsafeBufferPointer { column in
                    let mean = means[j]
                    for (r, i) in order.enumerated() { xb[r * p + j] = column[i] - mean }
                }
            }
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
    /// `perEventTime`, if given, receives each event time's first sorted row and its own score and
    /// (lower-triangular, row-major p×p) information contributions (used by the PH test).
    func evaluate(beta: [Double], ties: CoxParameters.Ties,
                  perEventTime: ((_ row: Int, _ score: [Double], _ information: [Double]) -> Void)? = nil) -> CoxEvaluation {
        let p = self.p, n = self.n, pp = p * p
        let efron = ties == .efron
        // One scratch allocation: eta, s1, s2, d1, d2, u, info, ut, vt.
        let scratch = UnsafeMutablePointer<Double>.allocate(capacity: n + 4 * p + 5 * pp)
        scratch.initialize(repeating: 0, count: n + 4 * p + 5 * pp)
        defer { scratch.deallocate() }
        let eta = scratch, s1 = eta + n, s2 = s1 + p, d1 = s2 + pp, d2 = d1 + p
        let u = d2 + pp, info = u + p, ut = info + pp, vt = ut + p  // ut, vt: this event time's share
        var ll = 0.0
        x.withUnsafeBufferPointer { xb in
            events.withUnsafeBufferPointer { eb in
                let x = xb.baseAddress!
                var shift = -Double.infinity
                for r in 0..<n {
                    var v = 0.0
                    for j in 0..<p { v += x[r * p + j] * beta[j] }
                    eta[r] = v
                    shift = max(shift, v)
                }
                if n == 0 { shift = 0 }
                var s0 = 0.0
                for g in 0..<(groupStarts.count - 1) {
                    let lo = groupStarts[g], hi = groupStarts[g + 1]
                    var deaths = 0
                    var d0 = 0.0
                    for j in 0..<p { d1[j] = 0 }
                    for j in 0..<pp { d2[j] = 0 }
                    for j in 0..<p { ut[j] = 0 }
                    // Censored rows go straight into the risk-set sums, deaths into d0/d1/d2,
                    // which join the risk-set sums once the tie group is complete.
                    for r in lo..<hi {
                        let w = exp(eta[r] - shift)
                        let xr = x + r * p
                        let death = eb[r]
                        let (t1, t2) = death ? (d1, d2) : (s1, s2)
                        if death {
                            d0 += w
                            deaths += 1
                            ll += eta[r]
                            for j in 0..<p { ut[j] += xr[j] }
                        } else {
                            s0 += w
                        }
                        for j in 0..<p {
                            let wx = w * xr[j]
                            t1[j] += wx
                            let row = t2 + j * p
                            for k in 0...j { row[k] += wx * xr[k] }
                        }
                    }
                    s0 += d0
                    for j in 0..<p { s1[j] += d1[j] }
                    for j in 0..<p { for k in 0...j { s2[j * p + k] += d2[j * p + k] } }
                    guard deaths > 0 else { continue }
                    // Σ over the d Efron terms l (fₗ = l/d; Breslow: fₗ = 0) in closed form:
                    // aₗ = 1/denₗ, bₗ = fₗ/denₗ, mₗ = s1·aₗ − d1·bₗ,
                    // Σ mₗ = s1·A − d1·B, Σ (s2 − fₗ d2)/denₗ − mₗmₗᵀ = s2·A − d2·B − (s1s1ᵀC − (s1d1ᵀ + d1s1ᵀ)D + d1d1ᵀE).
                    var sumA = 0.0, sumB = 0.0, sumC = 0.0, sumD = 0.0, sumE = 0.0, logs = 0.0
                    for l in 0..<deaths {
                        let f = efron ? Double(l) / Double(deaths) : 0
                        let den = s0 - f * d0
                        let a = 1 / den, b = f * a
                        logs += log(den)
                        sumA += a; sumB += b; sumC += a * a; sumD += a * b; sumE += b * b
                    }
                    ll -= logs + Double(deaths) * shift
                    for j in 0..<p {
                        ut[j] -= s1[j] * sumA - d1[j] * sumB
                        u[j] += ut[j]
                        for k in 0...j {
                            let v = s2[j * p + k] * sumA - d2[j * p + k] * sumB
                                - (s1[j] * s1[k] * sumC - (s1[j] * d1[k] + d1[j] * s1[k]) * sumD + d1[j] * d1[k] * sumE)
                            vt[j * p + k] = v
                            info[j * p + k] += v
                        }
                    }
                    if let perEventTime {
                        perEventTime(lo, Array(UnsafeBufferPointer(start: ut, count: p)),
                                     Array(UnsafeBufferPointer(start: vt, count: pp)))
                    }
                }
            }
        }
        var matrix = SymmetricMatrix(size: p)
        for j in 0..<p { for k in 0...j { matrix[j, k] = info[j * p + k]; matrix[k, j] = info[j * p + k] } }
        return CoxEvaluation(logLikelihood: ll, score: Array(UnsafeBufferPointer(start: u, count: p)), information: matrix)
    }
}
