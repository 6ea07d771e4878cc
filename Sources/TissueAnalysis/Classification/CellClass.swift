/// The cell classes of the tumor microenvironment this module reports.
public enum CellClass: String, Sendable, Hashable, Codable, CaseIterable, Comparable {
    case lymphocyte, macrophage, tumor, stroma, other

    /// The classification name QuPath shows and imports ("Lymphocyte", …).
    public var displayName: String { rawValue.prefix(1).uppercased() + rawValue.dropFirst() }

    /// Index in `allCases`, used for fixed-size count arrays.
    public var index: Int { Self.allCases.firstIndex(of: self)! }

    public static func < (a: CellClass, b: CellClass) -> Bool { a.index < b.index }
}
