import Foundation

/// Settings of the Adam / AdamW optimiser.
public struct AdamSettings: Sendable, Hashable, Codable {
    /// Step size η. Default 1e-3, sensible 1e-4–1e-2.
    public var learningRate: Float = 1e-3
    /// Exponential decay of the first-moment estimate. Default 0.9.
    public var beta1: Float = 0.9
    /// Exponential decay of the second-moment estimate. Default 0.999.
    public var beta2: Float = 0.999
    /// Added to √v̂ for stability. Default 1e-8.
    public var epsilon: Float = 1e-8
    /// Decoupled weight decay λ (AdamW); 0 gives plain Adam. Applied to `.weight` tensors only.
    /// Default 1e-4, sensible 0–1e-2.
    public var weightDecay: Float = 1e-4

    public init(learningRate: Float = 1e-3, beta1: Float = 0.9, beta2: Float = 0.999,
                epsilon: Float = 1e-8, weightDecay: Float = 1e-4) {
        self.learningRate = learningRate
        self.beta1 = beta1
        self.beta2 = beta2
        self.epsilon = epsilon
        self.weightDecay = weightDecay
    }
}

/// Adam (Kingma & Ba 2015) with decoupled weight decay (AdamW, Loshchilov & Hutter 2019):
///
///     m ← β₁m + (1−β₁)g,   v ← β₂v + (1−β₂)g²,   m̂ = m/(1−β₁ᵗ),   v̂ = v/(1−β₂ᵗ)
///     θ ← θ − η (m̂ / (√v̂ + ε) + λθ)
///
/// Example: the first step with λ = 0 moves every parameter by η·sign(g) (up to ε), whatever |g| is.
public struct AdamOptimizer: Sendable, Hashable, Codable {
    public let settings: AdamSettings
    public private(set) var step = 0
    private var firstMoment: [String: [Float]] = [:]
    private var secondMoment: [String: [Float]] = [:]

    public init(settings: AdamSettings) { self.settings = settings }

    /// Applies one update to every parameter that has a gradient. Throws `nonFinite` when a
    /// gradient is NaN or infinite (nothing is updated then).
    public mutating func update(_ parameters: inout ParameterSet, gradients: [String: Matrix]) throws {
        for name in gradients.keys.sorted() where !gradients[name]!.isFinite {
            throw FusionModelError.nonFinite(where: "gradient of \(name) at step \(step + 1)")
        }
        step += 1
        let s = settings
        let c1 = 1 - Foundation.pow(Double(s.beta1), Double(step))
        let c2 = 1 - Foundation.pow(Double(s.beta2), Double(step))
        for name in parameters.names {
            guard let g = gradients[name]?.values, var theta = parameters[name] else { continue }
            var m = firstMoment[name] ?? [Float](repeating: 0, count: g.count)
            var v = secondMoment[name] ?? [Float](repeating: 0, count: g.count)
            let decay = name.hasSuffix(".weight") ? s.weightDecay : 0
            for i in g.indices {
                m[i] = s.beta1 * m[i] + (1 - s.beta1) * g[i]
                v[i] = s.beta2 * v[i] + (1 - s.beta2) * g[i] * g[i]
                let mHat = Double(m[i]) / c1, vHat = Double(v[i]) / c2
                let delta = mHat / (vHat.squareRoot() + Double(s.epsilon)) + Double(decay * theta.values[i])
                theta.values[i] -= Float(Double(s.learningRate) * delta)
            }
            firstMoment[name] = m
            secondMoment[name] = v
            parameters[name] = theta
        }
    }
}
