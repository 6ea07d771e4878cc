import Foundation

/// Coefficient table and global tests of a `CoxModel`, as in R's `summary.coxph`.
public struct CoxSummary: Codable, Sendable, Hashable {
    public struct Row: Codable, Sendable, Hashable {
        public var name: String
        public var coefficient: Double
        public var standardError: Double
        /// Wald z = β̂ / SE.
        public var z: Double
        /// Two-sided p = 2·P(Z > |z|).
        public var p: Double
        /// exp(β̂) and its interval exp(β̂ ∓ z_{1−α/2}·SE).
        public var hazardRatio: Double
        public var hazardRatioLower: Double
        public var hazardRatioUpper: Double
    }
    /// A χ² test with its degrees of freedom and upper-tail p-value.
    public struct Test: Codable, Sendable, Hashable {
        public var chiSquare: Double
        public var degreesOfFreedom: Int
        public var p: Double
        init(_ chi2: Double, df: Int) {
            chiSquare = chi2
            degreesOfFreedom = df
            p = Distributions.chiSquareUpperTail(chi2, degreesOfFreedom: Double(df))
        }
    }
    public var rows: [Row]
    public var logLikelihood: Double
    public var logLikelihoodNull: Double
    /// 2·(ℓ(β̂) − ℓ(0)).
    public var likelihoodRatio: Test
    /// β̂ᵀ Var(β̂)⁻¹ β̂.
    public var wald: Test
    /// U(0)ᵀ I(0)⁻¹ U(0) (the log-rank test for one binary covariate).
    public var score: Test
    public var concordance: Double
}

extension CoxModel {
    /// Standard errors √diag Var(β̂).
    public var standardErrors: [Double] {
        let p = names.count
        return (0..<p).map { covariance[$0 * p + $0].squareRoot() }
    }

    /// The full summary (coefficients, SE, z, p, hazard ratios with CI, LR/Wald/score tests).
    public var summary: CoxSummary {
        let z = Distributions.normalQuantile(1 - (1 - parameters.confidenceLevel) / 2)
        let se = standardErrors
        let rows = names.indices.map { j in
            let b = coefficients[j]
            return CoxSummary.Row(name: names[j], coefficient: b, standardError: se[j], z: b / se[j],
                                  p: Distributions.normalTwoSided(b / se[j]), hazardRatio: exp(b),
                                  hazardRatioLower: exp(b - z * se[j]), hazardRatioUpper: exp(b + z * se[j]))
        }
        let p = names.count
        var precision = SymmetricMatrix(size: p, values: covariance)
        var wald = 0.0
        if case .success(let l) = precision.cholesky(tolerance: 0) {
            precision = SymmetricMatrix.inverse(factor: l, size: p)
            wald = precision.quadraticForm(coefficients)
        }
        return CoxSummary(rows: rows, logLikelihood: logLikelihood, logLikelihoodNull: logLikelihoodNull,
                          likelihoodRatio: .init(2 * (logLikelihood - logLikelihoodNull), df: p),
                          wald: .init(wald, df: p), score: .init(scoreStatistic, df: p),
                          concordance: concordance)
    }
}
