import Foundation

/// Pixel ↔ micron conversion for one slide: the only place where the two meet.
public struct SlideGeometry: Sendable, Hashable, Codable {
    public var widthPx: Int
    public var heightPx: Int
    public var micronsPerPixel: Double
    public var tileSize: Int

    public init(widthPx: Int, heightPx: Int, micronsPerPixel: Double, tileSize: Int) {
        self.widthPx = widthPx; self.heightPx = heightPx; self.micronsPerPixel = micronsPerPixel; self.tileSize = tileSize
    }

    public var tilesAcross: Int { (widthPx + tileSize - 1) / tileSize }
    public var tilesDown: Int { (heightPx + tileSize - 1) / tileSize }
    public var areaSquareMillimetres: Double { Double(widthPx * heightPx) * micronsPerPixel * micronsPerPixel / 1e6 }
    @inline(__always) public func microns(_ px: Double) -> Double { px * micronsPerPixel }
    @inline(__always) public func pixels(_ microns: Double) -> Double { microns / micronsPerPixel }
    /// Square millimetres covered by `n` pixels.
    public func squareMillimetres(pixels n: Double) -> Double { n * micronsPerPixel * micronsPerPixel / 1e6 }
}
