import Foundation
import TissueAnalysis

/// The per-cell truth of a simulated slide (`truth/slides/<slide>_cells.tsv` of `tme cohort simulate`):
/// centre in level-0 pixels, class (tumor, lymphocyte, macrophage, stroma) and marker flags.
public struct TruthCell: Sendable, Hashable {
    public var xPixels: Double, yPixels: Double
    public var cellClass: CellClass
    public var pdl1: Bool, cd8: Bool, cd68: Bool

    /// Reads a truth TSV; needs the columns x_px, y_px and class; pdl1, cd8 and cd68 are read when present (false
    /// otherwise). Throws `QuantifyError.invalidTruth` naming the file and line.
    public static func load(path: String) throws -> [TruthCell] {
        let name = URL(fileURLWithPath: path).lastPathComponent
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            throw QuantifyError.invalidTruth(file: name, line: 0, expected: "a readable truth cells TSV")
        }
        var lines = text.split(separator: "\n", omittingEmptySubsequences: true).makeIterator()
        guard let header = lines.next()?.split(separator: "\t").map(String.init) else {
            throw QuantifyError.invalidTruth(file: name, line: 1, expected: "a header line")
        }
        func column(_ c: String) throws -> Int {
            guard let i = header.firstIndex(of: c) else { throw QuantifyError.invalidTruth(file: name, line: 1, expected: "a column \(c)") }
            return i
        }
        let ix = try column("x_px"), iy = try column("y_px"), ic = try column("class")
        let ip = header.firstIndex(of: "pdl1"), i8 = header.firstIndex(of: "cd8"), i68 = header.firstIndex(of: "cd68")
        func flag(_ f: [Substring], _ i: Int?) -> Bool { i.map { f[$0] == "1" } ?? false }
        var cells: [TruthCell] = []
        var number = 1
        while let line = lines.next() {
            number += 1
            let f = line.split(separator: "\t", omittingEmptySubsequences: false)
            guard f.count == header.count, let x = Double(f[ix]), let y = Double(f[iy]),
                  let cls = CellClass(rawValue: String(f[ic])) else {
                throw QuantifyError.invalidTruth(file: name, line: number, expected: "\(header.count) fields: x_px, y_px numbers and a cell class")
            }
            cells.append(TruthCell(xPixels: x, yPixels: y, cellClass: cls, pdl1: flag(f, ip), cd8: flag(f, i8), cd68: flag(f, i68)))
        }
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
