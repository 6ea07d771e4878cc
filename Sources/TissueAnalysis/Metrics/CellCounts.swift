/// Cell counts per class; adds up across patches, tiles and slides.
public struct CellCounts: Sendable, Hashable, Codable {
    public var lymphocyte = 0
    public var macrophage = 0
    public var tumor = 0
    public var stroma = 0
    public var other = 0

    public init() {}

    public subscript(cellClass: CellClass) -> Int {
        get {
            switch cellClass {
            case .lymphocyte: lymphocyte
            case .macrophage: macrophage
            case .tumor: tumor
            case .stroma: stroma
            case .other: other
            }
        }
        set {
            switch cellClass {
            case .lymphocyte: lymphocyte = newValue
            case .macrophage: macrophage = newValue
            case .tumor: tumor = newValue
            case .stroma: stroma = newValue
            case .other: other = newValue
            }
        }
    }

    public var total: Int { lymphocyte + macrophage + tumor + stroma + other }

    public static func + (a: CellCounts, b: CellCounts) -> CellCounts {
        var c = a
        for k in CellClass.allCases { c[k] += b[k] }
        return c
    }

    public static func += (a: inout CellCounts, b: CellCounts) { a = a + b }
}
