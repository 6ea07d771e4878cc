import Foundation
import Testing
@testable import SlideIO

/// The bad-input corpus (Fixtures/bad, made by make_bad_tiffs.py): each file gives a specific error
/// whose message names the file and the problem; nothing crashes or allocates the declared size.
@Suite struct BadInputTests {
    /// Opens and reads every level fully; returns the first error.
    func firstError(_ name: String) -> SlideIOError? {
        do {
            let slide = try Slide(path: Fixtures.path("bad/\(name)"))
            for level in slide.levels {
                _ = try slide.readRegion(level: level.index, x: 0, y: 0, width: min(level.width, 512),
                                         height: min(level.height, 512))
            }
            return nil
        } catch let error as SlideIOError {
            return error
        } catch {
            Issue.record("unexpected error type: \(error)")
            return nil
        }
    }

    @Test(arguments: [
        ("empty.tif", "shorter than a TIFF header"),
        ("truncated_header.tif", "shorter than a TIFF header"),
        ("wrong_magic.tif", "not a TIFF file: first bytes are 50 4B 03 04"),
        ("truncated_ifd.tif", "cannot open as TIFF"),
        ("zero_size_tile.tif", "byte count is 0"),
        ("missing_tile.tif", "offset is 0"),
        ("tile_beyond_eof.tif", "beyond the end of the"),
        ("absurd_dimensions.tif", "Integer overflow in TIFFNumberOfTiles"),
        ("absurd_dimensions_consistent.tif", "3000000×2000000"),
        ("zero_tile_width.tif", "tile"),
        ("odd_tile_size.tif", "33×32 px"),
        ("huge_strip.tif", "blocks of 20000×20000 px"),
        ("gray16.tif", "min-is-black (grayscale), 1 sample(s) of 16 bits"),
        ("cmyk.tif", "separated (CMYK)"),
        ("corrupt_deflate.tif", "cannot be decoded"),
    ])
    func badFileGivesClearError(name: String, expected: String) {
        guard let error = firstError(name) else {
            Issue.record("\(name) was read without error")
            return
        }
        let message = error.description
        #expect(message.contains(Fixtures.path("bad/\(name)")), "message does not name the file: \(message)")
        #expect(message.contains(expected), "\(name): \(message)")
    }

    @Test func missingFileNamesTheFile() {
        #expect(throws: SlideIOError.cannotOpen(file: "/nonexistent/x.tif", reason: "file does not exist or is not readable")) {
            try Slide(path: "/nonexistent/x.tif")
        }
    }

    /// A real pyramid cut in half loses its directories (libtiff writes them last).
    @Test func truncatedPyramidIsRejected() throws {
        let dir = try makeTemporaryDirectory("truncated")
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("t.tiff").path
        try writeSlide(path: path, width: 700, height: 500, options: .init(compression: .deflate), pixel: SyntheticPattern.pixel)
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        let cut = dir.appendingPathComponent("cut.tiff").path
        try data.prefix(data.count / 2).write(to: URL(fileURLWithPath: cut))
        do {
            let slide = try Slide(path: cut)
            _ = try slide.readRegion(level: 0, x: 0, y: 0, width: 700, height: 500)
            Issue.record("truncated file read without error")
        } catch let error as SlideIOError {
            #expect(error.description.contains(cut))
        }
    }

    /// A region far away from the missing tile reads fine: only needed tiles are touched.
    @Test func readsAvoidUnneededTiles() throws {
        let slide = try Slide(path: Fixtures.path("bad/missing_tile.tif"))  // tile 4 = column 1, row 1 is missing
        let image = try slide.readRegion(level: 0, x: 0, y: 0, width: 64, height: 32)
        #expect(slide.tilesDecoded == 2)
        #expect(image == SyntheticPattern.image(x: 0, y: 0, width: 64, height: 32, slideWidth: 80, slideHeight: 48))
        #expect(throws: SlideIOError.self) { try slide.readRegion(level: 0, x: 40, y: 40, width: 1, height: 1) }
    }

    @Test func absurdRegionIsRejectedBeforeAllocation() throws {
        let slide = try Slide(path: Fixtures.path("pattern_raw_tiled.tif"))
        #expect(throws: SlideIOError.self) { try slide.readRegion(level: 0, x: 0, y: 0, width: 1 << 30, height: 1 << 30) }
        #expect(throws: SlideIOError.self) { try slide.readRegion(level: 0, x: 0, y: 0, width: 0, height: 10) }
        #expect(throws: SlideIOError.levelOutOfRange(file: slide.path, level: 3, levelCount: 1)) {
            try slide.readRegion(level: 3, x: 0, y: 0, width: 1, height: 1)
        }
    }
}
