import Foundation

/// Ridge least squares on standardised columns: minimises Σᵢ (yᵢ − β₀ − zᵢβ)² + λ·n·‖β‖², where
/// zᵢⱼ = (xᵢⱼ − x̄ⱼ)/sⱼ (columns with sⱼ = 0 contribute nothing). Solved by the normal equations
/// (ZᵀZ + λnI)β = Zᵀ(y − ȳ), β₀ = ȳ, with a Cholesky factorisation (Hoerl & Kennard 1970).
/// Predictions clip each input to the range seen in fitting (no extrapolation from heavy tails).
/// Example: x = [[0], [1], [2]], y = [1, 3, 5], λ → 0 gives ŷ(1.5) = 4, and ŷ(3) = ŷ(2) = 5 (clipped).
struct RidgeFit {
    let mean: [Double], scale: [Double], beta: [Double], intercept: Double
    let lower: [Double], upper: [Double]

    /// Nil when there are no rows, the rows differ in width, λ ≤ 0 or the system is not positive definite.
    init?(x: [[Double]], y: [Double], lambda: Double) {
        let n = x.count
        guard n > 0, y.count == n, lambda > 0, let p = x.first?.count, x.allSatisfy({ $0.count == p }) else { return nil }
        var mean = [Double](repeating: 0, count: p), scale = mean
        for row in x { for j in 0..<p { mean[j] += row[j] } }
        mean = mean.map { $0 / Double(n) }
        for row in x { for j in 0..<p { scale[j] += (row[j] - mean[j]) * (row[j] - mean[j]) } }
        scale = scale.map { ($0 / Double(n)).squareRoot() }
        let ybar = y.reduce(0, +) / Double(n)
        let z = x.map { row in (0..<p).map { scale[$0] > 0 ? (row[$0] - mean[$0]) / scale[$0] : 0 } }
        var a = [Double](repeating: 0, count: p * p), b = [Double](repeating: 0, count: p)
        for (row, yi) in zip(z, y) {
            for j in 0..<p {
                b[j] += row[j] * (yi - ybar)
                for k in 0...j { a[j * p + k] += row[j] * row[k] }
            }
        }
        for j in 0..<p { a[j * p + j] += lambda * Double(n) }
        // Cholesky A = LLᵀ in the lower triangle.
        for j in 0..<p {
            var d = a[j * p + j]
            for k in 0..<j { d -= a[j * p + k] * a[j * p + k] }
            guard d > 0 else { return nil }
            a[j * p + j] = d.squareRoot()
            for i in (j + 1)..<max(p, j + 1) {
                var s = a[i * p + j]
                for k in 0..<j { s -= a[i * p + k] * a[j * p + k] }
                a[i * p + j] = s / a[j * p + j]
            }
        }
        var w = b
        for i in 0..<p {
            for k in 0..<i { w[i] -= a[i * p + k] * w[k] }
            w[i] /= a[i * p + i]
        }
        for i in stride(from: p - 1, through: 0, by: -1) {
            for k in (i + 1)..<max(p, i + 1) { w[i] -= a[k * p + i] * w[k] }
            w[i] /= a[i * p + i]
        }
        self.mean = mean; self.scale = scale; beta = w; intercept = ybar
        lower = (0..<p).map { j in x.map { $0[j] }.min()! }
        upper = (0..<p).map { j in x.map { $0[j] }.max()! }
    }

    func predict(_ row: [Double]) -> Double {
        var s = intercept
        for j in beta.indices where scale[j] > 0 { s += beta[j] * (min(max(row[j], lower[j]), upper[j]) - mean[j]) / scale[j] }
        return s
    }
}

extension RidgeFit {
    /// The fit whose λ (from `lambdas`) has the smallest squared error in a `folds`-fold cross-validation
    /// inside these rows (row i in inner fold i mod folds), refitted on all rows; nil when no λ fits.
    init?(x: [[Double]], y: [Double], choosingFrom lambdas: [Double], folds: Int = 4) {
        var best: (error: Double, lambda: Double)?
        for lambda in lambdas {
            var error = 0.0, ok = true
            for f in 0..<folds {
                let train = x.indices.filter { $0 % folds != f }, test = x.indices.filter { $0 % folds == f }
                guard let fit = RidgeFit(x: train.map { x[$0] }, y: train.map { y[$0] }, lambda: lambda) else { ok = false; break }
                error += test.reduce(0) { let r = y[$1] - fit.predict(x[$1]); return $0 + r * r }
            }
            if ok, error.isFinite, error < (best?.error ?? .infinity) { best = (error, lambda) }
        }
        guard let best else { return nil }
        self.init(x: x, y: y, lambda: best.lambda)
    }
}
