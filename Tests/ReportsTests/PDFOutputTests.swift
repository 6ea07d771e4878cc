import TestSupport
import Testing
import Foundation
@testable import Reports

/// End-to-end checks of the rendered fixture document with independent tools
/// (qpdf, pdffonts, pdfinfo, pdftotext from poppler-utils).
@Suite struct PDFOutputTests {
    static let goldenURL = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Fixtures/golden/gallery.txt")

    func renderGallery(_ name: String, pageSize: PageSize = .a4) throws -> (bytes: [UInt8], path: String) {
        let bytes = try GalleryFixture.document(pageSize: pageSize).render()
        let dir = try PDFTools.temporaryDirectory(name)
        return (bytes, try PDFTools.write(bytes, to: dir, name: "gallery.pdf"))
    }

    @Test func reproducibleOutputIsByteIdentical() throws {
        let a = try GalleryFixture.document().render()
        let b = try GalleryFixture.document().render()
        #expect(a == b)
        #expect(a.count > 10_000)
        #expect(String(decoding: a.prefix(8), as: UTF8.self).hasPrefix("%PDF-1."))
    }

    /// Documents rendered on several threads at once give the same bytes as one rendered alone.
    @Test func parallelRenderingIsIndependent() throws {
        let reference = try GalleryFixture.document().render()
        let results = ResultBox(count: 4)
        DispatchQueue.concurrentPerform(iterations: 4) { i in
            results.set(i, (try? GalleryFixture.document().render()) ?? [])
        }
        for bytes in results.values { #expect(bytes == reference) }
    }

    @Test func passesQpdfCheck() throws {
        let (_, path) = try renderGallery("qpdf")
        let r = try PDFTools.run("qpdf", ["--check", path])
        #expect(r.status == 0, "qpdf: \(r.stdout) \(r.stderr)")
        #expect(r.stdout.contains("No syntax or stream encoding errors"))
    }

    @Test func everyFontIsEmbedded() throws {
        let (_, path) = try renderGallery("fonts")
        let fonts = try PDFTools.fonts(path)
        #expect(!fonts.isEmpty)
        let notEmbedded = fonts.filter { !$0.embedded }.map(\.name)
        #expect(notEmbedded.isEmpty, "not embedded: \(notEmbedded)")
        #expect(fonts.contains { $0.name.hasSuffix("+DejaVuSans") })
        #expect(fonts.contains { $0.name.hasSuffix("+DejaVuSans-Bold") })
    }

    @Test func pageCountSizeAndMetadata() throws {
        let (_, path) = try renderGallery("info")
        let info = try PDFTools.info(path)
        #expect(info["Pages"] == "4")
        #expect(info["Page size"] == "595.276 x 841.89 pts (A4)")
        #expect(info["Title"] == "TMEScope chart gallery")
        #expect(info["Creator"] == "TMEScope")
        #expect(info["CreationDate"]?.contains("2000") == true)
        let (_, letter) = try renderGallery("letter", pageSize: .usLetter)
        #expect(try PDFTools.info(letter)["Page size"] == "612 x 792 pts (letter)")
    }

    /// Golden extracted text. After an intended layout change, regenerate with
    /// `TME_UPDATE_GOLDEN=1 swift test --filter PDFOutputTests` and review the diff.
    @Test func extractedTextMatchesGolden() throws {
        let (_, path) = try renderGallery("golden")
        let text = try PDFTools.text(path, layout: false)
        if ProcessInfo.processInfo.environment["TME_UPDATE_GOLDEN"] == "1" {
            try text.write(to: PDFTools.goldenURL, atomically: true, encoding: .utf8)
        }
        let golden = try String(contentsOf: PDFOutputTests.goldenURL, encoding: .utf8)
        #expect(text == golden)
    }

    @Test func runningHeaderAndFooterOnEveryPage() throws {
        let (_, path) = try renderGallery("footer")
        for page in 1...4 {
            let text = try PDFTools.text(path, page: page)
            #expect(text.contains("Research use only — not for clinical decisions"))
            #expect(text.contains("Page \(page) of 4"))
            #expect(text.contains("Generated from synthetic data; model none"))
            #expect(text.contains("TMEScope chart gallery"))
        }
        // The screening table continues on pages 3 and 4 with its header row repeated.
        for page in 3...4 {
            let text = try PDFTools.text(path, page: page)
            #expect(text.contains("Screening table (continued)"))
            #expect(text.contains("Tumour type") && text.contains("PD-L1 TPS"))
        }
        #expect(try PDFTools.text(path, page: 4).contains("PT-046"))
    }

    /// Database text is drawn literally: quotes, %, markup-like text, CJK and Greek survive
    /// extraction unchanged; an over-long identifier is ellipsized in the table.
    @Test func unsafeTextIsDrawnLiterally() throws {
        let (_, path) = try renderGallery("unsafe")
        let text = try PDFTools.text(path, layout: false)
        #expect(text.contains("O'Brien \"Bobby\" 100 % <b>bold?</b> &amp; %s %d %@ \\n"))
        #expect(text.contains("山田 漢字 — Ελληνικά"))
        // The over-long identifier stays inside the table's Patient column on page 2. (Cairo maps an
        // ellipsized glyph run back to the full text, so extraction alone cannot show the cut.)
        let html = try PDFTools.run("pdftotext", ["-bbox", "-f", "2", "-l", "2", path, "-"]).stdout
        let table = GalleryFixture.screeningTable()
        let settings = DocumentSettings(title: "")
        let columnRight = settings.contentRect.minX + table.columnWidths(totalWidth: settings.contentRect.width)[0]
        let word = #/xMin="([0-9.]+)" yMin="[0-9.]+" xMax="([0-9.]+)" yMax="[0-9.]+">(Verylong[^<]*)</#
        let hits = html.matches(of: word)
        #expect(!hits.isEmpty)
        for m in hits { #expect(Double(m.2)! <= columnRight + 0.5, "identifier runs to x = \(m.2)") }
    }

    /// Every word lies inside the page margins (header and footer inside the top/bottom margin)
    /// and no two words overlap.
    @Test func wordsStayInsideMarginsAndDoNotOverlap() throws {
        let (_, path) = try renderGallery("bbox")
        let html = try PDFTools.run("pdftotext", ["-bbox", path, "-"]).stdout
        let settings = DocumentSettings(title: "")
        let pages = html.components(separatedBy: "<page ").dropFirst()
        #expect(pages.count == 4)
        let number = #/xMin="([0-9.]+)" yMin="([0-9.]+)" xMax="([0-9.]+)" yMax="([0-9.]+)">([^<]*)</#
        for (p, page) in pages.enumerated() {
            let words = page.matches(of: number).map { m in
                (Rect(x: Double(m.1)!, y: Double(m.2)!, width: Double(m.3)! - Double(m.1)!, height: Double(m.4)! - Double(m.2)!),
                 String(m.5))
            }
            #expect(words.count > 20)
            let allowed = Rect(x: settings.margins.left - 0.5, y: 20, width: settings.contentRect.width + 1,
                               height: settings.pageSize.heightPoints - 40)
            for (r, w) in words { #expect(allowed.contains(r), "page \(p + 1): '\(w)' at \(r) outside the margins") }
            for i in 0..<words.count {
                for j in (i + 1)..<words.count {
                    let a = words[i].0, b = words[j].0
                    let ix = min(a.maxX, b.maxX) - max(a.minX, b.minX), iy = min(a.maxY, b.maxY) - max(a.minY, b.minY)
                    guard ix > 0, iy > 0 else { continue }
                    let smaller = min(a.width * a.height, b.width * b.height)
                    #expect(ix * iy < 0.25 * smaller, "page \(p + 1): '\(words[i].1)' overlaps '\(words[j].1)'")
                }
            }
        }
    }

    @Test func rendersToPNG() throws {
        let (_, path) = try renderGallery("png")
        let dir = URL(fileURLWithPath: path).deletingLastPathComponent()
        let r = try PDFTools.run("pdftoppm", ["-r", "60", "-png", path, dir.appendingPathComponent("page").path])
        #expect(r.status == 0)
        let pngs = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.hasSuffix(".png") }
        #expect(pngs.count == 4)
    }

    @Test func emptyDocumentThrows() {
        #expect(throws: ReportError.emptyDocument) { try ReportDocument(settings: DocumentSettings(title: "x")).render() }
    }
}

extension PDFTools {
    static var goldenURL: URL { PDFOutputTests.goldenURL }
}

/// Collects per-iteration results from `concurrentPerform`.
final class ResultBox: @unchecked Sendable {
    private let lock = NSLock()
    private var storage: [[UInt8]]
    init(count: Int) { storage = Array(repeating: [], count: count) }
    func set(_ i: Int, _ v: [UInt8]) { lock.lock(); storage[i] = v; lock.unlock() }
    var values: [[UInt8]] { lock.lock(); defer { lock.unlock() }; return storage }
}
