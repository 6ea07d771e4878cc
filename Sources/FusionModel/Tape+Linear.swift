extension Tape {
    /// C = A · B for A m×k and B k×n, through OpenBLAS (`sgemm`, or `sgemv` for vectors).
    /// ∂L/∂A = ∂L/∂C · Bᵀ; ∂L/∂B = Aᵀ · ∂L/∂C (both accumulated with beta = 1).
    public func matmul(_ a: Variable, _ b: Variable) throws -> Variable {
        guard a.columns == b.rows else {
            throw FusionModelError.shapeMismatch(operation: "matmul", expected: "\(a.columns)×n right operand",
                                                 found: b.shapeDescription)
        }
        let m = a.rows, k = a.columns, n = b.columns
        let av = value(a).values, bv = value(b).values
        var out = [Float](repeating: 0, count: m * n)
        BLAS.gemm(av, transposeA: false, bv, transposeB: false, m: m, n: n, k: k, beta: 0, into: &out)
        return record(Matrix(uncheckedRows: m, columns: n, values: out), inputs: [a, b]) { tape, g in
            tape.accumulate(a) { ga in
                BLAS.gemm(g.values, transposeA: false, bv, transposeB: true, m: m, n: k, k: n, beta: 1, into: &ga)
            }
            tape.accumulate(b) { gb in
                BLAS.gemm(av, transposeA: true, g.values, transposeB: false, m: k, n: n, k: m, beta: 1, into: &gb)
            }
        }
    }

    /// y = xᵀ. ∂L/∂x = (∂L/∂y)ᵀ.
    public func transpose(_ x: Variable) -> Variable {
        let rows = x.rows, columns = x.columns
        return record(value(x).transposed, inputs: [x]) { tape, g in
            tape.accumulate(x) { gx in
                for r in 0..<rows { for c in 0..<columns { gx[r * columns + c] += g.values[c * rows + r] } }
            }
        }
    }

    /// Stacks variables with equal column counts on top of each other (vstack).
    /// ∂L/∂xᵢ is the matching block of rows of ∂L/∂y.
    public func concatRows(_ parts: [Variable]) throws -> Variable {
        guard let first = parts.first else {
            throw FusionModelError.shapeMismatch(operation: "concatRows", expected: "at least one part", found: "none")
        }
        for p in parts where p.columns != first.columns {
            throw FusionModelError.shapeMismatch(operation: "concatRows", expected: "\(first.columns) columns",
                                                 found: p.shapeDescription)
        }
        var out: [Float] = []
        out.reserveCapacity(parts.reduce(0) { $0 + $1.rows } * first.columns)
        for p in parts { out.append(contentsOf: value(p).values) }
        let rows = parts.reduce(0) { $0 + $1.rows }
        return record(Matrix(uncheckedRows: rows, columns: first.columns, values: out), inputs: parts) { tape, g in
            var offset = 0
            for p in parts {
                let count = p.rows * p.columns
                tape.accumulate(p) { gp in for i in 0..<count { gp[i] += g.values[offset + i] } }
                offset += count
            }
        }
    }

    /// Places variables with equal row counts side by side (hstack).
    /// ∂L/∂xᵢ is the matching block of columns of ∂L/∂y.
    public func concatColumns(_ parts: [Variable]) throws -> Variable {
        guard let first = parts.first else {
            throw FusionModelError.shapeMismatch(operation: "concatColumns", expected: "at least one part", found: "none")
        }
        for p in parts where p.rows != first.rows {
            throw FusionModelError.shapeMismatch(operation: "concatColumns", expected: "\(first.rows) rows",
                                                 found: p.shapeDescription)
        }
        let rows = first.rows, total = parts.reduce(0) { $0 + $1.columns }
        var out = [Float](repeating: 0, count: rows * total)
        var offsets: [Int] = []
        var offset = 0
        for p in parts {
            offsets.append(offset)
            let pv = value(p).values
            for r in 0..<rows { for c in 0..<p.columns { out[r * total + offset + c] = pv[r * p.columns + c] } }
            offset += p.columns
        }
        return record(Matrix(uncheckedRows: rows, columns: total, values: out), inputs: parts) { tape, g in
            for (p, start) in zip(parts, offsets) {
                tape.accumulate(p) { gp in
                    for r in 0..<rows { for c in 0..<p.columns { gp[r * p.columns + c] += g.values[r * total + start + c] } }
                }
            }
        }
    }
}
