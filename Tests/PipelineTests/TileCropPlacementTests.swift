@testable import Pipeline
import SlideIO
import Testing

/// The report's full-resolution crop sits on the tile's tissue, not on glass (SIM-0003's most attended tile had
/// its cells along one edge and a centred crop of empty glass).
@Suite struct TileCropPlacementTests {
    /// A 256 × 256 thumbnail at downsample 4 (a 1024² px slide) of glass with an H&E-pink band over thumbnail
    /// columns `band`.
    static func mask(band: Range<Int>) throws -> TissueMask {
        var image = RGBImage(width: 256, height: 256)
        for y in 0..<256 { for x in band {
            let i = (y * 256 + x) * 3
            image.pixels[i] = 200; image.pixels[i + 1] = 110; image.pixels[i + 2] = 170
        } }
        return try TissueMask.compute(image: image, downsampleX: 4, downsampleY: 4)
    }

    @Test func cropMovesOntoTissueAtTheTileEdge() throws {
        // Tile (0, 0, 1024, 1024); tissue only over level-0 x 896..<1024 (thumbnail columns 224..<256).
        let mask = try Self.mask(band: 224..<256)
        #expect(mask.tissueFraction(level0X: 320, y: 320, width: 384, height: 384) == 0, "centred crop is glass")
        let origin = TileCropPlacement.origin(tileX: 0, tileY: 0, tileWidth: 1024, tileHeight: 1024, side: 384, mask: mask)
        #expect(origin.x == 640, "crop flush with the tissue side: x \(origin.x)")
        #expect(origin.y == 320, "vertically centred (tissue is uniform along y): y \(origin.y)")
        #expect(mask.tissueFraction(level0X: origin.x, y: origin.y, width: 384, height: 384) > 0.3)
    }

    @Test func tissueThroughoutKeepsTheCentredCrop() throws {
        let mask = try Self.mask(band: 0..<256)
        let origin = TileCropPlacement.origin(tileX: 1024, tileY: 0, tileWidth: 1024, tileHeight: 1024, side: 384, mask: mask)
        // Beyond the 1024-px slide every position scores 0 (and must not trap): centred.
        #expect(origin.x == 1344 && origin.y == 320, "\(origin)")
        let inside = TileCropPlacement.origin(tileX: 0, tileY: 0, tileWidth: 1024, tileHeight: 1024, side: 384, mask: mask)
        #expect(inside.x == 320 && inside.y == 320, "\(inside)")
        let none = TileCropPlacement.origin(tileX: 0, tileY: 0, tileWidth: 1024, tileHeight: 1024, side: 384, mask: nil)
        #expect(none.x == 320 && none.y == 320)
    }
}
