/// A page size in points (1/72 inch), portrait.
public struct PageSize: Sendable, Hashable, Codable {
    public var widthPoints: Double
    public var heightPoints: Double

    public init(widthPoints: Double, heightPoints: Double) {
        self.widthPoints = widthPoints; self.heightPoints = heightPoints
    }

    public static let pointsPerMillimetre = 72.0 / 25.4

    /// ISO 216 A4: 210 × 297 mm = 595.28 × 841.89 pt.
    public static let a4 = PageSize(widthPoints: 210 * pointsPerMillimetre, heightPoints: 297 * pointsPerMillimetre)
    /// US Letter: 8.5 × 11 in = 612 × 792 pt.
    public static let usLetter = PageSize(widthPoints: 612, heightPoints: 792)

    /// The same page turned sideways.
    public var landscape: PageSize { PageSize(widthPoints: max(widthPoints, heightPoints), heightPoints: min(widthPoints, heightPoints)) }
}
