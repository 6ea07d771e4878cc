/// A cell: its nucleus, its class and, on IHC slides, whether it is DAB-positive.
public struct Cell: Sendable, Hashable, Codable {
    public var nucleus: Nucleus
    public var cellClass: CellClass
    /// DAB positivity by `DABPositivity`; nil on H&E slides.
    public var dabPositive: Bool?
    /// Compartment of the patch the cell lies in.
    public var region: TissueRegion

    public init(nucleus: Nucleus, cellClass: CellClass, dabPositive: Bool? = nil, region: TissueRegion = .background) {
        self.nucleus = nucleus
        self.cellClass = cellClass
        self.dabPositive = dabPositive
        self.region = region
    }
}
