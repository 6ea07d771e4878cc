/// What a row of a `StainMatrix` measures.
public enum StainKind: String, Sendable, Hashable, Codable, CaseIterable {
    case hematoxylin, eosin, dab, residual
}

/// Three stain optical-density vectors, one per row, each normalised to unit length (Ruifrok & Johnston 2001).
///
/// By the Beer–Lambert law the optical density of channel k is `OD_k = Σ_s c_s · M[s][k]`, where `c_s` is the
/// amount of stain s and `M[s]` its unit OD vector in (R, G, B). Colour deconvolution inverts this:
/// `c = OD · M⁻¹`. When only two stains are given, the third row is the normalised cross product of the
/// first two (the "residual" channel, as in scikit-image's `rgb2hed` construction), so M is invertible.
///
/// Reference: A. C. Ruifrok, D. A. Johnston, "Quantification of histochemical staining by color
/// deconvolution", Anal Quant Cytol Histol 23(4):291–299, 2001.
public struct StainMatrix: Sendable, Hashable, Codable {
    /// Stain kinds, in row order.
    public let kinds: [StainKind]
    /// Unit OD vectors in (R, G, B), in row order.
    public let vectors: [[Double]]

    /// Builds a matrix from two or three named vectors (any positive scale; each is normalised).
    /// Throws `singularStainMatrix` for zero, non-finite or linearly dependent vectors, or repeated kinds.
    public init(_ stains: [(kind: StainKind, vector: [Double])]) throws {
        guard stains.count == 2 || stains.count == 3 else {
            throw TissueAnalysisError.singularStainMatrix(reason: "\(stains.count) vectors given, expected 2 or 3")
        }
        var kinds: [StainKind] = []
        var rows: [[Double]] = []
        for (kind, vector) in stains {
            guard vector.count == 3, vector.allSatisfy(\.isFinite) else {
                throw TissueAnalysisError.singularStainMatrix(reason: "\(kind.rawValue) vector needs three finite values")
            }
            let norm = (vector[0] * vector[0] + vector[1] * vector[1] + vector[2] * vector[2]).squareRoot()
            guard norm > 1e-9 else { throw TissueAnalysisError.singularStainMatrix(reason: "\(kind.rawValue) vector is zero") }
            guard !kinds.contains(kind) else { throw TissueAnalysisError.singularStainMatrix(reason: "\(kind.rawValue) given twice") }
            kinds.append(kind)
            rows.append(vector.map { $0 / norm })
        }
        if rows.count == 2 {
            let a = rows[0], b = rows[1]
            let c = [a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]]
            let norm = (c[0] * c[0] + c[1] * c[1] + c[2] * c[2]).squareRoot()
            guard norm > 1e-6 else { throw TissueAnalysisError.singularStainMatrix(reason: "the two vectors are parallel") }
            kinds.append(.residual)
            rows.append(c.map { $0 / norm })
        }
        guard abs(Self.determinant(rows)) > 1e-6 else {
            throw TissueAnalysisError.singularStainMatrix(reason: "the three vectors are linearly dependent")
        }
        self.kinds = kinds
        self.vectors = rows
    }

    /// Ruifrok–Johnston hematoxylin (0.65, 0.70, 0.29).
    public static let hematoxylinVector: [Double] = [0.65, 0.70, 0.29]
    /// Ruifrok–Johnston eosin (0.07, 0.99, 0.11).
    public static let eosinVector: [Double] = [0.07, 0.99, 0.11]
    /// Ruifrok–Johnston DAB (0.27, 0.57, 0.78).
    public static let dabVector: [Double] = [0.27, 0.57, 0.78]

    /// H&E: hematoxylin, eosin, residual (Ruifrok & Johnston 2001, Table 1).
    public static let hematoxylinEosin = try! StainMatrix([(.hematoxylin, hematoxylinVector), (.eosin, eosinVector)])
    /// H-DAB (IHC): hematoxylin, DAB, residual.
    public static let hematoxylinDAB = try! StainMatrix([(.hematoxylin, hematoxylinVector), (.dab, dabVector)])
    /// H, E and DAB together: the matrix of scikit-image's `rgb2hed`, for comparisons with it.
    public static let hematoxylinEosinDAB = try! StainMatrix(
        [(.hematoxylin, hematoxylinVector), (.eosin, eosinVector), (.dab, dabVector)])

    /// Row index of `kind`, if the matrix has it.
    public func index(of kind: StainKind) -> Int? { kinds.firstIndex(of: kind) }

    /// `M⁻¹` (row-vector convention: `c = OD · M⁻¹`), by the adjugate.
    public var inverse: [[Double]] {
        let m = vectors
        let det = Self.determinant(m)
        var inv = [[Double]](repeating: [0, 0, 0], count: 3)
        for r in 0..<3 {
            for c in 0..<3 {
                let r1 = (c + 1) % 3, r2 = (c + 2) % 3, c1 = (r + 1) % 3, c2 = (r + 2) % 3
                inv[r][c] = (m[r1][c1] * m[r2][c2] - m[r1][c2] * m[r2][c1]) / det
            }
        }
        return inv
    }

    static func determinant(_ m: [[Double]]) -> Double {
        m[0][0] * (m[1][1] * m[2][2] - m[1][2] * m[2][1])
            - m[0][1] * (m[1][0] * m[2][2] - m[1][2] * m[2][0])
            + m[0][2] * (m[1][0] * m[2][1] - m[1][1] * m[2][0])
    }
}

extension StainMatrix {
    private enum CodingKeys: String, CodingKey { case kinds, vectors }

    /// Decodes and re-validates (a hand-edited file must not yield a singular matrix).
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let kinds = try container.decode([StainKind].self, forKey: .kinds)
        let vectors = try container.decode([[Double]].self, forKey: .vectors)
        guard kinds.count == vectors.count else {
            throw TissueAnalysisError.singularStainMatrix(reason: "\(kinds.count) kinds but \(vectors.count) vectors")
        }
        try self.init(Array(zip(kinds, vectors).map { (kind: $0.0, vector: $0.1) }))
    }
}
