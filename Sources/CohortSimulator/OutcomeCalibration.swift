import Foundation

/// Solves the two calibration constants of the outcome model by bisection.
public enum OutcomeCalibration {
    /// β0 such that (1/n) Σ σ(β0 + lᵢ) = targetMean, σ(z) = 1/(1+e^−z). The mean is increasing in β0,
    /// so bisection on [−40, 40] converges; 100 halvings give full double precision.
    /// Example: lᵢ = 0 for all i, target 0.5 → β0 = 0.
    public static func logisticIntercept(linearParts: [Double], targetMean: Double) -> Double {
        guard !linearParts.isEmpty else { return 0 }
        var lo = -40.0, hi = 40.0
        for _ in 0..<100 {
            let mid = (lo + hi) / 2
            let mean = linearParts.reduce(0) { $0 + 1 / (1 + exp(-(mid + $1))) } / Double(linearParts.count)
            if mean < targetMean { lo = mid } else { hi = mid }
        }
        return (lo + hi) / 2
    }

    /// Expected fraction of events under Weibull PH times and censoring C = F(1 − a·U):
    /// E = (1/n) Σᵢ ∫₀¹ [1 − exp(−λ e^{ηᵢ} (F(1 − a u))^k)] du, by the midpoint rule with 64 nodes.
    public static func expectedEventFraction(eta: [Double], lambda: Double, shape: Double,
                                             accrualFraction a: Double, followUp f: Double) -> Double {
        let nodes = 64
        var total = 0.0
        for e in eta {
            let rate = lambda * exp(e)
            var s = 0.0
            for j in 0..<nodes {
                let u = (Double(j) + 0.5) / Double(nodes)
                s += 1 - exp(-rate * pow(f * (1 - a * u), shape))
            }
            total += s / Double(nodes)
        }
        return total / Double(max(eta.count, 1))
    }

    /// Follow-up F (months) such that `expectedEventFraction` = target; bisection on log F in [0.01, 10⁵].
    public static func followUp(eta: [Double], lambda: Double, shape: Double, accrualFraction: Double,
                                targetEventRate: Double) -> Double {
        var lo = log(0.01), hi = log(1e5)
        for _ in 0..<60 {
            let mid = (lo + hi) / 2
            let e = expectedEventFraction(eta: eta, lambda: lambda, shape: shape,
                                          accrualFraction: accrualFraction, followUp: exp(mid))
            if e < targetEventRate { lo = mid } else { hi = mid }
        }
        return exp((lo + hi) / 2)
    }
}
