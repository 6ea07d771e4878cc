import Foundation

/// Logistic recalibration of a response logit (Platt 1999): p = σ(a·z + b), with z the network's
/// response logit, a the slope and b the intercept. a = 1, b = 0 leaves the network unchanged;
/// a < 1 tempers over-confident scores (temperature scaling is the special case b = 0, a = 1/T).
/// A monotone map: the ranking of patients (AUC) by one calibrated model is unchanged.
///
/// Stacked form, for a network with a `LinearPrior` (z = r + z₀, z₀ the prior's part, r the network's
/// residual): p = σ(a·r + c·z₀ + b), so the inner cross-validation decides how much of the network's
/// residual to keep beside the prior (stacked generalisation, Wolpert 1992). Not monotone in z alone.
public struct PlattCalibration: Sendable, Hashable, Codable {
    public var slope: Double
    public var intercept: Double
    /// c of the stacked form; nil (and in calibrations saved before it existed): the plain form.
    public var priorSlope: Double?

    public init(slope: Double, intercept: Double, priorSlope: Double? = nil) {
        self.slope = slope
        self.intercept = intercept
        self.priorSlope = priorSlope
    }

    /// σ(a·z + b), or σ(a·(z − z₀) + c·z₀ + b) in the stacked form; without overflow for finite inputs.
    public func probability(logit z: Double, prior z0: Double = 0) -> Double {
        let t = priorSlope.map { slope * (z - z0) + $0 * z0 + intercept } ?? slope * z + intercept
        return t >= 0 ? 1 / (1 + Foundation.exp(-t)) : Foundation.exp(t) / (1 + Foundation.exp(t))
    }
}

/// Parameters of `PlattScaling.fit`.
public struct PlattParameters: Sendable, Hashable, Codable {
    /// Platt's smoothed targets t₊ = (N₊ + 1)/(N₊ + 2), t₋ = 1/(N₋ + 2) instead of 1/0: a maximum a
    /// posteriori fit under a uniform prior on each class's rate, finite even for perfectly separated
    /// logits. Default true.
    public var smoothedTargets: Bool
    /// Newton iterations. Default 100 (the fit usually converges in < 10).
    public var maxIterations: Int
    /// Stop when the largest gradient component of the mean log-loss is below this. Default 1e-12.
    public var tolerance: Double

    public init(smoothedTargets: Bool = true, maxIterations: Int = 100, tolerance: Double = 1e-12) {
        self.smoothedTargets = smoothedTargets
        self.maxIterations = maxIterations
        self.tolerance = tolerance
    }
}

/// Fits `PlattCalibration` by maximum likelihood.
///
/// Minimises the cross-entropy L(a, b) = −Σᵢ [tᵢ log pᵢ + (1 − tᵢ) log(1 − pᵢ)], pᵢ = σ(a·zᵢ + b), by
/// Newton's method with a backtracking line search (Lin, Lin & Weng 2007, "A note on Platt's probabilistic
/// outputs for support vector machines", Machine Learning 68:267–276). Gradient: (Σ (pᵢ − tᵢ) zᵢ, Σ (pᵢ − tᵢ));
/// Hessian: Σ pᵢ(1 − pᵢ)·[[zᵢ², zᵢ], [zᵢ, 1]], with a tiny ridge so that it stays invertible.
/// The slope is constrained to a ≥ 0 (a recalibration never reverses the network's ranking): when the
/// unconstrained optimum has a < 0, the result is a = 0, b = logit(mean target).
/// Known answer: with logits only at z = −1 and z = +1 and observed rates r₋ ≤ r₊ (plain targets), the
/// optimum is exact: a = (logit r₊ − logit r₋)/2, b = (logit r₊ + logit r₋)/2.
public enum PlattScaling {
    /// Throws `insufficientData` without both classes, `invalidSample` for a non-finite logit and
    /// `invalidParameter` for mismatched lengths or parameters out of range.
    public static func fit(logits z: [Double], labels y: [Bool], parameters: PlattParameters = PlattParameters()) throws -> PlattCalibration {
        guard z.count == y.count else {
            throw FusionModelError.invalidParameter(name: "labels", value: "\(y.count) labels", expected: "one per logit (\(z.count))")
        }
        guard parameters.maxIterations >= 1, parameters.tolerance > 0 else {
            throw FusionModelError.invalidParameter(name: "PlattParameters", value: "\(parameters)",
                                                    expected: "maxIterations ≥ 1, tolerance > 0")
        }
        if let bad = z.firstIndex(where: { !$0.isFinite }) {
            throw FusionModelError.invalidSample(index: bad, reason: "non-finite response logit; Platt scaling needs finite logits")
        }
        let positives = y.filter { $0 }.count, negatives = y.count - positives
        guard positives > 0, negatives > 0 else {
            throw FusionModelError.insufficientData(reason: "Platt scaling needs responders and non-responders; found \(positives) and \(negatives)")
        }
        let t = targets(y, parameters: parameters)
        let n = Double(z.count)

        func loss(_ a: Double, _ b: Double) -> Double {
            var s = 0.0
            for i in z.indices { s += LogisticLoss.value(logit: a * z[i] + b, target: t[i]) }
            return s / n
        }
        var a = 1.0, b = 0.0
        var current = loss(a, b)
        for _ in 0..<parameters.maxIterations {
            var ga = 0.0, gb = 0.0, haa = 0.0, hab = 0.0, hbb = 0.0
            for i in z.indices {
                let p = PlattCalibration(slope: a, intercept: b).probability(logit: z[i])
                let d = p - t[i], w = max(p * (1 - p), 1e-12)
                ga += d * z[i]; gb += d
                haa += w * z[i] * z[i]; hab += w * z[i]; hbb += w
            }
            ga /= n; gb /= n; haa = haa / n + 1e-12; hab /= n; hbb = hbb / n + 1e-12
            if max(abs(ga), abs(gb)) < parameters.tolerance { break }
            let det = haa * hbb - hab * hab
            let da = -(hbb * ga - hab * gb) / det, db = -(haa * gb - hab * ga) / det
            var step = 1.0, improved = false
            while step >= 1e-10 {
                let candidate = loss(a + step * da, b + step * db)
                // Armijo condition; a full step that raises the loss by no more than its rounding (~1e-13 for a
                // mean log-loss of order 1) is also taken: near the optimum the decrease ½·δᵀHδ is below the
                // rounding, while the Newton step still squares the error.
                if candidate < current + 1e-4 * step * (ga * da + gb * db) || (step == 1 && candidate <= current + 1e-13) {
                    a += step * da; b += step * db; current = candidate; improved = true
                    break
                }
                step /= 2
            }
            if !improved { break }
        }
        guard a < 0 else { return PlattCalibration(slope: a, intercept: b) }
        // A recalibration must not reverse the network's ranking: with a negative slope the best
        // non-negative one is 0, the constant b = logit(mean target) (the cohort rate, smoothed).
        let mean = t.reduce(0, +) / n
        return PlattCalibration(slope: 0, intercept: log(mean / (1 - mean)))
    }

    /// The fit's targets: Platt's smoothed t₊ = (N₊ + 1)/(N₊ + 2), t₋ = 1/(N₋ + 2), or plain 1/0.
    static func targets(_ y: [Bool], parameters: PlattParameters) -> [Double] {
        let positives = y.filter { $0 }.count, negatives = y.count - positives
        let high = parameters.smoothedTargets ? (Double(positives) + 1) / (Double(positives) + 2) : 1
        let low = parameters.smoothedTargets ? 1 / (Double(negatives) + 2) : 0
        return y.map { $0 ? high : low }
    }
}
