/// Streaming parser for Mutation Annotation Format (MAF) text, one line at a time.
///
/// Rules (GDC MAF specification 2.x; maftools `read.maf` conventions):
/// - Lines starting with `#` (e.g. `#version gdc-1.0.0`) and blank lines are skipped.
/// - The first other line is the tab-separated header. Required columns: Hugo_Symbol, Chromosome,
///   Start_Position, End_Position, Variant_Classification, Reference_Allele, Tumor_Seq_Allele2,
///   Tumor_Sample_Barcode. Optional: Entrez_Gene_Id, NCBI_Build, Variant_Type, Tumor_Seq_Allele1,
///   HGVSp_Short, t_depth, t_ref_count, t_alt_count. Any other column is ignored.
/// - Every data line must have as many fields as the header.
/// - Positions are integers ≥ 1 with End ≥ Start; Variant_Classification must be a MAF class
///   (case-sensitive); Variant_Type, when present, one of SNP DNP TNP ONP INS DEL; NCBI_Build must be
///   the same on every row.
///
/// The parser holds no rows: memory is bounded by one line. It never opens files; callers hand it
/// lines (see `LineSplitter` for byte streams).
///
/// ```swift
/// var parser = MAFParser(source: "mutations.maf")
/// for (n, line) in lines.enumerated() {
///     if let record = try parser.parse(line: line, number: n + 1) { use(record) }
/// }
/// try parser.finish()
/// ```
/// Throws ``GenomicsError`` naming `source:line`, the column, the value and what was expected.
public struct MAFParser: Sendable {
    public let source: String
    private var columns: Columns?
    private var build: (name: String, line: Int)?
    /// Number of variant rows returned so far.
    public private(set) var recordCount = 0

    static let requiredBy = "a MAF file"
    static let variantTypes: Set<String> = ["SNP", "DNP", "TNP", "ONP", "INS", "DEL"]

    public init(source: String) {
        self.source = source
    }

    /// The header's column names, once the header has been read.
    public var headerColumns: [String]? { columns?.header.columns }

    /// Parses one line; returns a record for a data line, nil for comments, blank lines and the header.
    public mutating func parse(line: String, number: Int) throws -> MAFRecord? {
        if line.isEmpty || line.utf8.first == UInt8(ascii: "#") { return nil }
        let location = SourceLocation(source: source, line: number)
        let fields = DelimitedText.splitTabs(line)
        guard let columns else {
            if fields.allSatisfy({ $0.trimmingSpaces().isEmpty }) { return nil }
            self.columns = try Columns(TableHeader(fields, at: location), at: location)
            return nil
        }
        if fields.count == 1 && fields[0].trimmingSpaces().isEmpty { return nil }
        guard fields.count == columns.header.columns.count else {
            throw GenomicsError.fieldCount(location, found: fields.count, expected: columns.header.columns.count)
        }
        let record = try columns.record(fields, at: location)
        if let name = record.ncbiBuild {
            if let build {
                if build.name != name {
                    throw GenomicsError.mixedGenomeBuilds(location, first: build.name, firstLine: build.line, found: name)
                }
            } else {
                build = (name, number)
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
        for (i, line) in lines.enumerated() {
            if let record = try parser.parse(line: line, number: i + 1) { records.append(record) }
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

        func record(_ f: [Substring], at loc: SourceLocation) throws -> MAFRecord {
            let startPosition = try position(f, start, loc)
            let endPosition = try position(f, end, loc)
            guard endPosition >= startPosition else {
                throw GenomicsError.invalidValue(loc, column: "End_Position", value: String(f[end]),
                                                 expected: "≥ Start_Position (\(startPosition))", hint: nil)
            }
            let rawClass = f[classification].trimmingSpaces()
            guard let vc = MAFVariantClassification(mafValue: rawClass) else {
                if rawClass.isEmpty { throw GenomicsError.emptyValue(loc, column: "Variant_Classification") }
                let hint = MAFVariantClassification.suggestion(for: String(rawClass)).map { "did you mean \($0.rawValue)?" }
                throw GenomicsError.invalidValue(loc, column: "Variant_Classification", value: String(rawClass),
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

        private func required(_ f: [Substring], _ i: Int, _ name: String, _ loc: SourceLocation) throws -> String {
            let v = f[i].trimmingSpaces()
            guard !v.isEmpty else { throw GenomicsError.emptyValue(loc, column: name) }
            return String(v)
        }

        private func optional(_ f: [Substring], _ i: Int) -> String? {
            let v = f[i].trimmingSpaces()
            return DelimitedText.isMissing(v) || v == "." ? nil : String(v)
        }

        private func position(_ f: [Substring], _ i: Int, _ loc: SourceLocation) throws -> Int {
            let name = header.columns[i]
            let v = f[i].trimmingSpaces()
            guard !v.isEmpty else { throw GenomicsError.emptyValue(loc, column: name) }
            guard let n = Int(v), n >= 1 else {
                throw GenomicsError.invalidValue(loc, column: name, value: String(v), expected: "a positive integer", hint: nil)
            }
            return n
        }

        private func integer(_ f: [Substring], _ i: Int?, _ name: String, _ loc: SourceLocation) throws -> Int? {
            guard let i, let v = optional(f, i) else { return nil }
            guard let n = Int(v), n >= 0 else {
                throw GenomicsError.invalidValue(loc, column: name, value: v, expected: "a non-negative integer", hint: nil)
            }
            return n
        }
    }
}
