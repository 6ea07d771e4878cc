/// A cell: its nucleus, its class and, on IHC slides, whether it is DAB-positive.
public struct Cell: Sendable, Hashable, Codable {
    public var nucleus: Nucleus
    public var cellClass: CellClass
    /// DAB positivity by `DABPositivity`; nil on H&E slides.
    public var dabPositive: Bool?
    /// Compartment of the patch the cell lies in.
    public var region: TissueRegion
    /// The tile's `HematoxylinReference` factor: the classifier saw `classifierInput`, not the raw `nucleus`.
    public var hematoxylinFactor: Double

    public init(nucleus: Nucleus, cellClass: CellClass, dabPositive: Bool? = nil, region: TissueRegion = .background,
                hematoxylinFactor: Double = 1) {
        self.nucleus = nucleus
        self.cellClass = cellClass
        self.dabPositive = dabPositive
        self.region = region
        self.hematoxylinFactor = hematoxylinFactor
    }

    /// The nucleus as the classifier saw it (hematoxylin normalised by the tile's factor); what a trained
    /// classifier must be trained on.
    public var classifierInput: Nucleus { HematoxylinReference.normalised(nucleus, factor: hematoxylinFactor) }
}
