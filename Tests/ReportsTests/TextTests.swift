import Testing
@testable import Reports

@Suite struct TextTests {
    @Test func sanitizingKeepsTextButDropsControls() {
        #expect(Canvas.sanitized("a\u{0}b\r\nc\td\u{7}", keepLineBreaks: true) == "a\u{FFFD}b\nc d\u{FFFD}")
        #expect(Canvas.sanitized("a\u{0}b\r\nc\td", keepLineBreaks: false) == "a\u{FFFD}b c d")
        let unsafe = "O'Brien \"x\" 100 % <b>&amp; %s %d %@ 漢字 Ελληνικά"
        #expect(Canvas.sanitized(unsafe, keepLineBreaks: true) == unsafe)
    }

    @Test func wrappingIsMeasured() throws {
        let raster = try RasterCanvas(width: 10, height: 10)
        let text = String(repeating: "biomarker panel ", count: 30)
        let single = try raster.canvas.measure(text, style: .body)
        let narrow = try raster.canvas.measure(text, style: .body, width: 100)
        let wide = try raster.canvas.measure(text, style: .body, width: 400)
        #expect(single.lineCount == 1)
        #expect(narrow.width <= 100 + 1e-6 && wide.width <= 400 + 1e-6)
        // Greedy wrapping needs at least ⌈single-line width / box width⌉ lines.
        #expect(Double(narrow.lineCount) >= (single.width / 100).rounded(.up))
        #expect(Double(narrow.lineCount) <= (single.width / 100).rounded(.up) * 1.5)
        #expect(narrow.lineCount > wide.lineCount)
        #expect(narrow.height > wide.height)
    }

    @Test func ellipsisLimitsWidthAndLines() throws {
        let raster = try RasterCanvas(width: 10, height: 10)
        let long = String(repeating: "Verylongunbrokenidentifier", count: 20)
        let one = try raster.canvas.makeLayout(long, style: TextStyle(overflow: .ellipsis), width: 80)
        #expect(one.size.lineCount == 1 && one.size.width <= 80 && one.isEllipsized)
        let two = try raster.canvas.makeLayout(long, style: TextStyle(overflow: .wrapLines(maxLines: 2)), width: 80)
        #expect(two.size.lineCount == 2 && two.isEllipsized)
        let short = try raster.canvas.makeLayout("PT-001", style: TextStyle(overflow: .ellipsis), width: 80)
        #expect(!short.isEllipsized)
        // A box only two lines high cuts wrapped text there.
        let lineHeight = try raster.canvas.measure("X", style: .body).height
        let boxed = try raster.canvas.makeLayout(long + " " + long, style: .body, width: 80, height: lineHeight * 2.2)
        #expect(boxed.size.lineCount == 2 && boxed.isEllipsized)
    }

    @Test func markupIsNotInterpreted() throws {
        let raster = try RasterCanvas(width: 10, height: 10)
        let literal = try raster.canvas.measure("<b>x</b>", style: .body)
        let x = try raster.canvas.measure("x", style: .body)
        #expect(literal.width > 5 * x.width)
        let bold = try raster.canvas.measure("Wide text", style: TextStyle(weight: .bold))
        let regular = try raster.canvas.measure("Wide text", style: .body)
        #expect(bold.width > regular.width)
    }
}
