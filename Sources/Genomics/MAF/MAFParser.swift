import Tabular

/// Streaming parser for Mutation Annotation Format (MAF) records, one at a time.
///
/// Rules (GDC MAF specification 2.x; maftools `read.maf` conventions):
/// - Read with ``format`` (tab-separated, no quoting, as the spec says): lines starting with `#`
///   (e.g. `#version gdc-1.0.0`) and blank lines are skipped; every data line must have as many fields
///   as the header (the reader checks that, and the encoding).
/// - The first other line is the header. Required columns: Hugo_Symbol, Chromosome,
///   Start_Position, End_Position, Variant_Classification, Reference_Allele, Tumor_Seq_Allele2,
///   Tumor_Sample_Barcode. Optional: Entrez_Gene_Id, NCBI_Build, Variant_Type, Tumor_Seq_Allele1,
///   HGVSp_Short, t_depth, t_ref_count, t_alt_count. Any other column is ignored.
/// - Positions are integers ≥ 1 with End ≥ Start; Variant_Classification must be a MAF class
///   (case-sensitive); Variant_Type, when present, one of SNP DNP TNP ONP INS DEL; NCBI_Build must be
///   the same on every row.
///
/// The parser holds no rows: memory is bounded by one record. It never opens files; callers feed a
/// `DelimitedReader` and hand it the records.
///
/// ```swift
/// var parser = MAFParser(source: "mutations.maf")
/// var reader = DelimitedReader(source: parser.source, format: MAFParser.format)
/// try reader.push(chunk) { if let record = try parser.parse(record: $0) { use(record) } }
/// try reader.finish { if let record = try parser.parse(record: $0) { use(record) } }
/// try parser.finish()
/// ```
/// Throws ``GenomicsError`` naming `source:line`, the column, the value and what was expected.
public struct MAFParser: Sendable {
    public let source: String
    private var columns: Columns?
    private var build: (name: String, line: Int)?
    /// Number of variant rows returned so far.
    public private(set) var recordCount = 0

    /// How MAF text is written: tab-separated, `#` comments, no quoting (GDC MAF specification).
    public static let format = DelimitedFormat.unquotedTSV
    static let requiredBy = "a MAF file"
    static let variantTypes: Set<String> = ["SNP", "DNP", "TNP", "ONP", "INS", "DEL"]

    public init(source: String) {
        self.source = source
    }

    /// The header's column names, once the header has been read.
    public var headerColumns: [String]? { columns?.header.columns }

    /// Parses one record; returns a variant for a data record, nil for the header.
    public mutating func parse(record fields: DelimitedRecord) throws -> MAFRecord? {
        let location = SourceLocation(fields)
        guard let columns else {
            self.columns = try Columns(TableHeader(fields), at: location)
            return nil
        }
        let record = try columns.record(fields, at: location)
        if let name = record.ncbiBuild {
            if let build {
                if build.name != name {
                    throw GenomicsError.mixedGenomeBuilds(location, first: build.name, firstLine: build.line, found: name)
                }
            } else {
                build = (name, location.line)
            }
        }
        recordCount += 1
        return record
    }

    /// Call at the end of the input: throws ``GenomicsError/missingHeader(source:)`` when no header was seen.
    public func finish() throws {
        if columns == nil { throw GenomicsError.missingHeader(source: source) }
    }

    /// Parses a whole sequence of lines (numbered from 1) into records. Convenient for small inputs.
    public static func parseAll<S: Sequence>(lines: S, source: String) throws -> [MAFRecord] where S.Element == String {
        var parser = MAFParser(source: source)
        var records: [MAFRecord] = []
        try GenomicsError.readLines(lines, source: source, format: format) {
            if let record = try parser.parse(record: $0) { records.append(record) }
        }
        try parser.finish()
        return records
    }
}

// MARK: - Column positions and field conversion

extension MAFParser {
    struct Columns: Sendable {
        let header: TableHeader
        let hugo, chromosome, start, end, classification, reference, allele2, sample: Int
        let entrez, build, variantType, allele1, hgvsp, depth, refCount, altCount: Int?

        init(_ header: TableHeader, at location: SourceLocation) throws {
            func req(_ name: String) throws -> Int { try header.require(name, at: location, requiredBy: MAFParser.requiredBy) }
            self.header = header
            hugo = try req("Hugo_Symbol")
            chromosome = try req("Chromosome")
            start = try req("Start_Position")
            end = try req("End_Position")
            classification = try req("Variant_Classification")
            reference = try req("Reference_Allele")
            allele2 = try req("Tumor_Seq_Allele2")
            sample = try req("Tumor_Sample_Barcode")
            entrez = header.index(of: "Entrez_Gene_Id")
            build = header.index(of: "NCBI_Build")
            variantType = header.index(of: "Variant_Type")
            allele1 = header.index(of: "Tumor_Seq_Allele1")
            hgvsp = header.index(of: "HGVSp_Short")
            depth = header.index(of: "t_depth")
            refCount = header.index(of: "t_ref_count")
            altCount = header.index(of: "t_alt_count")
        }

        func record(_ f: DelimitedRecord, at loc: SourceLocation) throws -> MAFRecord {
            let startPosition = try position(f, start, loc)
            let endPosition = try position(f, end, loc)
            guard endPosition >= startPosition else {
                throw GenomicsError.invalidValue(loc, column: "End_Position", value: f[end].rawText,
                                                 expected: "≥ Start_Position (\(startPosition))", hint: nil)
            }
            let rawClass = f[classification].text
            guard let vc = MAFVariantClassification(mafValue: rawClass) else {
                if rawClass.isEmpty { throw GenomicsError.emptyValue(loc, column: "Variant_Classification") }
                let hint = MAFVariantClassification.suggestion(for: rawClass).map { "did you mean \($0.rawValue)?" }
                throw GenomicsError.invalidValue(loc, column: "Variant_Classification", value: rawClass,
                                                 expected: "a MAF class", hint: hint)
            }
            var vtype: String?
            if let variantType, let t = optional(f, variantType) {
                guard MAFParser.variantTypes.contains(t) else {
                    throw GenomicsError.invalidValue(loc, column: "Variant_Type", value: t,
                                                     expected: "a MAF variant type (SNP DNP TNP ONP INS DEL)", hint: nil)
                }
                vtype = t
            }
            return MAFRecord(
                hugoSymbol: try required(f, hugo, "Hugo_Symbol", loc),
                entrezGeneId: try integer(f, entrez, "Entrez_Gene_Id", loc),
                ncbiBuild: build.flatMap { optional(f, $0) },
                chromosome: try required(f, chromosome, "Chromosome", loc),
                startPosition: startPosition, endPosition: endPosition,
                variantClassification: vc, variantType: vtype,
                referenceAllele: try required(f, reference, "Reference_Allele", loc),
                tumorSeqAllele1: allele1.flatMap { optional(f, $0) },
                tumorSeqAllele2: try required(f, allele2, "Tumor_Seq_Allele2", loc),
                tumorSampleBarcode: try required(f, sample, "Tumor_Sample_Barcode", loc),
                hgvspShort: hgvsp.flatMap { optional(f, $0) },
                tumorDepth: try integer(f, depth, "t_depth", loc),
                tumorRefCount: try integer(f, refCount, "t_ref_count", loc),
                tumorAltCount: try integer(f, altCount, "t_alt_count", loc),
                sourceLine: loc.line)
        }

        private func required(_ f: DelimitedRecord, _ i: Int, _ name: String, _ loc: SourceLocation) throws -> String {
            let v = f[i].text
            guard !v.isEmpty else { throw GenomicsError.emptyValue(loc, column: name) }
            return v
        }

        private func optional(_ f: DelimitedRecord, _ i: Int) -> String? {
            f[i].value
        }

        private func position(_ f: DelimitedRecord, _ i: Int, _ loc: SourceLocation) throws -> Int {
            let name = header.columns[i]
            let v = f[i].trimmed
            guard !v.isBlank else { throw GenomicsError.emptyValue(loc, column: name) }
            guard let n = v.int, n >= 1 else {
                throw GenomicsError.invalidValue(loc, column: name, value: v.text, expected: "a positive integer", hint: nil)
            }
            return n
        }

        private func integer(_ f: DelimitedRecord, _ i: Int?, _ name: String, _ loc: SourceLocation) throws -> Int? {
            guard let i, let v = optional(f, i) else { return nil }
            guard let n = Int(v), n >= 0 else {
                throw GenomicsError.invalidValue(loc, column: name, value: v, expected: "a non-negative integer", hint: nil)
            }
            return n
        }
    }
}
