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
        let bv = value(b).values, rows = a.rows, n = a.columns
        var out = value(a).values
        out.withUnsafeMutableBufferPointer { o in
            bv.withUnsafeBufferPointer { bp in
                for r in 0..<rows {
                    let row = r * n, offset = broadcast ? 0 : row
                    for c in 0..<n { o[row + c] += bp[offset + c] }
                }
            }
        }
        return record(Matrix(uncheckedRows: rows, columns: n, values: out), inputs: [a, b]) { tape, g in
            tape.accumulate(a) { ga in Tape.addInPlace(&ga, g.values) }
            tape.accumulate(b) { gb in
                guard broadcast else { return Tape.addInPlace(&gb, g.values) }
                gb.withUnsafeMutableBufferPointer { o in
                    g.values.withUnsafeBufferPointer { gp in
                        for r in 0..<rows { for c in 0..<n { o[c] += gp[r * n + c] } }
                    }
                }
            }
        }
    }

    /// target += source, element-wise (same length).
    static func addInPlace(_ target: inout [Float], _ source: [Float]) {
        target.withUnsafeMutableBufferPointer { t in
            source.withUnsafeBufferPointer { s in for i in 0..<t.count { t[i] += s[i] } }
        }
    }

    /// y = a ⊙ b (element-wise). `b` is either a's shape or a 1×n row broadcast.
    /// ∂L/∂a = ∂L/∂y ⊙ b; ∂L/∂b = ∂L/∂y ⊙ a, summed over rows when broadcast.
    public func multiply(_ a: Variable, _ b: Variable) throws -> Variable {
        let broadcast = try broadcastKind(a, b, "multiply")
        let av = value(a).values, bv = value(b).values, rows = a.rows, n = a.columns
        var out = av
        out.withUnsafeMutableBufferPointer { o in
            bv.withUnsafeBufferPointer { bp in
                for r in 0..<rows {
                    let row = r * n, offset = broadcast ? 0 : row
                    for c in 0..<n { o[row + c] *= bp[offset + c] }
                }
            }
        }
        return record(Matrix(uncheckedRows: rows, columns: n, values: out), inputs: [a, b]) { tape, g in
            g.values.withUnsafeBufferPointer { gp in
                tape.accumulate(a) { ga in
                    ga.withUnsafeMutableBufferPointer { o in
                        bv.withUnsafeBufferPointer { bp in
                            for r in 0..<rows {
                                let row = r * n, offset = broadcast ? 0 : row
                                for c in 0..<n { o[row + c] += gp[row + c] * bp[offset + c] }
                            }
                        }
                    }
                }
                tape.accumulate(b) { gb in
                    gb.withUnsafeMutableBufferPointer { o in
                        av.withUnsafeBufferPointer { ap in
                            for r in 0..<rows {
                                let row = r * n, offset = broadcast ? 0 : row
                                for c in 0..<n { o[offset + c] += gp[row + c] * ap[row + c] }
                            }
                        }
                    }
                }
            }
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

    /// y = tanh(x); ∂y/∂x = 1 − y². (Vectorised; see `VectorMath` for the accuracy.)
    public func tanh(_ x: Variable) -> Variable {
        unary(x) { v in let y = VectorMath.tanh(v); return (y, 1 - y * y) }
    }

    /// y = σ(x) = 1 / (1 + e^(−x)); ∂y/∂x = y(1 − y).
    public func sigmoid(_ x: Variable) -> Variable {
        unary(x) { v in let y = 1 / (1 + VectorMath.exp(-v)); return (y, y * (1 - y)) }
    }

    /// y = max(0, x); ∂y/∂x = 1 for x > 0, else 0.
    public func relu(_ x: Variable) -> Variable {
        unary(x) { v in
            let positive = v .> 0
            return (V8().replacing(with: v, where: positive), V8().replacing(with: 1, where: positive))
        }
    }

    /// SELU (Klambauer et al. 2017): y = λx for x > 0, λα(eˣ − 1) otherwise;
    /// ∂y/∂x = λ for x > 0, y + λα otherwise.
    public func selu(_ x: Variable) -> Variable {
        let l = SELU.lambda, la = SELU.lambda * SELU.alpha
        return unary(x) { v in
            let positive = v .> 0
            let negative = la * (VectorMath.exp(v.replacing(with: 0, where: positive)) - 1)
            let y = negative.replacing(with: l * v, where: positive)
            let d = (negative + la).replacing(with: V8(repeating: l), where: positive)
            return (y, d)
        }
    }

    typealias V8 = SIMD8<Float>

    /// Applies `f` element-wise, 8 lanes at a time; `f` returns (y, ∂y/∂x). The derivatives are kept
    /// for the backward pass, which is then one multiply per element: ∂L/∂x = ∂L/∂y ⊙ ∂y/∂x.
    @inline(__always)
    func unary(_ x: Variable, _ f: (V8) -> (V8, V8)) -> Variable {
        let xv = value(x).values
        let n = xv.count
        var dv = [Float](repeating: 0, count: n)
        let yv = [Float](unsafeUninitializedCapacity: n) { yp, count in
            xv.withUnsafeBufferPointer { xp in
                dv.withUnsafeMutableBufferPointer { dp in VectorMath.map(xp, yp, dp, f) }
            }
            count = n
        }
        return record(Matrix(uncheckedRows: x.rows, columns: x.columns, values: yv), inputs: [x]) { tape, g in
            tape.accumulate(x) { gx in
                gx.withUnsafeMutableBufferPointer { o in
                    g.values.withUnsafeBufferPointer { gp in
                        dv.withUnsafeBufferPointer { dp in for i in 0..<o.count { o[i] += gp[i] * dp[i] } }
                    }
                }
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
