import FusionModel

/// Finite-difference gradient checking for tape operations.
///
/// The loss is L = Σ y ⊙ R for a fixed random R (so every output element matters), evaluated in
/// Float32 by the tape. The numeric derivative is the central difference
/// (L(x + h) − L(x − h)) / 2h with h = 1e-2 (truncation O(h²) ≈ 1e-4, Float32 rounding ≈ 1e-5·|L|).
/// Tolerance: |analytic − numeric| ≤ 2e-3 + 2e-2 · max(|analytic|, |numeric|).
enum GradientCheck {
    struct Failure: CustomStringConvertible {
        let input: Int, element: Int, analytic: Double, numeric: Double
        var description: String { "input \(input)[\(element)]: analytic \(analytic), numeric \(numeric)" }
    }

    static let step: Float = 1e-2

    /// Returns the elements whose analytic and numeric gradients disagree (empty when all agree),
    /// and the number of elements compared.
    static func check(
        _ inputs: [Matrix], seed: UInt64 = 7, scalarOutput: Bool = false,
        _ build: (Tape, [Variable]) throws -> Variable
    ) throws -> (failures: [Failure], compared: Int) {
        var weightGenerator = SeededGenerator(seed: seed)
        func loss(_ xs: [Matrix], tape: Tape) throws -> (Variable, [Variable]) {
            let vars = xs.map { tape.parameter($0) }
            let y = try build(tape, vars)
            if scalarOutput && y.isScalar { return (y, vars) }
            var g = SeededGenerator(seed: seed &+ 99)
            let r = Matrix(uncheckedValues: (0..<(y.rows * y.columns)).map { _ in Float(g.nextNormal()) },
                           rows: y.rows, columns: y.columns)
            return (tape.sum(try tape.multiply(y, tape.constant(r))), vars)
        }
        _ = weightGenerator.next()
        let tape = Tape()
        let (l, vars) = try loss(inputs, tape: tape)
        try tape.backward(from: l)
        var failures: [Failure] = []
        var compared = 0
        for (k, x) in inputs.enumerated() {
            let analytic = tape.gradient(vars[k]).values
            for i in x.values.indices {
                var plus = inputs, minus = inputs
                plus[k].values[i] += step
                minus[k].values[i] -= step
                let tp = Tape(), tm = Tape()
                let lp = tp.value(try loss(plus, tape: tp).0).values[0]
                let lm = tm.value(try loss(minus, tape: tm).0).values[0]
                let numeric = (Double(lp) - Double(lm)) / (2 * Double(step))
                let a = Double(analytic[i])
                compared += 1
                if abs(a - numeric) > 2e-3 + 2e-2 * max(abs(a), abs(numeric)) {
                    failures.append(Failure(input: k, element: i, analytic: a, numeric: numeric))
                }
            }
        }
        return (failures, compared)
    }

    /// A random matrix with entries N(0, scale²), kept at least `margin` away from 0 (for kinks).
    static func random(_ rows: Int, _ columns: Int, seed: UInt64, scale: Double = 1, margin: Double = 0) -> Matrix {
        var g = SeededGenerator(seed: seed)
        let v: [Float] = (0..<(rows * columns)).map { _ in
            var x = g.nextNormal() * scale
            if abs(x) < margin { x = x < 0 ? x - margin : x + margin }
            return Float(x)
        }
        return Matrix(uncheckedValues: v, rows: rows, columns: columns)
    }
}

extension Matrix {
    init(uncheckedValues values: [Float], rows: Int, columns: Int) {
        // Test helper: shapes are constructed to match.
        self = try! Matrix(rows: rows, columns: columns, values: values)
    }
}
