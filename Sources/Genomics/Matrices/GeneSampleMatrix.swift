/// A genes × samples table of numbers (expression or copy number), missing values allowed.
///
/// Stored row-major (one row per gene) with NaN marking a missing value internally; the API
/// returns `Double?`, and the Codable form writes missing values as `null`.
public struct GeneSampleMatrix: Sendable, Hashable, Codable {
    public let genes: [String]
    public let samples: [String]
    private let storage: [Double]
    private let geneRows: [String: Int]

    /// `values[g * samples.count + s]` is gene g in sample s; nil is missing.
    public init(genes: [String], samples: [String], values: [Double?]) throws {
        guard values.count == genes.count * samples.count else {
            throw GenomicsError.invalidParameter(name: "values", value: "\(values.count) values",
                                                 expected: "genes × samples = \(genes.count * samples.count) values")
        }
        var rows: [String: Int] = [:]
        for (i, g) in genes.enumerated() {
            if rows[g] != nil {
                throw GenomicsError.invalidParameter(name: "genes", value: g, expected: "a list without duplicates")
            }
            rows[g] = i
        }
        self.genes = genes
        self.samples = samples
        self.storage = values.map { $0 ?? .nan }
        self.geneRows = rows
    }

    /// Row index of a gene symbol.
    public func row(of gene: String) -> Int? { geneRows[gene] }

    /// Value of gene row `gene` in sample column `sample`; nil when missing.
    public func value(gene: Int, sample: Int) -> Double? {
        let v = storage[gene * samples.count + sample]
        return v.isNaN ? nil : v
    }

    /// All samples' values of one gene; nil when the gene is not in the matrix.
    public func values(of gene: String) -> [Double?]? {
        guard let g = geneRows[gene] else { return nil }
        return (0..<samples.count).map { value(gene: g, sample: $0) }
    }

    // MARK: - Codable

    enum CodingKeys: String, CodingKey { case genes, samples, values }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        try self.init(genes: try c.decode([String].self, forKey: .genes),
                      samples: try c.decode([String].self, forKey: .samples),
                      values: try c.decode([Double?].self, forKey: .values))
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(genes, forKey: .genes)
        try c.encode(samples, forKey: .samples)
        try c.encode(storage.map { $0.isNaN ? nil : $0 }, forKey: .values)
    }

    public static func == (a: Self, b: Self) -> Bool {
        a.genes == b.genes && a.samples == b.samples && a.storage.elementsEqual(b.storage) {
            ($0.isNaN && $1.isNaN) || $0 == $1
        }
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(genes)
        hasher.combine(samples)
        for v in storage { hasher.combine(v.isNaN ? Double.infinity : v) }
    }
}
