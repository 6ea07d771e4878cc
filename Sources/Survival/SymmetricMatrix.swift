/// A small dense symmetric positive-(semi)definite matrix (row-major), enough linear algebra
/// for Newton–Raphson on a few hundred covariates: Cholesky, solve and inverse.
public struct SymmetricMatrix: Sendable, Hashable {
    public let size: Int
    public var values: [Double]

    public init(size: Int, values: [Double]? = nil) {
        self.size = size
        self.values = values ?? [Double](repeating: 0, count: size * size)
    }

    public subscript(row: Int, column: Int) -> Double {
        get { values[row * size + column] }
        set { values[row * size + column] = newValue }
    }

    /// Lower-triangular Cholesky factor L with A = L·Lᵀ, or the index of the first column whose
    /// pivot is ≤ `tolerance`·(its diagonal) — that column is (numerically) dependent on the earlier ones.
    public func cholesky(tolerance: Double = 1e-11) -> Result<[Double], DependentColumn> {
        let n = size
        var l = [Double](repeating: 0, count: n * n)
        for j in 0..<n {
            var pivot = self[j, j]
            for k in 0..<j { pivot -= l[j * n + k] * l[j * n + k] }
            if !(pivot > tolerance * max(abs(self[j, j]), Double.leastNormalMagnitude)) {
                return .failure(DependentColumn(index: j))
            }
            let root = pivot.squareRoot()
            l[j * n + j] = root
            for i in (j + 1)..<max(j + 1, n) {
                var s = self[i, j]
                for k in 0..<j { s -= l[i * n + k] * l[j * n + k] }
                l[i * n + j] = s / root
            }
        }
        return .success(l)
    }

    public struct DependentColumn: Error, Sendable { public let index: Int }

    /// Solves L·Lᵀ·x = b for a Cholesky factor from `cholesky()`.
    public static func solve(factor l: [Double], size n: Int, _ b: [Double]) -> [Double] {
        var y = b
        for i in 0..<n {
            var s = y[i]
            for k in 0..<i { s -= l[i * n + k] * y[k] }
            y[i] = s / l[i * n + i]
        }
        for i in stride(from: n - 1, through: 0, by: -1) {
            var s = y[i]
            for k in (i + 1)..<max(i + 1, n) { s -= l[k * n + i] * y[k] }
            y[i] = s / l[i * n + i]
        }
        return y
    }

    /// A⁻¹ from a Cholesky factor (column by column).
    static func inverse(factor l: [Double], size n: Int) -> SymmetricMatrix {
        var inv = SymmetricMatrix(size: n)
        for j in 0..<n {
            var e = [Double](repeating: 0, count: n)
            e[j] = 1
            let col = solve(factor: l, size: n, e)
            for i in 0..<n { inv[i, j] = col[i] }
        }
        return inv
    }

    /// Adds v at (i, j) and, off the diagonal, at (j, i).
    mutating func addSymmetric(_ i: Int, _ j: Int, _ v: Double) {
        self[i, j] += v
        if i != j { self[j, i] += v }
    }

    /// xᵀ·A·x.
    func quadraticForm(_ x: [Double]) -> Double {
        var total = 0.0
        for i in 0..<size { for j in 0..<size { total += x[i] * self[i, j] * x[j] } }
        return total
    }
}
