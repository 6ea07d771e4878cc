import Foundation

/// Cell classes of the truth (the names TissueAnalysis uses: tumor, lymphocyte, macrophage, stroma).
public enum SimulatedCellClass: UInt8, Sendable, Hashable, Codable, CaseIterable {
    case tumor = 0, lymphocyte = 1, macrophage = 2, stroma = 3
    public var name: String { ["tumor", "lymphocyte", "macrophage", "stroma"][Int(rawValue)] }
}

/// One cell of a simulated slide, in level-0 pixel coordinates.
///
/// The nucleus boundary in polar form around the centre, in the frame rotated by `angle`, is
/// r(φ) = ρ(φ)·(1 + h2c cos 2φ + h2s sin 2φ + h3c cos 3φ + h3s sin 3φ), ρ the ellipse with semi-axes
/// `radiusA` ≥ `radiusB` — smooth pleomorphism without per-pixel trigonometry.
public struct SimulatedCell: Sendable, Hashable, Codable {
    public var x: Float
    public var y: Float
    public var cellClass: SimulatedCellClass
    public var region: TissueRegion
    public var radiusA: Float
    public var radiusB: Float
    public var angle: Float
    public var h2c: Float, h2s: Float, h3c: Float, h3s: Float
    /// Cytoplasm radius (macrophages, and tumor cells for membranous IHC), pixels.
    public var cytoplasmRadius: Float
    /// Per-cell texture seed.
    public var seed: UInt32
    /// Marker status (true biology; visible on the matching IHC slide).
    public var pdl1: Bool
    public var cd8: Bool
    public var cd68: Bool

    /// Radius of the box that holds everything drawn for the cell, pixels.
    var extent: Float { max(radiusA * 1.3, cytoplasmRadius * 1.2) + 2 }
}
