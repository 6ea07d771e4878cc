import Foundation

extension Tape {
    /// y = Σᵢ xᵢ over all elements (1×1). ∂L/∂xᵢ = ∂L/∂y.
    public func sum(_ x: Variable) -> Variable {
        let total = value(x).values.reduce(Double(0)) { $0 + Double($1) }
        return record(Matrix(scalar: Float(total)), inputs: [x]) { tape, g in
            tape.accumulate(x) { gx in for i in gx.indices { gx[i] += g.values[0] } }
        }
    }

    /// y = (1/n) Σᵢ xᵢ over all n elements (1×1). ∂L/∂xᵢ = ∂L/∂y / n. An empty x gives 0.
    public func mean(_ x: Variable) -> Variable {
        let n = max(x.rows * x.columns, 1)
        return scale(sum(x), by: 1 / Float(n))
    }

    /// Softmax over all elements of x (a bag of n scores, n×1), with optional masking:
    /// yᵢ = mᵢ e^(xᵢ − c) / Σⱼ mⱼ e^(xⱼ − c), c = max over kept xⱼ, mᵢ ∈ {0, 1}.
    /// Masked elements get probability 0 and no gradient. ∂L/∂xᵢ = yᵢ (∂L/∂yᵢ − Σⱼ yⱼ ∂L/∂yⱼ).
    /// Throws when every element is masked (there is nothing to normalise over).
    public func softmax(_ x: Variable, keep: [Bool]? = nil) throws -> Variable {
        let xv = value(x).values
        let keep = keep ?? [Bool](repeating: true, count: xv.count)
        guard keep.count == xv.count else {
            throw FusionModelError.shapeMismatch(operation: "softmax", expected: "\(xv.count) mask flags",
                                                 found: "\(keep.count)")
        }
        guard let c = zip(xv, keep).filter({ $0.1 }).map(\.0).max() else {
            throw FusionModelError.shapeMismatch(operation: "softmax", expected: "at least one unmasked element",
                                                 found: "all \(xv.count) masked")
        }
        var e = [Double](repeating: 0, count: xv.count)
        for i in xv.indices where keep[i] { e[i] = Foundation.exp(Double(xv[i] - c)) }
        let total = e.reduce(0, +)
        let y = e.map { Float($0 / total) }
        return record(Matrix(uncheckedRows: x.rows, columns: x.columns, values: y), inputs: [x]) { tape, g in
            var dot = 0.0
            for i in y.indices { dot += Double(y[i]) * Double(g.values[i]) }
            tape.accumulate(x) { gx in
                for i in gx.indices where keep[i] { gx[i] += y[i] * (g.values[i] - Float(dot)) }
            }
        }
    }

    /// y = log Σᵢ e^(xᵢ) over all elements (1×1), computed as c + log Σ e^(xᵢ − c) with c = max x.
    /// ∂L/∂xᵢ = softmax(x)ᵢ · ∂L/∂y.
    public func logSumExp(_ x: Variable) throws -> Variable {
        let xv = value(x).values
        guard let c = xv.max() else {
            throw FusionModelError.shapeMismatch(operation: "logSumExp", expected: "a non-empty input", found: "0 elements")
        }
        let e = xv.map { Foundation.exp(Double($0 - c)) }
        let total = e.reduce(0, +)
        let y = Double(c) + Foundation.log(total)
        let p = e.map { Float($0 / total) }
        return record(Matrix(scalar: Float(y)), inputs: [x]) { tape, g in
            tape.accumulate(x) { gx in for i in gx.indices { gx[i] += p[i] * g.values[0] } }
        }
    }
}
