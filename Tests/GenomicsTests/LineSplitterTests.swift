import Testing
@testable import Genomics

@Suite struct LineSplitterTests {
    @Test func splitsAcrossChunksAndHandlesCRLF() {
        var splitter = LineSplitter()
        var lines: [(String, Int)] = []
        let bytes = Array("a\tb\r\nccc\n\nlast".utf8)
        for chunk in stride(from: 0, to: bytes.count, by: 3) {
            splitter.push(bytes[chunk..<min(chunk + 3, bytes.count)]) { lines.append(($0, $1)) }
        }
        splitter.finish { lines.append(($0, $1)) }
        #expect(lines.map(\.0) == ["a\tb", "ccc", "", "last"])
        #expect(lines.map(\.1) == [1, 2, 3, 4])
    }

    @Test func docCommentExample() {
        var splitter = LineSplitter()
        var lines: [String] = []
        splitter.push(Array("a\tb\r\nc".utf8)) { line, _ in lines.append(line) }
        splitter.finish { line, _ in lines.append(line) }
        #expect(lines == ["a\tb", "c"])
    }

    @Test func csvQuotingAndTabs() {
        #expect(DelimitedText.fields("a,\"b,c\",\"d \"\"e\"\"\",", delimiter: .comma) == ["a", "b,c", "d \"e\"", ""])
        #expect(DelimitedText.fields("a,\"b", delimiter: .comma) == nil)
        #expect(DelimitedText.fields("x\t\ty", delimiter: .tab) == ["x", "", "y"])
        #expect(Delimiter.forFileName("outcomes.CSV.gz") == .comma)
        #expect(Delimiter.forFileName("clinical.tsv") == .tab)
    }
}
