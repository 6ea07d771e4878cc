import Foundation
import Testing
@testable import SlideIO

/// Pixel-for-pixel agreement with OpenSlide 3.4 on pyramids made by vips and by our writer.
/// Generated at test time; skipped when vips/openslide-tools are not installed.
@Suite(.enabled(if: ExternalTools.haveOpenSlide)) struct OpenSlideInteropTests {
    /// 1440×1056 px: partial edge tiles at every level with 256-px tiles, exact power-of-two downsamples.
    static let width = 1440, height = 1056

    /// Regions per level (in that level's pixels): inside, across tile corners, across the right/bottom
    /// edges and fully past them, and starting at negative coordinates.
    static func regions(for level: SlideLevel) -> [(Int, Int, Int, Int)] {
        let w = level.width, h = level.height
        return [(0, 0, min(w, 300), min(h, 200)), (200, 230, 120, 70), (w - 50, h - 40, 100, 90),
                (w / 2, h - 10, 300, 30), (-20, -10, 64, 48), (w + 5, 0, 10, 10)]
    }

    func compare(_ path: String, in dir: URL, expectLevels: Int? = nil) throws {
        let slide = try Slide(path: path)
        if let expectLevels { #expect(slide.levels.count == expectLevels) }
        let props = try ExternalTools.run("openslide-show-properties", [path])
        #expect(props.contains("openslide.level-count: '\(slide.levels.count)'"), "OpenSlide level count differs")
        for level in slide.levels {
            #expect(props.contains("openslide.level[\(level.index)].width: '\(level.width)'"))
            #expect(props.contains("openslide.level[\(level.index)].height: '\(level.height)'"))
            let downsample = Int(level.downsample.rounded())
            #expect(Double(downsample) == level.downsample, "test assumes exact downsamples")
            // Second independent reference: the whole level decoded by vips.
            let page = Int(level.directory.dropFirst("IFD ".count))!
            let whole = try ExternalTools.vipsLevel(path: path, page: page, in: dir)
            #expect(whole.width == level.width && whole.height == level.height)
            for (x, y, w, h) in Self.regions(for: level) {
                let ours = try slide.readRegion(level: level.index, x: x, y: y, width: w, height: h)
                let expected = crop(whole, x: x, y: y, width: w, height: h)
                #expect(ours == expected, "\(path) level \(level.index) region (\(x), \(y), \(w)×\(h)) differs from vips")
                let theirs = try ExternalTools.openSlideRegion(path: path, level: level.index, downsample: downsample,
                                                               x: x, y: y, width: w, height: h, in: dir)
                // OpenSlide 3.4.1 on libtiff 4.5 returns a transparent region for non-JPEG levels smaller
                // than one tile (TIFFRGBAImageGet rejects a raster wider than the image); vips is the
                // reference there.
                let smallerThanTile = level.width < level.tileWidth || level.height < level.tileHeight
                if smallerThanTile, level.compression.code != 7 { continue }
                let bad = mismatches(ours: ours, openslide: theirs)
                #expect(bad == 0, "\(path) level \(level.index) region (\(x), \(y), \(w)×\(h)): \(bad) pixels differ from OpenSlide")
            }
        }
    }

    func source(_ dir: URL) throws -> String {
        var image = RGBImage(width: Self.width, height: Self.height)
        for y in 0..<Self.height {
            for x in 0..<Self.width {
                let (r, g, b) = SyntheticPattern.smooth(x: x, y: y)
                let o = (y * Self.width + x) * 3
                image.pixels[o] = r; image.pixels[o + 1] = g; image.pixels[o + 2] = b
            }
        }
        let path = dir.appendingPathComponent("source.v").path
        try ExternalTools.vipsFromRGB(image, to: path, dir: dir)
        return path
    }

    @Test func vipsDeflatePyramidMatchesOpenSlide() throws {
        let dir = try makeTemporaryDirectory("vips-deflate")
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("deflate.tif").path
        try ExternalTools.run("vips", ["tiffsave", try source(dir), out, "--tile", "--pyramid", "--compression", "deflate",
                                       "--tile-width", "256", "--tile-height", "256"])
        try compare(out, in: dir, expectLevels: 4)
    }

    @Test func vipsJPEGPyramidMatchesOpenSlide() throws {
        let dir = try makeTemporaryDirectory("vips-jpeg")
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("jpeg.tif").path
        try ExternalTools.run("vips", ["tiffsave", try source(dir), out, "--tile", "--pyramid", "--compression", "jpeg",
                                       "--Q", "80", "--tile-width", "256", "--tile-height", "256"])
        try compare(out, in: dir, expectLevels: 4)
    }

    @Test(arguments: PyramidTIFFWriterOptions.Compression.allCases)
    func ourWriterMatchesOpenSlide(compression: PyramidTIFFWriterOptions.Compression) throws {
        let dir = try makeTemporaryDirectory("writer-\(compression)")
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("ours.tiff").path
        try writeSlide(path: out, width: Self.width, height: Self.height,
                       options: .init(compression: compression, micronsPerPixel: 0.5), pixel: SyntheticPattern.smooth)
        try compare(out, in: dir, expectLevels: 4)
        let info = try ExternalTools.run("tiffinfo", ["-D", out])
        #expect(!info.localizedCaseInsensitiveContains("error"), "tiffinfo reported: \(info.prefix(400))")
        #expect(info.contains("Resolution: 20000, 20000 pixels/cm"))
        #expect(info.contains("MPP = 0.5"))
        let props = try ExternalTools.run("openslide-show-properties", [out])
        #expect(props.contains("openslide.vendor: 'generic-tiff'"))
        #expect(props.contains("tiff.ResolutionUnit: 'centimeter'"))
    }

    /// The committed fixtures OpenSlide can open (Aperio-like SVS with JPEG RGB + JPEGTables and a
    /// striped thumbnail; vips JPEG YCbCr pyramid with 128-px tiles).
    @Test(arguments: ["aperio_like.svs", "vips_jpeg.tif"])
    func fixturesMatchOpenSlide(name: String) throws {
        let dir = try makeTemporaryDirectory("fixture")
        defer { try? FileManager.default.removeItem(at: dir) }
        try compare(Fixtures.path(name), in: dir)
    }
}
