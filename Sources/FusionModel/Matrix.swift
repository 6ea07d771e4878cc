/// A dense Float32 matrix in contiguous row-major storage: element (r, c) is `values[r * columns + c]`.
///
/// The value type every tape node, parameter and safetensors tensor uses. A row vector is 1×n, a
/// column vector n×1 and a scalar 1×1.
public struct Matrix: Sendable, Hashable, Codable {
    public let rows: Int
    public let columns: Int
    public var values: [Float]

    /// A matrix filled with one value.
    public init(rows: Int, columns: Int, repeating value: Float = 0) {
        self.rows = max(rows, 0)
        self.columns = max(columns, 0)
        self.values = [Float](repeating: value, count: self.rows * self.columns)
    }

    /// A matrix over row-major `values`; throws `elementCount` unless `values.count == rows * columns`.
    public init(rows: Int, columns: Int, values: [Float]) throws {
        guard rows >= 0, columns >= 0, values.count == rows * columns else {
            throw FusionModelError.elementCount(expected: max(rows, 0) * max(columns, 0), found: values.count)
        }
        self.rows = rows
        self.columns = columns
        self.values = values
    }

    /// Internal initialiser for shapes the caller has already checked.
    init(uncheckedRows rows: Int, columns: Int, values: [Float]) {
        self.rows = rows
        self.columns = columns
        self.values = values
    }

    /// A 1×n row vector.
    public init(row: [Float]) {
        self.init(uncheckedRows: 1, columns: row.count, values: row)
    }

    /// An n×1 column vector.
    public init(column: [Float]) {
        self.init(uncheckedRows: column.count, columns: 1, values: column)
    }

    /// A 1×1 matrix.
    public init(scalar: Float) {
        self.init(uncheckedRows: 1, columns: 1, values: [scalar])
    }

    public var count: Int { values.count }
    public var shape: [Int] { [rows, columns] }
    public var shapeDescription: String { "\(rows)×\(columns)" }

    public subscript(row: Int, column: Int) -> Float {
        get { values[row * columns + column] }
        set { values[row * columns + column] = newValue }
    }

    /// The values of one row.
    public func row(_ index: Int) -> [Float] {
        Array(values[(index * columns)..<((index + 1) * columns)])
    }

    /// The transpose (columns × rows).
    public var transposed: Matrix {
        var out = [Float](repeating: 0, count: count)
        for r in 0..<rows {
            for c in 0..<columns { out[c * rows + r] = values[r * columns + c] }
        }
        return Matrix(uncheckedRows: columns, columns: rows, values: out)
    }

    /// True when every element is finite.
    public var isFinite: Bool { values.allSatisfy { $0.isFinite } }
}
