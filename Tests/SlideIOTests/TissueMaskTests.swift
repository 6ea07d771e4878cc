import Foundation
import Testing
@testable import SlideIO

@Suite struct TissueMaskTests {
    struct Reference: Decodable {
        let width: Int
        let height: Int
        let otsu_threshold: Double
        let mask: String
    }

    /// Against scikit-image (Fixtures/make_mask_reference.py): threshold_otsu on saturation, then
    /// remove_small_objects / remove_small_holes. Our histogram spans [0, 1] while scikit-image's
    /// spans the data range, so thresholds agree within one bin of either (≤ 1/256 + range/256).
    @Test func matchesScikitImage() throws {
        let ref = try JSONDecoder().decode(Reference.self, from: Data(contentsOf: URL(fileURLWithPath: Fixtures.path("mask_reference.json"))))
        let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: Fixtures.path("mask_input.rgb"))))
        let image = try RGBImage(width: ref.width, height: ref.height, pixels: bytes)
        let mask = try TissueMask.compute(image: image)
        #expect(abs(mask.otsuThreshold - ref.otsu_threshold) < 2.0 / 256, "ours \(mask.otsuThreshold) vs skimage \(ref.otsu_threshold)")
        let expected = ref.mask.map { $0 == "1" ? UInt8(1) : 0 }
        let disagree = zip(mask.pixels, expected).filter { $0 != $1 }.count
        #expect(Double(disagree) / Double(expected.count) < 0.005, "\(disagree) of \(expected.count) pixels differ")
        // The 35-px hole is filled, the ~380-px lake is not, the 9-px speck is gone.
        #expect(mask.isTissue(x: 55, y: 55))
        #expect(!mask.isTissue(x: 70, y: 75))
        #expect(!mask.isTissue(x: 140, y: 100))
    }

    /// The doc-comment example: a pink disc of radius 30 px with a 5×5 hole on white.
    @Test func discExample() throws {
        var image = RGBImage(width: 100, height: 100)
        for y in 0..<100 { for x in 0..<100 where (x - 50) * (x - 50) + (y - 50) * (y - 50) < 900 {
            let hole = abs(x - 50) <= 2 && abs(y - 50) <= 2
            let o = (y * 100 + x) * 3
            if !hole { image.pixels[o] = 230; image.pixels[o + 1] = 160; image.pixels[o + 2] = 200 }
        } }
        let mask = try TissueMask.compute(image: image, downsampleX: 8, downsampleY: 8)
        let disc = (0..<10000).filter { i in let x = i % 100, y = i / 100; return (x - 50) * (x - 50) + (y - 50) * (y - 50) < 900 }.count
        #expect(mask.pixels.reduce(0) { $0 + Int($1) } == disc)
        #expect(abs(mask.tissueFraction - Double.pi * 900 / 10000) < 0.005)
        #expect(mask.tissueFraction(level0X: 400, y: 400, width: 16, height: 16) == 1)
        #expect(mask.tissueFraction(level0X: 0, y: 0, width: 64, height: 64) == 0)
    }

    /// Tissue bounds of a tile: the disc's mask pixels (x, y) with (x − 50)² + (y − 50)² < 900 span 21…79 on
    /// both axes; at 8 level-0 px per mask pixel the level-0 tile [0, 400)² holds mask pixels 0…49, whose tissue
    /// spans 21…49 → level-0 [168, 400); one mask pixel of dilation → [160, 400). A tile of glass has none.
    @Test func tissueBoundsOfATile() throws {
        var image = RGBImage(width: 100, height: 100, fill: (255, 255, 255))
        for y in 0..<100 { for x in 0..<100 where (x - 50) * (x - 50) + (y - 50) * (y - 50) < 900 {
            let o = (y * 100 + x) * 3
            image.pixels[o] = 230; image.pixels[o + 1] = 160; image.pixels[o + 2] = 200
        } }
        let mask = try TissueMask.compute(image: image, downsampleX: 8, downsampleY: 8)
        let box = try #require(mask.tissueBounds(level0X: 0, y: 0, width: 400, height: 400, dilation: 0))
        #expect(box == (168, 168, 232, 232))
        let grown = try #require(mask.tissueBounds(level0X: 0, y: 0, width: 400, height: 400, dilation: 1))
        #expect(grown == (160, 160, 240, 240))
        // Mask pixels just outside a tile reach into it through the dilation: the tile x ∈ [0, 160), y ∈ [320, 480)
        // holds mask columns 0…19 and rows 40…59; the nearest tissue is column 21 (rows 43…57). One pixel of
        // dilation does not reach it; two do: x from (21 − 2)·8 = 152, clipped at 160; y (43 − 2)·8 = 328 … 480.
        #expect(mask.tissueBounds(level0X: 0, y: 320, width: 160, height: 160, dilation: 1) == nil)
        let reached = try #require(mask.tissueBounds(level0X: 0, y: 320, width: 160, height: 160, dilation: 2))
        #expect(reached == (152, 328, 8, 152))
        #expect(mask.tissueBounds(level0X: 0, y: 0, width: 100, height: 100, dilation: 1) == nil)
    }

    @Test func blankSlideHasNoTissue() throws {
        var image = RGBImage(width: 64, height: 64, fill: (240, 240, 240))
        for i in stride(from: 0, to: image.pixels.count, by: 7) { image.pixels[i] = 236 }   // faint noise
        let mask = try TissueMask.compute(image: image)
        #expect(mask.tissueFraction == 0)
        #expect(mask.threshold >= 0.05)
    }

    @Test func otsuOnTwoSpikes() {
        var h = [Int](repeating: 0, count: 256)
        h[10] = 100; h[200] = 50
        let k = TissueMask.otsuBin(h)!
        #expect(k >= 10 && k < 200)
        #expect(TissueMask.otsuBin([Int](repeating: 0, count: 255) + [5]) == nil)
    }

    /// Slide.tissueMask on a slide written by our writer: the thumbnail equals the reference box mean.
    @Test func slideMaskFromPyramid() throws {
        let dir = try makeTemporaryDirectory("mask")
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("m.tiff").path
        let inside = { (x: Int, y: Int) in (x - 800) * (x - 800) + (y - 500) * (y - 500) < 400 * 400 }
        try writeSlide(path: path, width: 1600, height: 1000, options: .init(tileSize: 256)) { x, y in
            inside(x, y) ? (200, 120, 180) : (242, 242, 242)
        }
        let slide = try Slide(path: path)
        let thumb = try slide.thumbnail(maxDimension: 100)
        #expect(thumb.image.width == 100 && thumb.image.height == 63)
        let mask = try slide.tissueMask(parameters: .init(maxDimension: 100))
        #expect(abs(mask.tissueFraction - Double.pi * 400 * 400 / (1600 * 1000)) < 0.02)
        #expect(mask.tissueFraction(level0X: 768, y: 512, width: 256, height: 256) == 1)
        #expect(mask.tissueFraction(level0X: 0, y: 0, width: 256, height: 256) == 0)
    }
}
