import TestSupport
import Testing
import Foundation
@testable import Reports

/// Golden page images: each page of the fixture rendered by `pdftoppm -r 20 -gray` must match the
/// committed PGM within a small tolerance (anti-aliasing may differ slightly between poppler builds).
/// Regenerate with `TME_UPDATE_GOLDEN=1 swift test --filter PageImageTests` and look at the pages.
@Suite struct PageImageTests {
    static let goldenDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Fixtures/golden")

    /// Width, height and grey bytes of a binary PGM (P5, maxval 255) as written by pdftoppm.
    static func readPGM(_ data: Data) throws -> (width: Int, height: Int, pixels: [UInt8]) {
        let bytes = [UInt8](data)
        var fields: [String] = [], i = 0, current = ""
        while fields.count < 4, i < bytes.count {
            let c = bytes[i]; i += 1
            if c == 0x20 || c == 0x0A || c == 0x0D || c == 0x09 {
                if !current.isEmpty { fields.append(current); current = "" }
            } else { current.append(Character(UnicodeScalar(c))) }
        }
        guard fields.count == 4, fields[0] == "P5", let w = Int(fields[1]), let h = Int(fields[2]), fields[3] == "255",
              bytes.count - i == w * h else { throw ReportError.invalidLayout(detail: "not a P5 PGM") }
        return (w, h, Array(bytes[i...]))
    }

    @Test func pagesMatchGoldenImages() throws {
        let bytes = try GalleryFixture.document().render()
        let dir = try PDFTools.temporaryDirectory("pgm")
        let path = try PDFTools.write(bytes, to: dir, name: "gallery.pdf")
        let r = try PDFTools.run("pdftoppm", ["-r", "20", "-gray", path, dir.appendingPathComponent("page").path])
        #expect(r.status == 0)
        let update = ProcessInfo.processInfo.environment["TME_UPDATE_GOLDEN"] == "1"
        for page in 1...4 {
            let rendered = try Data(contentsOf: dir.appendingPathComponent("page-\(page).pgm"))
            let goldenURL = PageImageTests.goldenDirectory.appendingPathComponent("gallery-page\(page).pgm")
            if update { try rendered.write(to: goldenURL) }
            let a = try PageImageTests.readPGM(rendered), b = try PageImageTests.readPGM(try Data(contentsOf: goldenURL))
            #expect(a.width == b.width && a.height == b.height)
            guard a.pixels.count == b.pixels.count else { continue }
            var sum = 0, large = 0
            for (x, y) in zip(a.pixels, b.pixels) {
                let d = abs(Int(x) - Int(y))
                sum += d
                if d > 64 { large += 1 }
            }
            let mean = Double(sum) / Double(a.pixels.count)
            #expect(mean <= 1.5, "page \(page): mean grey difference \(mean)")
            #expect(Double(large) <= 0.005 * Double(a.pixels.count), "page \(page): \(large) pixels differ by > 64")
        }
    }

    /// The comparison is sensitive: a page with one extra line of text fails it.
    @Test func comparisonDetectsAChangedPage() throws {
        let doc = try GalleryFixture.document()
        let canvas = try doc.currentCanvas()
        try canvas.fill(Rect(x: 60, y: 300, width: 200, height: 30), color: .black)
        let dir = try PDFTools.temporaryDirectory("pgm-changed")
        let path = try PDFTools.write(try doc.render(), to: dir, name: "changed.pdf")
        _ = try PDFTools.run("pdftoppm", ["-r", "20", "-gray", "-f", "4", "-l", "4", path, dir.appendingPathComponent("page").path])
        let a = try PageImageTests.readPGM(try Data(contentsOf: dir.appendingPathComponent("page-4.pgm")))
        let b = try PageImageTests.readPGM(try Data(contentsOf: PageImageTests.goldenDirectory.appendingPathComponent("gallery-page4.pgm")))
        let large = zip(a.pixels, b.pixels).filter { abs(Int($0) - Int($1)) > 64 }.count
        #expect(Double(large) > 0.005 * Double(a.pixels.count))
    }
}
