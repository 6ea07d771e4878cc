/// Field separator of a delimited text table.
public enum Delimiter: String, Sendable, Hashable, Codable, CaseIterable {
    case tab
    case comma
    /// Tab when the header line contains a tab, comma otherwise (for tables of unknown origin).
    case automatic

    /// Picks the delimiter from a file name: `.csv` (optionally `.gz`) → comma, anything else
    /// (`.tsv`, `.txt`, `.maf`) → tab.
    public static func forFileName(_ name: String) -> Delimiter {
        var base = name.lowercased()
        if base.hasSuffix(".gz") { base.removeLast(3) }
        return base.hasSuffix(".csv") ? .comma : .tab
    }

    var byte: UInt8? {
        switch self {
        case .tab: return 0x09
        case .comma: return 0x2C
        case .automatic: return nil
        }
    }
}

/// How a delimited table is written: the delimiter, whether fields may be quoted, and the comment prefix.
///
/// Every reader of the tool uses one of the presets: ``csv``, ``tsv`` (both with RFC 4180 quoting),
/// ``forFileName(_:)`` (the preset that the extension names), ``automatic`` (tab or comma chosen from the
/// header line) and ``unquotedTSV`` for formats whose specifications have no quoting (MAF, cBioPortal
/// data files), where a `"` at the start of a field is text.
public struct DelimitedFormat: Sendable, Hashable, Codable {
    public var delimiter: Delimiter
    /// Fields starting with `"` are quoted (RFC 4180): delimiters and line breaks inside are text, `""` is `"`.
    public var quoting: Bool
    /// Lines starting with this byte are comments (skipped, still counted); nil: no comments.
    public var commentPrefix: UInt8?

    public init(delimiter: Delimiter, quoting: Bool = true, commentPrefix: UInt8? = UInt8(ascii: "#")) {
        self.delimiter = delimiter
        self.quoting = quoting
        self.commentPrefix = commentPrefix
    }

    public static let csv = DelimitedFormat(delimiter: .comma)
    public static let tsv = DelimitedFormat(delimiter: .tab)
    public static let automatic = DelimitedFormat(delimiter: .automatic)
    public static let unquotedTSV = DelimitedFormat(delimiter: .tab, quoting: false)

    /// ``csv`` for `.csv` / `.csv.gz`, ``tsv`` otherwise.
    public static func forFileName(_ name: String) -> DelimitedFormat {
        Delimiter.forFileName(name) == .comma ? .csv : .tsv
    }
}
