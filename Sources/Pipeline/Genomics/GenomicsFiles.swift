import Foundation
import Genomics

/// File-level entry points of the Genomics stage: open a file (plain or gzip), stream its lines
/// through the pure parsers of `Genomics`, and return values. Error messages name the file by its
/// last path component, as users see it in the cohort folder.
public enum GenomicsFiles {
    /// Streams every MAF record of `path` to `body`.
    public static func forEachMAFRecord(path: String, _ body: (MAFRecord) throws -> Void) throws {
        let file = try CompressedTextFile(path: path)
        var parser = MAFParser(source: displayName(path))
        try file.forEachLine { line, number in
            if let record = try parser.parse(line: line, number: number) { try body(record) }
        }
        try parser.finish()
    }

    /// Per-sample TMB of a MAF file (plain or gzip).
    public static func tmb(mafPath: String, parameters: TMBParameters) throws -> TMBReport {
        var counter = try TMBCounter(parameters: parameters)
        try forEachMAFRecord(path: mafPath) { counter.add($0) }
        return counter.report()
    }

    /// A genes × samples matrix (expression or copy number) from a TSV/CSV file (plain or gzip).
    public static func matrix(path: String, kind: GeneMatrixKind) throws -> GeneSampleMatrix {
        let file = try CompressedTextFile(path: path)
        var parser = GeneMatrixParser(source: displayName(path), kind: kind, delimiter: .forFileName(path))
        try file.forEachLine { line, number in try parser.consume(line: line, number: number) }
        return try parser.finish()
    }

    /// Validated rows of a clinical or outcome table (TSV/CSV, plain or gzip) read through `columns`.
    public static func clinical(path: String, columns: ClinicalColumnMap) throws -> [ClinicalRecord] {
        let file = try CompressedTextFile(path: path)
        var parser = ClinicalTableParser(source: displayName(path), columns: columns, delimiter: .forFileName(path))
        var records: [ClinicalRecord] = []
        try file.forEachLine { line, number in
            if let r = try parser.parse(line: line, number: number) { records.append(r) }
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
    /// Reads only as far as the header.
    public static func headerColumns(path: String) throws -> [String] {
        let file = try CompressedTextFile(path: path)
        var header: [String]?
        try file.forEachLine(until: { header != nil }) { line, _ in
            guard header == nil, !line.isEmpty, !line.hasPrefix("#") else { return }
            let fields = DelimitedText.fields(line, delimiter: .forFileName(path)) ?? []
            header = fields.map { String($0).trimmingCharacters(in: .whitespaces) }
        }
        guard let header else { throw GenomicsError.missingHeader(source: displayName(path)) }
        return header
    }
}
