/// One column of a table: title, relative width and alignment.
public struct TableColumn: Sendable, Hashable, Codable {
    public var title: String
    /// Share of the table width relative to the other columns' weights.
    public var widthWeight: Double
    public var alignment: TextAlignment

    public init(_ title: String, widthWeight: Double = 1, alignment: TextAlignment = .left) {
        self.title = title; self.widthWeight = widthWeight; self.alignment = alignment
    }
}

/// Look of a table. Sizes in points.
public struct TableStyle: Sendable, Hashable, Codable {
    public var fontSize: Double = 8
    public var cellPadding: Double = 3
    /// Cells wrap up to this many lines and end in "…" beyond.
    public var maxLinesPerCell: Int = 3
    public var headerFill: RGBColor = Palette.headerFill
    /// Fill of every second body row; nil for none.
    public var zebraFill: RGBColor? = Palette.zebraFill
    public var ruleColor: RGBColor = RGBColor(hex: 0x9A9A9A)

    public init() {}
}

/// A table of text: a header row and body rows, laid out by `ReportDocument.addTable`, which
/// splits it across pages and repeats the header (and the caption, marked "continued").
public struct Table: Sendable, Hashable, Codable {
    public var caption: String
    public var columns: [TableColumn]
    /// Body rows; each must have one cell per column.
    public var rows: [[String]]
    public var style: TableStyle

    public init(caption: String = "", columns: [TableColumn], rows: [[String]], style: TableStyle = TableStyle()) {
        self.caption = caption; self.columns = columns; self.rows = rows; self.style = style
    }

    /// Column widths in points for a table `width` points wide.
    public func columnWidths(totalWidth width: Double) -> [Double] {
        let total = columns.reduce(0) { $0 + max($1.widthWeight, 0) }
        guard total > 0 else { return columns.map { _ in width / Double(max(columns.count, 1)) } }
        return columns.map { width * max($0.widthWeight, 0) / total }
    }

    /// Throws when there are no columns or a row has the wrong number of cells.
    public func validate() throws {
        guard !columns.isEmpty else { throw ReportError.invalidLayout(detail: "table \"\(caption.prefix(40))\" has no columns") }
        for (i, row) in rows.enumerated() where row.count != columns.count {
            throw ReportError.invalidLayout(detail: "table row \(i + 1) has \(row.count) cells; expected \(columns.count)")
        }
    }
}
