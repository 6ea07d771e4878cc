import Testing
import Tabular

/// Reads `bytes` whole and returns every record's untrimmed field texts and line numbers.
func records(_ bytes: [UInt8], format: DelimitedFormat = .csv, source: String = "t.csv",
             chunk: Int? = nil) throws -> [(line: Int, fields: [String])] {
    var out: [(Int, [String])] = []
    var reader = DelimitedReader(source: source, format: format)
    let body: (DelimitedRecord) throws -> Void = { r in out.append((r.line, (0..<r.count).map { r[$0].rawText })) }
    if let chunk {
        for start in stride(from: 0, to: bytes.count, by: chunk) {
            try reader.push(bytes[start..<min(start + chunk, bytes.count)], body)
        }
    } else {
        try reader.push(bytes, body)
    }
    try reader.finish(body)
    return out
}

func records(_ text: String, format: DelimitedFormat = .csv, source: String = "t.csv",
             chunk: Int? = nil) throws -> [(line: Int, fields: [String])] {
    try records(Array(text.utf8), format: format, source: source, chunk: chunk)
}

/// The error `text` raises.
func error(_ bytes: [UInt8], format: DelimitedFormat = .csv, source: String = "t.csv") -> TabularError? {
    do { _ = try records(bytes, format: format, source: source); return nil } catch let e as TabularError { return e } catch {
        Issue.record("unexpected \(error)"); return nil
    }
}

@Suite struct DelimitedReaderTests {
    @Test func docCommentExample() throws {
        var reader = DelimitedReader(source: "t.csv", format: .csv)
        var rows: [[String]] = []
        try reader.push(Array("\u{FEFF}id,name\r\n# note\n1,\"a, b\"\n".utf8)) { rows.append($0.texts) }
        try reader.finish { rows.append($0.texts) }
        #expect(rows == [["id", "name"], ["1", "a, b"]])
    }

    @Test func byteOrderMarkIsDroppedOnlyAtTheStart() throws {
        let r = try records("\u{FEFF}a,b\n1,\u{FEFF}x\n")
        #expect(r.map(\.fields) == [["a", "b"], ["1", "\u{FEFF}x"]])
        // A BOM split across chunks is still recognised.
        let split = try records("\u{FEFF}a,b\n1,2\n", chunk: 1)
        #expect(split.map(\.fields) == [["a", "b"], ["1", "2"]])
        #expect(split.map(\.line) == [1, 2])
    }

    @Test func crlfLineEndsAreDropped() throws {
        let r = try records("a,b\r\n1,2\r\n\"q\",\"r\"\r\n3,4", chunk: 2)
        #expect(r.map(\.fields) == [["a", "b"], ["1", "2"], ["q", "r"], ["3", "4"]])
        #expect(r.map(\.line) == [1, 2, 3, 4])
    }

    @Test func quotedFieldsHoldDelimitersQuotesAndNewlines() throws {
        let text = "id,note,n\n1,\"a, b\",2\n2,\"say \"\"hi\"\"\",3\n3,\"two\nlines\",4\n4,x\"y,5\n5,\"\",6\n"
        for chunk in [nil, 1, 3, 7] {
            let r = try records(text, chunk: chunk)
            #expect(r.map(\.fields) == [["id", "note", "n"], ["1", "a, b", "2"], ["2", "say \"hi\"", "3"],
                                        ["3", "two\nlines", "4"], ["4", "x\"y", "5"], ["5", "", "6"]])
            // The record after a two-line field starts on line 6.
            #expect(r.map(\.line) == [1, 2, 3, 4, 6, 7])
        }
    }

    @Test func unquotedFormatKeepsQuotes() throws {
        let r = try records("a\tb\n\"x\t\"y\"\n", format: .unquotedTSV)
        #expect(r.map(\.fields) == [["a", "b"], ["\"x", "\"y\""]])
    }

    @Test func commentAndBlankLinesAreSkippedButCounted() throws {
        let r = try records("#version 2\n\na\tb\n  \n# x\t\"unclosed\n1\t2\n", format: .tsv, chunk: 4)
        #expect(r.map(\.fields) == [["a", "b"], ["1", "2"]])
        #expect(r.map(\.line) == [3, 6])
    }

    @Test func automaticDelimiterFollowsTheHeader() throws {
        #expect(try records("a\tb,c\n1\t2,3\n", format: .automatic).map(\.fields) == [["a", "b,c"], ["1", "2,3"]])
        #expect(try records("a,b\n1,2\n", format: .automatic, chunk: 1).map(\.fields) == [["a", "b"], ["1", "2"]])
    }

    @Test func lastRecordWithoutNewlineAndTrailingEmptyField() throws {
        #expect(try records("a,b,c\n1,2,").map(\.fields) == [["a", "b", "c"], ["1", "2", ""]])
    }

    @Test func missingValueTokens() throws {
        var missing: [Bool] = []
        try DelimitedReader.read(Array("v\nNA\n na \nNaN\nnull\n.\n[Not Available]\n\"\"\n0\nNAME\nn/a\n".utf8), source: "m", format: .csv) {
            if !$0.isHeader { missing.append($0[0].isMissing) }
        }
        #expect(missing == [true, true, true, true, true, true, true, false, false, true])
        #expect(MissingValue.isMissing("Unknown") && !MissingValue.isMissing("unknowns"))
    }

    @Test func numbersMatchTheStandardLibrary() throws {
        let texts = ["0", "-0", "1", "+2", "1.5", "-3.25", ".5", "1.", "1e5", "1E-5", "2.5e+3", "0.1", "0.3",
                     "123456789012345678", "1234567890123456789012", "1e300", "4.9e-324", "1e400", "inf", "-infinity",
                     "nan", "0x1p3", "1e", "e5", "", "-", ".", "1.2.3", "12a", "9007199254740993", "0.000001234"]
        let text = "v\n" + texts.map { "\"\($0)\"" }.joined(separator: "\n") + "\n"
        var parsed: [Double?] = []
        try DelimitedReader.read(Array(text.utf8), source: "n", format: .csv) { if !$0.isHeader { parsed.append($0[0].double) } }
        #expect(parsed.count == texts.count)
        for (t, v) in zip(texts, parsed) {
            let expected = Double(t)
            #expect(v?.bitPattern == expected?.bitPattern || (v?.isNaN == true && expected?.isNaN == true), "\(t)")
        }
        var ints: [Int?] = []
        try DelimitedReader.read(Array("v\n42\n-7\n+3\n1.0\n99999999999999999999\n\n".utf8), source: "i", format: .csv) {
            if !$0.isHeader { ints.append($0[0].int) }
        }
        #expect(ints == [42, -7, 3, nil, nil])
    }

    @Test func oneRecordHelperSplitsArguments() throws {
        #expect(try DelimitedReader.fields(of: "age, \"sex, coded\",ecog") == ["age", "sex, coded", "ecog"])
    }
}

@Suite struct DelimitedReaderErrorTests {
    @Test func latin1ByteNamesLineColumnAndHex() {
        // "Café" in Latin-1: é is the single byte E9.
        let bytes = Array("id\tname\n1\tCaf".utf8) + [0xE9] + Array("\tx\n".utf8)
        let e = error(bytes, format: .tsv, source: "clinical.tsv")
        #expect(e == .invalidUTF8(TextLocation(source: "clinical.tsv", line: 2, column: 6), bytes: [0xE9]))
        #expect(e?.description == "clinical.tsv:2:6: invalid UTF-8 (bytes E9); save the file as UTF-8 "
                + "(Latin-1 or Windows-1252 text must be converted)")
    }

    @Test func columnsCountCharactersNotBytes() {
        // "é" (2 bytes in UTF-8) before a truncated 3-byte sequence E2 82 (no third byte).
        let bytes = Array("a,b\né,x".utf8) + [0xE2, 0x82] + Array("\n".utf8)
        #expect(error(bytes) == .invalidUTF8(TextLocation(source: "t.csv", line: 2, column: 4), bytes: [0xE2, 0x82]))
        // Overlong and surrogate encodings are rejected.
        #expect(error(Array("a\n".utf8) + [0xC0, 0xAF] + [0x0A]) == .invalidUTF8(TextLocation(source: "t.csv", line: 2, column: 1), bytes: [0xC0]))
        #expect(error(Array("a\n".utf8) + [0xED, 0xA0, 0x80] + [0x0A]) == .invalidUTF8(TextLocation(source: "t.csv", line: 2, column: 1), bytes: [0xED]))
    }

    @Test func nulByteIsAnError() {
        let bytes = Array("a,b\n12345678,x".utf8) + [0] + Array("y\n".utf8)
        let e = error(bytes)
        #expect(e == .nulByte(TextLocation(source: "t.csv", line: 2, column: 11)))
        #expect(e?.description == "t.csv:2:11: NUL byte (00); expected UTF-8 text, not a binary or UTF-16 file")
    }

    @Test func invalidByteInsideAMultiLineFieldNamesItsOwnLine() {
        let bytes = Array("a,b\n1,\"x\ny".utf8) + [0xFF] + Array("\"\n".utf8)
        #expect(error(bytes) == .invalidUTF8(TextLocation(source: "t.csv", line: 3, column: 2), bytes: [0xFF]))
    }

    @Test func raggedRowsNameWhereTheyGoWrong() {
        let short = error(Array("a,b,c\n1,2,3\n4,5\n".utf8), source: "r.csv")
        #expect(short == .fieldCount(TextLocation(source: "r.csv", line: 3, column: 4), found: 2, expected: 3))
        #expect(short?.description == "r.csv:3:4: line has 2 fields but the header has 3; check for missing or extra separators")
        let long = error(Array("a\tb\n1\t2\t3\n".utf8), format: .tsv, source: "r.tsv")
        #expect(long == .fieldCount(TextLocation(source: "r.tsv", line: 2, column: 5), found: 3, expected: 2))
    }

    @Test func unterminatedQuoteNamesTheOpeningQuote() {
        let e = error(Array("a,b\n1,\"open\n2,3\n".utf8), source: "q.csv")
        #expect(e == .unterminatedQuote(TextLocation(source: "q.csv", line: 2, column: 3)))
        #expect(e?.description.hasPrefix("q.csv:2:3: unterminated quoted field") == true)
    }

    @Test func textAfterAClosingQuote() {
        #expect(error(Array("a,b\n\"x\"y,1\n".utf8)) == .textAfterQuote(TextLocation(source: "t.csv", line: 2, column: 4)))
        // Spaces after the closing quote are allowed.
        #expect(error(Array("a,b\n\"x\"  ,1\n".utf8)) == nil)
    }

    @Test func commentLinesAreNotDecoded() throws {
        let bytes = Array("# caf".utf8) + [0xE9] + Array("\na\n1\n".utf8)
        #expect(try records(bytes).map(\.fields) == [["a"], ["1"]])
    }
}

@Suite struct NumberParsingTests {
    /// 200,000 random decimals (1–20 digits, a point anywhere, exponents −32…32) read exactly as `Double(String)`.
    @Test func randomDecimalsMatchTheStandardLibraryBitForBit() throws {
        var state: UInt64 = 2026
        func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        var texts: [String] = []
        for _ in 0..<200_000 {
            let digits = 1 + Int(next() % 20)
            var t = next() % 4 == 0 ? "-" : ""
            var body = ""
            for _ in 0..<digits { body += String(next() % 10) }
            let point = Int(next() % UInt64(digits + 1))
            if next() % 3 != 0 { body.insert(".", at: body.index(body.startIndex, offsetBy: point)) }
            t += body
            if next() % 2 == 0 { t += "e" + String(Int(next() % 65) - 32) }
            texts.append(t)
        }
        let text = "v\n" + texts.joined(separator: "\n") + "\n"
        var mismatches: [String] = []
        var k = 0
        try DelimitedReader.read(Array(text.utf8), source: "n", format: .csv) { r in
            guard !r.isHeader else { return }
            let expected = Double(texts[k])
            if r[0].double?.bitPattern != expected?.bitPattern { mismatches.append(texts[k]) }
            k += 1
        }
        #expect(k == texts.count)
        #expect(mismatches.isEmpty, "\(mismatches.prefix(5))")
    }
}
