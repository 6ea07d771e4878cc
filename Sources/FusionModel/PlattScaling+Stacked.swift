import Foundation

extension PlattScaling {
    /// Fits the stacked form σ(a·r + c·z₀ + b) (`PlattCalibration`) by maximum likelihood on the
    /// (smoothed, as in `fit`) targets: r = logit − prior is the network's residual, z₀ the prior's logit.
    /// Both slopes are constrained to ≥ 0 (neither part may reverse its ranking): if the unconstrained
    /// optimum has a negative slope, that part gets slope 0 and the other is fitted alone by `fit`.
    /// Throws as `fit`.
    public static func fitStacked(logits z: [Double], priors z0: [Double], labels y: [Bool],
                                  parameters: PlattParameters = PlattParameters()) throws -> PlattCalibration {
        guard z0.count == z.count else {
            throw FusionModelError.invalidParameter(name: "priors", value: "\(z0.count) priors", expected: "one per logit (\(z.count))")
        }
        // `fit` validates lengths, finiteness and both classes; its plain fit on the whole logit is also
        // the fallback when the two-slope fit does not converge.
        let plain = try fit(logits: z, labels: y, parameters: parameters)
        if let bad = z0.firstIndex(where: { !$0.isFinite }) {
            throw FusionModelError.invalidSample(index: bad, reason: "non-finite prior logit; stacked Platt scaling needs finite logits")
        }
        let residual = zip(z, z0).map { $0 - $1 }
        // A vanishing ridge (1e-9 on standardised slopes) only keeps the Newton system invertible.
        guard let (beta, b) = LinearPrior.fitLogistic(x: zip(residual, z0).map { [$0, $1] }, y: targets(y, parameters: parameters),
                                                      penalties: [1e-9, 1e-9]) else {
            return PlattCalibration(slope: plain.slope, intercept: plain.intercept, priorSlope: plain.slope)
        }
        if beta[0] >= 0 && beta[1] >= 0 { return PlattCalibration(slope: beta[0], intercept: b, priorSlope: beta[1]) }
        if beta[0] < 0 {
            let p = try fit(logits: z0, labels: y, parameters: parameters)
            return PlattCalibration(slope: 0, intercept: p.intercept, priorSlope: p.slope)
        }
        let p = try fit(logits: residual, labels: y, parameters: parameters)
        return PlattCalibration(slope: p.slope, intercept: p.intercept, priorSlope: 0)
    }
}
