extension Tape {
    /// Inverted dropout (Srivastava et al. 2014): yᵢ = xᵢ · mᵢ / (1 − p) with mᵢ ~ Bernoulli(1 − p).
    /// ∂L/∂xᵢ = mᵢ / (1 − p) · ∂L/∂yᵢ. `p = 0` returns x unchanged. Throws unless 0 ≤ p < 1.
    public func dropout(_ x: Variable, probability p: Float, using generator: inout SeededGenerator) throws -> Variable {
        try checkProbability(p, "dropout probability")
        guard p > 0 else { return x }
        let q = 1 - p
        var factors = [Float](repeating: 0, count: x.rows * x.columns)
        for i in factors.indices where generator.nextUniform() < Double(q) { factors[i] = 1 / q }
        return applyAffineMask(x, factors: factors, offsets: nil)
    }

    /// Alpha dropout for SELU networks (Klambauer et al. 2017, §"New Dropout Technique"):
    /// dropped units are set to α′ = −λα, then y = a·x̃ + b with q = 1 − p,
    /// a = (q + α′² q (1 − q))^(−1/2), b = −a α′ (1 − q), which keeps zero mean and unit variance.
    /// ∂L/∂xᵢ = a · mᵢ · ∂L/∂yᵢ. `p = 0` returns x unchanged. Throws unless 0 ≤ p < 1.
    public func alphaDropout(_ x: Variable, probability p: Float, using generator: inout SeededGenerator) throws -> Variable {
        try checkProbability(p, "alpha-dropout probability")
        guard p > 0 else { return x }
        let q = 1 - p
        let alphaPrime = -SELU.lambda * SELU.alpha
        let a = 1 / (q + alphaPrime * alphaPrime * q * (1 - q)).squareRoot()
        let b = -a * alphaPrime * (1 - q)
        var factors = [Float](repeating: 0, count: x.rows * x.columns)
        var offsets = [Float](repeating: 0, count: x.rows * x.columns)
        for i in factors.indices {
            let kept = generator.nextUniform() < Double(q)
            factors[i] = kept ? a : 0
            offsets[i] = kept ? b : a * alphaPrime + b
        }
        return applyAffineMask(x, factors: factors, offsets: offsets)
    }

    /// y = f ⊙ x + o for constant f, o; ∂L/∂x = f ⊙ ∂L/∂y.
    private func applyAffineMask(_ x: Variable, factors: [Float], offsets: [Float]?) -> Variable {
        var out = value(x).values
        out.withUnsafeMutableBufferPointer { o in
            factors.withUnsafeBufferPointer { f in
                if let offsets {
                    offsets.withUnsafeBufferPointer { b in for i in 0..<o.count { o[i] = o[i] * f[i] + b[i] } }
                } else {
                    for i in 0..<o.count { o[i] *= f[i] }
                }
            }
        }
        return record(Matrix(uncheckedRows: x.rows, columns: x.columns, values: out), inputs: [x]) { tape, g in
            tape.accumulate(x) { gx in
                gx.withUnsafeMutableBufferPointer { o in
                    g.values.withUnsafeBufferPointer { gp in
                        factors.withUnsafeBufferPointer { f in for i in 0..<o.count { o[i] += f[i] * gp[i] } }
                    }
                }
            }
        }
    }

    private func checkProbability(_ p: Float, _ name: String) throws {
        guard p >= 0, p < 1 else {
            throw FusionModelError.invalidParameter(name: name, value: "\(p)", expected: "0 ≤ p < 1")
        }
    }
}
