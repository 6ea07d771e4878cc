import Foundation
import Testing
@testable import SlideIO

@Suite struct WriterTests {
    /// Reference 2×2 mean (existing pixels only, round half up), written independently of LevelBand.
    static func halve(_ image: RGBImage) -> RGBImage {
        let w = (image.width + 1) / 2, h = (image.height + 1) / 2
        var out = RGBImage(width: w, height: h)
        for y in 0..<h {
            for x in 0..<w {
                for c in 0..<3 {
                    var sum = 0, n = 0
                    for dy in 0...1 {
                        for dx in 0...1 where 2 * x + dx < image.width && 2 * y + dy < image.height {
                            sum += Int(image.pixels[((2 * y + dy) * image.width + 2 * x + dx) * 3 + c])
                            n += 1
                        }
                    }
                    out.pixels[(y * w + x) * 3 + c] = UInt8((sum + n / 2) / n)
                }
            }
        }
        return out
    }

    /// Deflate is lossless: level 0 is the input, every level k is the reference 2×2 mean of level k − 1.
    /// 777×555 with 64-px tiles: odd sizes and partial tiles at every level.
    @Test func deflatePyramidIsExact() throws {
        let dir = try makeTemporaryDirectory("writer-exact")
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("p.tiff").path
        let (w, h) = (777, 555)
        try writeSlide(path: path, width: w, height: h, options: .init(tileSize: 64, micronsPerPixel: 0.25),
                       pixel: SyntheticPattern.pixel)
        let slide = try Slide(path: path)
        #expect(slide.levels.map(\.width) == [777, 389, 195, 98, 49])
        #expect(slide.levels.map(\.height) == [555, 278, 139, 70, 35])
        #expect(slide.micronsPerPixel == 0.25 && slide.mppSource == .imageDescription)
        var expected = SyntheticPattern.image(x: 0, y: 0, width: w, height: h, slideWidth: w, slideHeight: h)
        for level in slide.levels {
            if level.index > 0 { expected = Self.halve(expected) }
            let image = try slide.readRegion(level: level.index, x: 0, y: 0, width: level.width, height: level.height)
            #expect(image == expected, "level \(level.index)")
        }
        // No temporary files left behind.
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["p.tiff"])
    }

    @Test func halvingExampleFromTheDocComment() throws {
        // 3×1 image → 2×1: (10+20+1)/2 = 15 (round half up of 15.0), lone edge pixel 31 stays 31.
        let image = try RGBImage(width: 3, height: 1, pixels: [10, 10, 10, 20, 21, 20, 31, 31, 31])
        #expect(Self.halve(image).pixels == [15, 16, 15, 31, 31, 31])
        let band = LevelBand(width: 2, tileSize: 16)
        image.pixels.withUnsafeBufferPointer { band.add(pixels: $0, stride: 3, width: 3, height: 1, column: 0, row: 0) }
        #expect(Array(band.pixels[0..<6]) == [15, 16, 15, 31, 31, 31])
    }

    @Test func jpegIsCloseAndResolutionTagsAreSet() throws {
        let dir = try makeTemporaryDirectory("writer-jpeg")
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("j.tiff").path
        try writeSlide(path: path, width: 600, height: 300, options: .init(compression: .jpeg, jpegQuality: 95, micronsPerPixel: 0.5),
                       pixel: SyntheticPattern.smooth)
        let slide = try Slide(path: path)
        let image = try slide.readRegion(level: 0, x: 0, y: 0, width: 600, height: 300)
        var source = RGBImage(width: 600, height: 300)
        for y in 0..<300 { for x in 0..<600 {
            let (r, g, b) = SyntheticPattern.smooth(x: x, y: y)
            source.pixels[(y * 600 + x) * 3] = r; source.pixels[(y * 600 + x) * 3 + 1] = g; source.pixels[(y * 600 + x) * 3 + 2] = b
        } }
        #expect(meanAbsoluteDifference(image, source) < 1.5)
        #expect(slide.levels.map(\.compression.description) == ["jpeg", "jpeg", "jpeg"])
        // Resolution tags alone give the same µm/px: ImageDescription is checked first, so use a reader
        // on the tags directly.
        #expect(Slide.mppFromResolution(slide.handle) == 0.5)
    }

    @Test func sameInputGivesSameBytes() throws {
        let dir = try makeTemporaryDirectory("writer-determinism")
        defer { try? FileManager.default.removeItem(at: dir) }
        var files: [Data] = []
        for name in ["a.tiff", "b.tiff"] {
            let path = dir.appendingPathComponent(name).path
            try writeSlide(path: path, width: 300, height: 300, options: .init(compression: .jpeg), pixel: SyntheticPattern.smooth)
            files.append(try Data(contentsOf: URL(fileURLWithPath: path)))
        }
        #expect(files[0] == files[1])
    }

    @Test func tileRowsEqualTiles() throws {
        let dir = try makeTemporaryDirectory("writer-rows")
        defer { try? FileManager.default.removeItem(at: dir) }
        let byTile = dir.appendingPathComponent("t.tiff").path
        try writeSlide(path: byTile, width: 300, height: 200, options: .init(tileSize: 128), pixel: SyntheticPattern.pixel)
        let byRow = dir.appendingPathComponent("r.tiff").path
        let writer = try PyramidTIFFWriter(path: byRow, width: 300, height: 200, options: .init(tileSize: 128))
        for row in 0..<writer.tilesDown {
            let h = min(128, 200 - row * 128)
            try writer.append(tileRow: SyntheticPattern.image(x: 0, y: row * 128, width: 300, height: h, slideWidth: 300, slideHeight: 200))
        }
        try writer.finish()
        #expect(try Data(contentsOf: URL(fileURLWithPath: byTile)) == Data(contentsOf: URL(fileURLWithPath: byRow)))
    }

    @Test func misuseIsReported() throws {
        let dir = try makeTemporaryDirectory("writer-misuse")
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("m.tiff").path
        let writer = try PyramidTIFFWriter(path: path, width: 100, height: 100, options: .init(tileSize: 64))
        #expect(throws: SlideIOError.self) { try writer.append(tile: RGBImage(width: 10, height: 10)) }
        try writer.append(tile: RGBImage(width: 64, height: 64))
        #expect(throws: SlideIOError.self) { try writer.finish() }      // 3 tiles missing
        try writer.append(tile: RGBImage(width: 36, height: 64))         // clipped right tile
        try writer.append(tile: RGBImage(width: 64, height: 64))         // full-size bottom-left tile
        try writer.append(tile: RGBImage(width: 64, height: 64))         // full-size corner tile, excess ignored
        #expect(throws: SlideIOError.self) { try writer.append(tile: RGBImage(width: 64, height: 64)) }
        try writer.finish()
        #expect(FileManager.default.fileExists(atPath: path))
        #expect(throws: SlideIOError.self) {
            try PyramidTIFFWriter(path: path, width: 0, height: 10)
        }
        #expect(throws: SlideIOError.self) {
            try PyramidTIFFWriter(path: path, width: 10, height: 10, options: .init(tileSize: 100))
        }
        #expect(throws: SlideIOError.self) {
            try PyramidTIFFWriter(path: "/nonexistent-dir/x.tiff", width: 10, height: 10)
        }
    }

    @Test func abandonedWriterCleansUp() throws {
        let dir = try makeTemporaryDirectory("writer-abandon")
        defer { try? FileManager.default.removeItem(at: dir) }
        do {
            let writer = try PyramidTIFFWriter(path: dir.appendingPathComponent("x.tiff").path, width: 600, height: 600)
            try writer.append(tile: RGBImage(width: 256, height: 256))
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path).isEmpty)
    }

    @Test func bigTIFFOnRequest() throws {
        let dir = try makeTemporaryDirectory("writer-big")
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("b.tiff").path
        try writeSlide(path: path, width: 300, height: 300, options: .init(bigTIFF: true), pixel: SyntheticPattern.pixel)
        let slide = try Slide(path: path)
        #expect(slide.isBigTIFF && slide.levels.count == 2)
        #expect(try slide.readRegion(level: 0, x: 0, y: 0, width: 300, height: 300)
                == SyntheticPattern.image(x: 0, y: 0, width: 300, height: 300, slideWidth: 300, slideHeight: 300))
    }

    @Test func levelSizes() {
        #expect(PyramidTIFFWriter.levelSizes(width: 4096, height: 4096, tileSize: 256).map(\.width) == [4096, 2048, 1024, 512, 256])
        #expect(PyramidTIFFWriter.levelSizes(width: 100, height: 50, tileSize: 256).count == 1)
    }
}
