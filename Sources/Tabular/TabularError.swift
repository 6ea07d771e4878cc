/// Where in a text input something was found: its name (usually the file name), a 1-based line and a
/// 1-based column counted in characters (Unicode scalars), as editors show them.
public struct TextLocation: Sendable, Hashable, Codable, CustomStringConvertible {
    public var source: String
    public var line: Int
    public var column: Int

    public init(source: String, line: Int, column: Int) {
        self.source = source
        self.line = line
        self.column = column
    }

    /// `file:line:column`, the form compilers and editors understand.
    public var description: String { "\(source):\(line):\(column)" }
}

/// Why delimited text could not be read. Messages say where, what is wrong and what to do; they never
/// echo field values (which may identify patients), only the offending bytes of an encoding error.
public enum TabularError: Error, Sendable, Hashable, CustomStringConvertible {
    /// Bytes that are not UTF-8 (e.g. Latin-1 "é" = E9); `bytes` is the invalid sequence.
    case invalidUTF8(TextLocation, bytes: [UInt8])
    /// A NUL byte (binary or UTF-16 input).
    case nulByte(TextLocation)
    /// A quoted field is still open at the end of the input; the location is its opening quote.
    case unterminatedQuote(TextLocation)
    /// Something other than a delimiter or the end of the line follows a closing quote.
    case textAfterQuote(TextLocation)
    /// A record has another number of fields than the header. The location is where the first extra
    /// field starts, or the end of the record when fields are missing.
    case fieldCount(TextLocation, found: Int, expected: Int)

    public var location: TextLocation {
        switch self {
        case .invalidUTF8(let l, _), .nulByte(let l), .unterminatedQuote(let l), .textAfterQuote(let l),
             .fieldCount(let l, _, _):
            return l
        }
    }

    public var description: String {
        switch self {
        case .invalidUTF8(let l, let bytes):
            let hex = bytes.map { String($0, radix: 16, uppercase: true).leftPadded(to: 2) }.joined(separator: " ")
            return "\(l): invalid UTF-8 (bytes \(hex)); save the file as UTF-8 (Latin-1 or Windows-1252 text must be converted)"
        case .nulByte(let l):
            return "\(l): NUL byte (00); expected UTF-8 text, not a binary or UTF-16 file"
        case .unterminatedQuote(let l):
            return "\(l): unterminated quoted field; close the quote or double a quote inside the field (\"\")"
        case .textAfterQuote(let l):
            return "\(l): text after a closing quote; quote the whole field and write a quote inside it as \"\""
        case .fieldCount(let l, let found, let expected):
            return "\(l): line has \(found) fields but the header has \(expected); check for missing or extra separators"
        }
    }
}

extension String {
    func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}
