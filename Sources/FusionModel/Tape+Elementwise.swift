import Foundation

/// SELU constants (Klambauer et al. 2017, "Self-Normalizing Neural Networks", eq. 14).
public enum SELU {
    public static let lambda: Float = 1.050_700_987_355_480_5
    public static let alpha: Float = 1.673_263_242_354_377_3
}

extension Tape {
    // MARK: - Binary

    /// y = a + b. `b` is either a's shape or a 1×n row broadcast over a's rows (a bias).
    /// ∂L/∂a = ∂L/∂y; ∂L/∂b = ∂L/∂y, summed over rows when broadcast.
    public func add(_ a: Variable, _ b: Variable) throws -> Variable {
        let broadcast = try broadcastKind(a, b, "add")
        let av = value(a).values, bv = value(b).values, n = a.columns
        var out = av
        for i in out.indices { out[i] += bv[broadcast ? i % n : i] }
        return record(Matrix(uncheckedRows: a.rows, columns: a.columns, values: out), inputs: [a, b]) { tape, g in
            tape.accumulate(a) { ga in for i in ga.indices { ga[i] += g.values[i] } }
            tape.accumulate(b) { gb in for i in g.values.indices { gb[broadcast ? i % n : i] += g.values[i] } }
        }
    }

    /// y = a ⊙ b (element-wise). `b` is either a's shape or a 1×n row broadcast.
    /// ∂L/∂a = ∂L/∂y ⊙ b; ∂L/∂b = ∂L/∂y ⊙ a, summed over rows when broadcast.
    public func multiply(_ a: Variable, _ b: Variable) throws -> Variable {
        let broadcast = try broadcastKind(a, b, "multiply")
        let av = value(a).values, bv = value(b).values, n = a.columns
        var out = av
        for i in out.indices { out[i] *= bv[broadcast ? i % n : i] }
        return record(Matrix(uncheckedRows: a.rows, columns: a.columns, values: out), inputs: [a, b]) { tape, g in
            tape.accumulate(a) { ga in for i in ga.indices { ga[i] += g.values[i] * bv[broadcast ? i % n : i] } }
            tape.accumulate(b) { gb in for i in g.values.indices { gb[broadcast ? i % n : i] += g.values[i] * av[i] } }
        }
    }

    /// y = c · x for a constant c. ∂L/∂x = c · ∂L/∂y.
    public func scale(_ x: Variable, by c: Float) -> Variable {
        let out = value(x).values.map { $0 * c }
        return record(Matrix(uncheckedRows: x.rows, columns: x.columns, values: out), inputs: [x]) { tape, g in
            tape.accumulate(x) { gx in for i in gx.indices { gx[i] += c * g.values[i] } }
        }
    }

    /// Zeroes whole rows: y_rc = x_rc · m_r with m_r = 1 when `keepRows[r]` else 0 (absent modality,
    /// padded tile). ∂L/∂x = ∂L/∂y ⊙ m.
    public func mask(_ x: Variable, keepRows: [Bool]) throws -> Variable {
        guard keepRows.count == x.rows else {
            throw FusionModelError.shapeMismatch(operation: "mask", expected: "\(x.rows) row flags",
                                                 found: "\(keepRows.count)")
        }
        let n = x.columns
        var out = value(x).values
        for i in out.indices where !keepRows[i / n] { out[i] = 0 }
        return record(Matrix(uncheckedRows: x.rows, columns: n, values: out), inputs: [x]) { tape, g in
            tape.accumulate(x) { gx in for i in gx.indices where keepRows[i / n] { gx[i] += g.values[i] } }
        }
    }

    // MARK: - Unary activations

    /// y = tanh(x); ∂y/∂x = 1 − y².
    public func tanh(_ x: Variable) -> Variable {
        unary(x, Foundation.tanh) { _, y in 1 - y * y }
    }

    /// y = σ(x) = 1 / (1 + e^(−x)); ∂y/∂x = y(1 − y).
    public func sigmoid(_ x: Variable) -> Variable {
        unary(x, { v in v >= 0 ? 1 / (1 + exp(-v)) : exp(v) / (1 + exp(v)) }) { _, y in y * (1 - y) }
    }

    /// y = max(0, x); ∂y/∂x = 1 for x > 0, else 0.
    public func relu(_ x: Variable) -> Variable {
        unary(x, { max(0, $0) }) { v, _ in v > 0 ? 1 : 0 }
    }

    /// SELU (Klambauer et al. 2017): y = λx for x > 0, λα(eˣ − 1) otherwise;
    /// ∂y/∂x = λ for x > 0, y + λα otherwise.
    public func selu(_ x: Variable) -> Variable {
        let l = SELU.lambda, a = SELU.alpha
        return unary(x, { v in v > 0 ? l * v : l * a * (exp(v) - 1) }) { v, y in v > 0 ? l : y + l * a }
    }

    /// Applies `f` element-wise; `derivative(x, y)` gives ∂y/∂x at each element.
    func unary(_ x: Variable, _ f: (Float) -> Float,
               derivative: @escaping (Float, Float) -> Float) -> Variable {
        let xv = value(x).values
        let yv = xv.map(f)
        return record(Matrix(uncheckedRows: x.rows, columns: x.columns, values: yv), inputs: [x]) { tape, g in
            tape.accumulate(x) { gx in
                for i in gx.indices { gx[i] += g.values[i] * derivative(xv[i], yv[i]) }
            }
        }
    }

    /// True when `b` is a 1×n row broadcast over `a`, false when shapes match; throws otherwise.
    private func broadcastKind(_ a: Variable, _ b: Variable, _ operation: String) throws -> Bool {
        if a.rows == b.rows && a.columns == b.columns { return false }
        if b.rows == 1 && b.columns == a.columns { return true }
        throw FusionModelError.shapeMismatch(operation: operation,
                                             expected: "\(a.shapeDescription) or 1×\(a.columns)",
                                             found: b.shapeDescription)
    }
}
