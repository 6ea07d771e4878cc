import Foundation

/// Page geometry, running header/footer and PDF metadata of one report.
public struct DocumentSettings: Sendable, Hashable, Codable {
    public var pageSize: PageSize
    public var margins: Margins
    /// Running header, left (e.g. "TMEScope patient report"). Also the PDF title.
    public var title: String
    /// Running header, right (e.g. the cohort name). Empty for none.
    public var headerRight: String
    /// Extra footer text after the research-use notice (e.g. "Generated … · model …"); empty for none.
    /// The notice itself is always printed and cannot be replaced.
    public var footerNote: String
    public var author: String
    public var subject: String
    public var creator: String
    /// PDF creation date. nil: the time of rendering. Set it (see `reproducible`) for
    /// byte-identical output.
    public var creationDate: Date?

    public static let researchUseNotice = "Research use only — not for clinical decisions"
    /// The fixed creation date used by reproducible documents: 2000-01-01T00:00:00Z.
    public static let reproducibleDate = Date(timeIntervalSince1970: 946_684_800)

    public init(pageSize: PageSize = .a4, margins: Margins = .standard, title: String,
                headerRight: String = "", footerNote: String = "",
                author: String = "TMEScope", subject: String = "", creator: String = "TMEScope",
                creationDate: Date? = nil) {
        self.pageSize = pageSize; self.margins = margins; self.title = title
        self.headerRight = headerRight; self.footerNote = footerNote; self.author = author
        self.subject = subject; self.creator = creator; self.creationDate = creationDate
    }

    /// These settings with the fixed creation date, so two renders give the same bytes.
    public var reproducible: DocumentSettings {
        var copy = self
        copy.creationDate = DocumentSettings.reproducibleDate
        return copy
    }

    /// The content area: the page minus the margins.
    public var contentRect: Rect {
        Rect(x: margins.left, y: margins.top,
             width: pageSize.widthPoints - margins.left - margins.right,
             height: pageSize.heightPoints - margins.top - margins.bottom)
    }

    /// `date` as the ISO 8601 form Cairo's PDF metadata wants: `YYYY-MM-DDThh:mm:ssZ` (UTC).
    static func pdfDateString(_ date: Date) -> String {
        var seconds = time_t(date.timeIntervalSince1970.rounded(.down))
        var parts = tm()
        gmtime_r(&seconds, &parts)
        return String(format: "%04d-%02d-%02dT%02d:%02d:%02dZ", Int(parts.tm_year) + 1900, Int(parts.tm_mon) + 1,
                      Int(parts.tm_mday), Int(parts.tm_hour), Int(parts.tm_min), Int(parts.tm_sec))
    }
}
