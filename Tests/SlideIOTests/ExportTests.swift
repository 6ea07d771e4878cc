import Foundation
import Testing
@testable import SlideIO

@Suite struct ExportTests {
    static let image = SyntheticPattern.image(x: 0, y: 0, width: 300, height: 270, slideWidth: 300, slideHeight: 270)

    @Test func rawAndTIFFRoundTrip() throws {
        let dir = try makeTemporaryDirectory("export")
        defer { try? FileManager.default.removeItem(at: dir) }
        let raw = dir.appendingPathComponent("r.rgb").path
        try Self.image.write(to: raw)
        #expect([UInt8](try Data(contentsOf: URL(fileURLWithPath: raw))) == Self.image.pixels)
        let tif = dir.appendingPathComponent("r.tif").path
        try Self.image.write(to: tif, micronsPerPixel: 0.25)
        let slide = try Slide(path: tif)
        #expect(slide.micronsPerPixel == 0.25)
        #expect(try slide.readRegion(level: 0, x: 0, y: 0, width: 300, height: 270) == Self.image)
        #expect(throws: SlideIOError.self) { try Self.image.write(to: dir.appendingPathComponent("x.jpg").path) }
    }

    @Test func pngStructure() throws {
        let png = try Self.image.pngData()
        #expect(Array(png.prefix(8)) == [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
        #expect(String(decoding: png[12..<16], as: UTF8.self) == "IHDR")
        #expect(Array(png[16..<24]) == [0, 0, 1, 44, 0, 0, 1, 14])  // 300 × 270
        #expect(String(decoding: png.suffix(8).prefix(4), as: UTF8.self) == "IEND")
    }

    /// vips (libpng) decodes our PNG to the same pixels.
    @Test(.enabled(if: ExternalTools.haveVips)) func pngDecodesInVips() throws {
        let dir = try makeTemporaryDirectory("png")
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("p.png").path
        try Self.image.write(to: path)
        let raw = path + ".raw"
        try ExternalTools.run("vips", ["rawsave", path, raw])
        #expect([UInt8](try Data(contentsOf: URL(fileURLWithPath: raw))) == Self.image.pixels)
    }
}

@Suite struct SlideInfoTextTests {
    @Test func tableAndJSON() throws {
        let info = try Slide(path: Fixtures.path("subifd_lzw.tif")).info
        let text = info.tableText()
        #expect(text.contains("levels: 3"))
        #expect(text.contains("150 × 100"))
        #expect(text.contains("SubIFD 1 of IFD 0"))
        let json = try info.jsonText()
        struct Decoded: Decodable { let levels: [[String: AnyCodable]]; let mpp_source: String }
        struct AnyCodable: Decodable { init(from decoder: Decoder) throws {} }
        let decoded = try JSONDecoder().decode(Decoded.self, from: Data(json.utf8))
        #expect(decoded.levels.count == 3)
        #expect(json.contains("\"compression\" : \"lzw\""))
    }
}
