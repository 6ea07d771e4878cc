import Foundation
import Testing
@testable import SlideIO

/// Committed fixtures (Fixtures/make_fixtures.sh) read back against the synthetic pattern.
@Suite struct ReaderFixtureTests {
    static let regions = [(0, 0, 300, 200), (13, 7, 150, 120), (250, 150, 100, 100), (-5, -5, 20, 20), (290, 190, 40, 40)]

    /// Lossless layouts: every pixel equals the formula, outside is white.
    @Test(arguments: ["lzw_striped.tif", "bigtiff_deflate.tif", "subifd_lzw.tif"])
    func losslessLevel0MatchesPattern(name: String) throws {
        let slide = try Slide(path: Fixtures.path(name))
        #expect(slide.levels[0].width == 300 && slide.levels[0].height == 200)
        for (x, y, w, h) in Self.regions {
            let image = try slide.readRegion(level: 0, x: x, y: y, width: w, height: h)
            let expected = SyntheticPattern.image(x: x, y: y, width: w, height: h, slideWidth: 300, slideHeight: 200)
            #expect(image == expected, "\(name) region (\(x), \(y), \(w)×\(h))")
        }
    }

    @Test func layoutsAreDetected() throws {
        let striped = try Slide(path: Fixtures.path("lzw_striped.tif"))
        #expect(!striped.levels[0].isTiled && striped.levels[0].tileHeight == 16)
        #expect(striped.levels[0].compression.description == "lzw")
        let big = try Slide(path: Fixtures.path("bigtiff_deflate.tif"))
        #expect(big.isBigTIFF && big.levels[0].tileWidth == 128 && big.levels[0].compression.description == "deflate")
        let sub = try Slide(path: Fixtures.path("subifd_lzw.tif"))
        #expect(sub.levels.map(\.width) == [300, 150, 75])
        #expect(sub.levels.map(\.directory) == ["IFD 0", "SubIFD 0 of IFD 0", "SubIFD 1 of IFD 0"])
        #expect(sub.levels[1].downsample == 2 && sub.levels[2].downsample == 4)
    }

    /// Aperio-like SVS: the striped thumbnail (IFD 1) is not a level; MPP comes from ImageDescription;
    /// JPEG with Photometric RGB and JPEGTables decodes close to the source.
    @Test func aperioLayout() throws {
        let slide = try Slide(path: Fixtures.path("aperio_like.svs"))
        #expect(slide.levels.map(\.width) == [300, 150])
        #expect(slide.levels.map(\.directory) == ["IFD 0", "IFD 2"])
        #expect(slide.micronsPerPixel == 0.499 && slide.mppSource == .imageDescription)
        #expect(slide.levels[0].compression.description == "jpeg")
        let image = try slide.readRegion(level: 0, x: 0, y: 0, width: 300, height: 200)
        let source = SyntheticPattern.image(x: 0, y: 0, width: 300, height: 200, slideWidth: 300, slideHeight: 200)
        // The pattern has hard edges (x·y/7 wraps), so JPEG q85 errs a lot per pixel; a wrong colour
        // space or tile placement would give ≥ 40.
        #expect(meanAbsoluteDifference(image, source) < 25)
        let override = try Slide(path: Fixtures.path("aperio_like.svs"), micronsPerPixel: 0.25)
        #expect(override.micronsPerPixel == 0.25 && override.mppSource == .override)
    }

    @Test func rawTiledFixture() throws {
        let slide = try Slide(path: Fixtures.path("pattern_raw_tiled.tif"))
        #expect(slide.levels.count == 1 && slide.levels[0].tileWidth == 32)
        #expect(slide.mppSource == .none && slide.micronsPerPixel == nil)
        let image = try slide.readRegion(level: 0, x: -3, y: 5, width: 90, height: 50)
        #expect(image == SyntheticPattern.image(x: -3, y: 5, width: 90, height: 50, slideWidth: 80, slideHeight: 48))
        #expect(slide.tilesDecoded == 6)
    }

    @Test func mppParsing() {
        #expect(Slide.mppFromDescription("Aperio Image Library v10.0.51\r\n46920x33014 [0,100 46000x32914] (256x256) JPEG/RGB Q=30|AppMag = 20|StripeWidth = 2040|ScanScope ID = CPAPERIOCS|MPP = 0.4990|Exposure Time = 109") == 0.499)
        #expect(Slide.mppFromDescription("TMEScope SlideIO|MPP = 0.25") == 0.25)
        #expect(Slide.mppFromDescription("MPP = nonsense|no mpp") == nil)
        #expect(Slide.mppFromDescription("MPP = -1") == nil)
    }
}

/// The RGBA fallback decoder (used for YCbCr without JPEG and old-style JPEG) agrees with the direct
/// decoder on files both can read: tiled JPEG YCbCr and striped LZW (last strip partial).
@Suite struct RGBAFallbackTests {
    @Test(arguments: ["vips_jpeg.tif", "lzw_striped.tif"])
    func rgbaDecoderMatchesSampleDecoder(name: String) throws {
        let slide = try Slide(path: Fixtures.path(name))
        let layout = slide.layouts[0]
        let rgbaLayout = LevelLayout(locator: layout.locator, level: layout.level, decoder: .rgba,
                                     tilesAcross: layout.tilesAcross, tilesDown: layout.tilesDown)
        let tw = layout.level.tileWidth, th = layout.level.tileHeight
        for (column, row) in [(0, 0), (layout.tilesAcross - 1, layout.tilesDown - 1)] {
            var direct = [UInt8](repeating: 0, count: tw * th * 4)
            var rgba = direct
            try slide.select(level: 0)
            let channels = try slide.decode(layout, column: column, row: row, into: &direct)
            #expect(try slide.decode(rgbaLayout, column: column, row: row, into: &rgba) == 4)
            let rows = min(th, layout.level.height - row * th), cols = min(tw, layout.level.width - column * tw)
            var differing = 0
            for y in 0..<rows { for x in 0..<cols { for c in 0..<3 where direct[(y * tw + x) * channels + c] != rgba[(y * tw + x) * 4 + c] {
                differing += 1
            } } }
            #expect(differing == 0, "\(name) tile (\(column), \(row))")
        }
    }
}

/// SubIFD levels against vips (`tiffload --subifd n`), visited out of order so directory switches
/// between SubIFDs and IFD 0 are exercised.
@Suite(.enabled(if: ExternalTools.haveVips)) struct SubIFDTests {
    @Test func subIFDLevelsMatchVips() throws {
        let dir = try makeTemporaryDirectory("subifd")
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = Fixtures.path("subifd_lzw.tif")
        let slide = try Slide(path: path)
        var expected: [Int: RGBImage] = [:]
        for sub in 0..<2 {
            let v = dir.appendingPathComponent("s\(sub).v").path
            try ExternalTools.run("vips", ["tiffload", path, v, "--subifd", "\(sub)"])
            expected[sub + 1] = try ExternalTools.vipsLevel(path: v, page: 0, in: dir, loader: "vipsload")
        }
        expected[0] = SyntheticPattern.image(x: 0, y: 0, width: 300, height: 200, slideWidth: 300, slideHeight: 200)
        for level in [2, 0, 1, 2, 1, 0] {
            let l = slide.levels[level]
            let image = try slide.readRegion(level: level, x: 0, y: 0, width: l.width, height: l.height)
            #expect(image == expected[level], "level \(level)")
        }
    }
}
