import Tabular

/// What a genes × samples matrix holds, which decides how its values are validated.
public enum GeneMatrixKind: String, Sendable, Hashable, Codable {
    /// Expression (log2 or linear units: any finite number).
    case expression
    /// Discrete copy-number calls (GISTIC style): integers −2 (deep deletion) … 2 (amplification).
    case copyNumberCalls
    /// Copy-number log2 ratios: any finite number.
    case copyNumberLog2

    var expected: String {
        switch self {
        case .expression, .copyNumberLog2: return "a number (or NA for missing)"
        case .copyNumberCalls: return "a copy-number call -2, -1, 0, 1 or 2 (or NA)"
        }
    }
}

/// Streaming reader of a genes × samples TSV (or CSV) matrix: expression or copy number.
///
/// Layout (TMEScope and cBioPortal `data_mrna_*.txt` / `data_cna.txt`), read by a `DelimitedReader`
/// (which skips `#` lines and checks field counts and encoding): the header's first column is the gene symbol (Hugo_Symbol); annotation columns that
/// follow it and are named Entrez_Gene_Id, Cytoband, Locus ID, gene_id, Description or
/// Ensembl_Gene_Id are skipped; every other column is a sample. Each data line is one gene.
/// Missing values: `Tabular.MissingValue` (empty, NA, NaN, null, …). Errors: a gene listed twice, a
/// non-numeric value, a call outside −2…2 — each naming `source:line` and the column number.
///
/// Rows are validated as they stream; the matrix itself is held in memory (genes × samples doubles).
public struct GeneMatrixParser: Sendable {
    public let source: String
    public let kind: GeneMatrixKind
    private var header: TableHeader?
    private var sampleColumns: [Int] = []
    private var genes: [String] = []
    private var geneLines: [String: Int] = [:]
    private var values: [Double?] = []

    static let annotationColumns: Set<String> = [
        "entrez_gene_id", "cytoband", "locus id", "locus_id", "gene_id", "gene id", "description", "ensembl_gene_id",
    ]

    public init(source: String, kind: GeneMatrixKind) {
        self.source = source
        self.kind = kind
    }

    /// Line of the header record, once read.
    public private(set) var headerLine: Int?

    /// Feeds one record (the header first).
    public mutating func consume(record fields: DelimitedRecord) throws {
        let loc = SourceLocation(fields)
        guard let header else {
            let h = try TableHeader(fields)
            var firstSample = 1
            while firstSample < h.columns.count, Self.annotationColumns.contains(h.columns[firstSample].lowercased()) {
                firstSample += 1
            }
            sampleColumns = Array(firstSample..<h.columns.count)
            for i in sampleColumns where h.columns[i].isEmpty {
                throw GenomicsError.emptyValue(loc, column: "sample name of column \(i + 1)")
            }
            self.header = h
            headerLine = loc.line
            return
        }
        let gene = fields[0].text
        guard !gene.isEmpty else { throw GenomicsError.emptyValue(loc, column: header.columns[0]) }
        if let first = geneLines[gene] {
            throw GenomicsError.duplicateKey(loc, column: "gene \(gene)", firstLine: first)
        }
        geneLines[gene] = loc.line
        genes.append(gene)
        for i in sampleColumns { values.append(try parseValue(fields[i], column: i, at: loc)) }
    }

    private func parseValue(_ raw: DelimitedField, column: Int, at loc: SourceLocation) throws -> Double? {
        if raw.isMissing { return nil }
        let name = "column \(column + 1) (sample \(column - sampleColumns[0] + 1))"
        guard let v = raw.double, v.isFinite else {
            throw GenomicsError.invalidValue(loc, column: name, value: raw.text, expected: kind.expected, hint: nil)
        }
        if kind == .copyNumberCalls {
            guard v == v.rounded(), v >= -2, v <= 2 else {
                throw GenomicsError.invalidValue(loc, column: name, value: raw.text, expected: kind.expected,
                                                 hint: "log2 ratios must be read as log2 copy number, not calls")
            }
        }
        return v
    }

    /// The matrix; throws when no header or no gene row was read.
    public func finish() throws -> GeneSampleMatrix {
        guard let header else { throw GenomicsError.missingHeader(source: source) }
        guard !genes.isEmpty else { throw GenomicsError.noData(source: source, what: "gene rows") }
        return try GeneSampleMatrix(genes: genes, samples: sampleColumns.map { header.columns[$0] }, values: values)
    }

    /// Parses a whole sequence of lines (numbered from 1).
    public static func parseAll<S: Sequence>(lines: S, source: String, kind: GeneMatrixKind,
                                             format: DelimitedFormat = .tsv) throws -> GeneSampleMatrix
    where S.Element == String {
        var parser = GeneMatrixParser(source: source, kind: kind)
        try GenomicsError.readLines(lines, source: source, format: format) { try parser.consume(record: $0) }
        return try parser.finish()
    }
}
