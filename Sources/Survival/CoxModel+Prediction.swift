import Foundation

extension CoxModel {
    /// Breslow estimator of the cumulative baseline hazard at the covariate means:
    /// H₀(t) = Σ_{tᵢ ≤ t} dᵢ / Σ_{j ∈ R(tᵢ)} exp((xⱼ − x̄)ᵀβ̂)   (Breslow 1972).
    mutating func setBaseline(_ data: CoxData) {
        var risk = [Double](repeating: 0, count: data.groupStarts.count - 1)
        var deaths = risk
        var s0 = 0.0
        for g in 0..<(data.groupStarts.count - 1) {
            for r in data.groupStarts[g]..<data.groupStarts[g + 1] {
                var eta = 0.0
                for j in 0..<data.p { eta += data.x[r * data.p + j] * coefficients[j] }
                s0 += exp(eta)
                if data.events[r] { deaths[g] += 1 }
            }
            risk[g] = s0
        }
        var times: [Double] = [], hazard: [Double] = []
        var cumulative = 0.0
        for g in stride(from: risk.count - 1, through: 0, by: -1) where deaths[g] > 0 {
            cumulative += deaths[g] / risk[g]
            times.append(data.times[data.groupStarts[g]])
            hazard.append(cumulative)
        }
        baselineTimes = times
        baselineCumulativeHazard = hazard
    }

    /// Linear predictor xᵀβ̂ (uncentred; higher = higher risk).
    public func linearPredictor(_ x: [Double]) -> Double {
        zip(x, coefficients).reduce(0) { $0 + $1.0 * $1.1 }
    }

    /// Cumulative hazard H(t | x) = H₀(t)·exp((x − x̄)ᵀβ̂), a step function over event times.
    public func cumulativeHazard(at t: Double, covariates x: [Double]) -> Double {
        var lo = 0, hi = baselineTimes.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if baselineTimes[mid] <= t { lo = mid + 1 } else { hi = mid }
        }
        guard lo > 0 else { return 0 }
        return baselineCumulativeHazard[lo - 1] * exp(linearPredictor(x) - linearPredictor(means))
    }

    /// Predicted survival curve S(t | x) = exp(−H(t | x)) at every training event time.
    /// - Parameter x: covariate values in the order of `names`.
    public func survivalCurve(covariates x: [Double]) -> [(time: Double, survival: Double)] {
        let relative = exp(linearPredictor(x) - linearPredictor(means))
        return zip(baselineTimes, baselineCumulativeHazard).map { ($0, exp(-$1 * relative)) }
    }

    /// Predicted survival probability S(t | x).
    public func survival(at t: Double, covariates x: [Double]) -> Double {
        exp(-cumulativeHazard(at: t, covariates: x))
    }
}
