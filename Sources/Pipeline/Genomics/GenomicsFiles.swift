import Foundation
import Genomics
import Tabular

/// File-level entry points of the Genomics stage: open a file (plain or gzip), stream its records
/// (`Tabular.DelimitedReader`) through the pure parsers of `Genomics`, and return values. Malformed
/// text is a `GenomicsError.table`. Error messages name the file by its
/// last path component, as users see it in the cohort folder.
public enum GenomicsFiles {
    /// Streams every MAF record of `path` to `body`.
    public static func forEachMAFRecord(path: String, _ body: (MAFRecord) throws -> Void) throws {
        let file = try CompressedTextFile(path: path)
        var parser = MAFParser(source: displayName(path))
        try GenomicsError.reading {
            try file.forEachRecord(format: MAFParser.format) { fields in
                if let record = try parser.parse(record: fields) { try body(record) }
            }
        }
        try parser.finish()
    }

    /// The TMB settings of `tme genomics tmb` (call `validate()` on them before use).
    public static func tmbParameters(captureMegabases: Double, highThresholdPerMegabase: Double) -> TMBParameters {
        TMBParameters(captureMegabases: captureMegabases, highThresholdPerMegabase: highThresholdPerMegabase)
    }

    /// Per-sample TMB of a MAF file (plain or gzip).
    public static func tmb(mafPath: String, parameters: TMBParameters) throws -> TMBReport {
        var counter = try TMBCounter(parameters: parameters)
        try forEachMAFRecord(path: mafPath) { counter.add($0) }
        return counter.report()
    }

    /// A genes × samples matrix (expression or copy number) from a TSV/CSV file (plain or gzip).
    public static func matrix(path: String, kind: GeneMatrixKind) throws -> GeneSampleMatrix {
        try matrixWithHeaderLine(path: path, kind: kind).matrix
    }

    /// The matrix and the line of its header (where sample columns are named).
    public static func matrixWithHeaderLine(path: String, kind: GeneMatrixKind) throws -> (matrix: GeneSampleMatrix, headerLine: Int) {
        let file = try CompressedTextFile(path: path)
        var parser = GeneMatrixParser(source: displayName(path), kind: kind)
        try GenomicsError.reading {
            try file.forEachRecord(format: .forFileName(path)) { try parser.consume(record: $0) }
        }
        return (try parser.finish(), parser.headerLine ?? 1)
    }

    /// Validated rows of a clinical or outcome table (TSV/CSV, plain or gzip) read through `columns`.
    public static func clinical(path: String, columns: ClinicalColumnMap) throws -> [ClinicalRecord] {
        let file = try CompressedTextFile(path: path)
        var parser = ClinicalTableParser(source: displayName(path), columns: columns)
        var records: [ClinicalRecord] = []
        try GenomicsError.reading {
            try file.forEachRecord(format: .forFileName(path)) { fields in
                if let r = try parser.parse(record: fields) { records.append(r) }
            }
        }
        try parser.finish()
        return records
    }

    static func displayName(_ path: String) -> String {
        URL(fileURLWithPath: path).lastPathComponent
    }
}

extension GenomicsFiles {
    /// Column names of the header line (the first line that is neither blank nor a `#` comment).
    /// Reads only as far as the header (and the rest of its chunk).
    public static func headerColumns(path: String) throws -> [String] {
        let file = try CompressedTextFile(path: path)
        var header: [String]?
        try GenomicsError.reading {
            try file.forEachRecord(format: .forFileName(path), until: { header != nil }) { record in
                if record.isHeader { header = record.texts }
            }
        }
        guard let header else { throw GenomicsError.missingHeader(source: displayName(path)) }
        return header
    }
}
