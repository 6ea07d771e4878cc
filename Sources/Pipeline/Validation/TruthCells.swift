import Foundation
import Tabular
import TissueAnalysis

/// The per-cell truth of a simulated slide (`truth/slides/<slide>_cells.tsv` of `tme cohort simulate`):
/// centre in level-0 pixels, class (tumor, lymphocyte, macrophage, stroma) and marker flags.
public struct TruthCell: Sendable, Hashable {
    public var xPixels: Double, yPixels: Double
    public var cellClass: CellClass
    public var pdl1: Bool, cd8: Bool, cd68: Bool

    /// Reads a truth TSV (through `Tabular.DelimitedReader`); needs the columns x_px, y_px and class; pdl1, cd8 and
    /// cd68 are read when present (false otherwise). Throws `QuantifyError.invalidTruth` naming the file and line,
    /// `Tabular.TabularError` when the text is malformed.
    public static func load(path: String) throws -> [TruthCell] {
        let name = URL(fileURLWithPath: path).lastPathComponent
        guard FileManager.default.isReadableFile(atPath: path) else {
            throw QuantifyError.invalidTruth(file: name, line: 0, expected: "a readable truth cells TSV")
        }
        struct Columns { var x, y, cls: Int; var pdl1, cd8, cd68: Int? }
        var columns: Columns?
        var cells: [TruthCell] = []
        try CompressedTextFile(path: path).forEachRecord(format: .unquotedTSV, source: name) { f in
            guard let c = columns else {
                let header = f.texts
                func column(_ c: String) throws -> Int {
                    guard let i = header.firstIndex(of: c) else {
                        throw QuantifyError.invalidTruth(file: name, line: f.line, expected: "a column \(c)")
                    }
                    return i
                }
                columns = Columns(x: try column("x_px"), y: try column("y_px"), cls: try column("class"),
                                  pdl1: header.firstIndex(of: "pdl1"), cd8: header.firstIndex(of: "cd8"),
                                  cd68: header.firstIndex(of: "cd68"))
                return
            }
            func flag(_ i: Int?) -> Bool { i.map { f[$0].equals("1") } ?? false }
            guard let x = f[c.x].double, let y = f[c.y].double, let cls = CellClass(rawValue: f[c.cls].text) else {
                throw QuantifyError.invalidTruth(file: name, line: f.line, expected: "x_px, y_px numbers and a cell class")
            }
            cells.append(TruthCell(xPixels: x, yPixels: y, cellClass: cls, pdl1: flag(c.pdl1), cd8: flag(c.cd8), cd68: flag(c.cd68)))
        }
        guard columns != nil else { throw QuantifyError.invalidTruth(file: name, line: 1, expected: "a header line") }
        return cells
    }
}

/// A detected cell reduced to what validation compares: level-0 centre, class, DAB call.
public struct DetectedCell: Sendable, Hashable {
    public var xPixels: Double, yPixels: Double
    public var cellClass: CellClass
    public var dabPositive: Bool?

    public init(_ cell: Cell, downsample: Double) {
        xPixels = cell.nucleus.xPixels * downsample
        yPixels = cell.nucleus.yPixels * downsample
        cellClass = cell.cellClass
        dabPositive = cell.dabPositive
    }
}
