import TestSupport
import Testing
import Foundation
@testable import Reports

@Suite struct DocumentFlowTests {
    /// A paragraph longer than a page continues on the next pages, split between lines, in order.
    @Test func longParagraphFlowsAcrossPages() throws {
        let sentences = (1...260).map { "Sentence \($0) of the methods section explains one step." }
        let doc = ReportDocument(settings: DocumentSettings(pageSize: .usLetter, title: "Flow").reproducible)
        try doc.addHeading("Methods")
        try doc.addParagraph(sentences.joined(separator: " "))
        #expect(doc.pageCount >= 3)
        let dir = try PDFTools.temporaryDirectory("flow")
        let path = try PDFTools.write(try doc.render(), to: dir, name: "flow.pdf")
        let text = try PDFTools.text(path, layout: false).replacingOccurrences(of: "\n", with: " ")
        var cursor = text.startIndex
        for n in [1, 2, 100, 199, 259, 260] {
            let needle = "Sentence \(n) of"
            let found = try #require(text.range(of: needle, range: cursor..<text.endIndex), "missing or out of order: \(needle)")
            cursor = found.upperBound
        }
        for page in 1...doc.pageCount {
            #expect(try PDFTools.text(path, page: page).contains("Page \(page) of \(doc.pageCount)"))
        }
    }

    @Test func headingMovesWithItsContent() throws {
        let doc = ReportDocument(settings: DocumentSettings(title: "Keep").reproducible)
        try doc.addParagraph("x")
        _ = try doc.reserve(height: doc.remainingHeight - 30)
        try doc.addHeading("Results", keepWithNext: 60)
        #expect(doc.pageCount == 2)
    }

    @Test func reserveBreaksPagesAndClamps() throws {
        let doc = ReportDocument(settings: DocumentSettings(title: "Reserve"))
        let a = try doc.reserve(height: 500)
        let b = try doc.reserve(height: 500)
        #expect(a.y == doc.contentRect.minY && b.y == doc.contentRect.minY && doc.pageCount == 2)
        let huge = try doc.reserve(height: 10_000)
        #expect(huge.height == doc.contentRect.height && doc.pageCount == 3)
    }

    @Test func tableValidation() throws {
        let doc = ReportDocument(settings: DocumentSettings(title: "T"))
        #expect(throws: ReportError.invalidLayout(detail: "table row 2 has 1 cells; expected 2")) {
            try doc.addTable(Table(columns: [TableColumn("a"), TableColumn("b")], rows: [["1", "2"], ["3"]]))
        }
        #expect(throws: ReportError.self) { try doc.addTable(Table(columns: [], rows: [])) }
        let widths = Table(columns: [TableColumn("a", widthWeight: 1), TableColumn("b", widthWeight: 3)], rows: [])
            .columnWidths(totalWidth: 400)
        #expect(widths == [100, 300])
    }

    /// A table whose header is the last thing that would fit moves whole to the next page.
    @Test func tableNeverLeavesAHeaderAlone() throws {
        let doc = ReportDocument(settings: DocumentSettings(title: "T").reproducible)
        try doc.addParagraph("x")
        _ = try doc.reserve(height: doc.remainingHeight - 30)
        try doc.addTable(Table(caption: "Alone?", columns: [TableColumn("a")], rows: [["1"], ["2"]]))
        #expect(doc.pageCount == 2)
        let dir = try PDFTools.temporaryDirectory("alone")
        let path = try PDFTools.write(try doc.render(), to: dir, name: "t.pdf")
        #expect(!(try PDFTools.text(path, page: 1).contains("Alone?")))
        #expect(try PDFTools.text(path, page: 2).contains("Alone?"))
    }
}
