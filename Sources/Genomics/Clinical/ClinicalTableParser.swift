import Tabular

/// Streaming reader of clinical and outcome tables (TSV or CSV) through a declared ``ClinicalColumnMap``.
///
/// Records come from a `DelimitedReader`, which skips lines starting with `#` — cBioPortal's four
/// attribute-header lines (display names, descriptions, datatypes, priorities) — and checks field
/// counts and encoding. The first record is the header; every
/// column the map declares must be in it, other columns are ignored. Validation per row:
/// - patient id (and sample id for sample tables) non-empty; the table's key (sample id if declared,
///   else patient id) unique — identifiers are never echoed in messages, only their line;
/// - age a number in 0…130; ECOG an integer 0…5; line of therapy an integer ≥ 1;
/// - sex female/male/other/unknown (F/M, capitalised forms accepted);
/// - best response CR/PR/SD/PD/NE (spelled-out forms accepted);
/// - survival times numbers ≥ 0 (months); status values `1:DECEASED`, `0:LIVING`, 1/0, dead/alive …
///   (``EventStatus``); a status without a time, or a time without a status, is an error;
/// - MSI status MSI-H/MSI-L/MSS (``MSIStatus``).
/// Missing values (`Tabular.MissingValue`: empty, NA, [Not Available], …) become nil.
public struct ClinicalTableParser: Sendable {
    public let source: String
    public let columns: ClinicalColumnMap
    private var positions: [String: Int]?
    private var keys: [String: Int] = [:]

    public init(source: String, columns: ClinicalColumnMap) {
        self.source = source
        self.columns = columns
    }

    /// Parses one record; a clinical record for data rows, nil for the header.
    public mutating func parse(record fields: DelimitedRecord) throws -> ClinicalRecord? {
        let loc = SourceLocation(fields)
        guard let positions else {
            let header = try TableHeader(fields)
            var map: [String: Int] = [:]
            for (field, column) in columns.declared {
                map[field] = try header.require(column, at: loc, requiredBy: "the declared column map")
            }
            self.positions = map
            return nil
        }
        let row = Row(fields: fields, positions: positions, columns: columns, loc: loc)
        let record = try row.record()
        let key = record.sampleId ?? record.patientId
        if let first = keys[key] {
            throw GenomicsError.duplicateKey(loc, column: columns.sampleId ?? columns.patientId, firstLine: first)
        }
        keys[key] = loc.line
        return record
    }

    /// Throws when no header was seen.
    public func finish() throws {
        if positions == nil { throw GenomicsError.missingHeader(source: source) }
    }

    /// Parses a whole sequence of lines (numbered from 1).
    public static func parseAll<S: Sequence>(lines: S, source: String, columns: ClinicalColumnMap,
                                             format: DelimitedFormat = .tsv) throws -> [ClinicalRecord]
    where S.Element == String {
        var parser = ClinicalTableParser(source: source, columns: columns)
        var records: [ClinicalRecord] = []
        try GenomicsError.readLines(lines, source: source, format: format) {
            if let r = try parser.parse(record: $0) { records.append(r) }
        }
        try parser.finish()
        return records
    }
}

// MARK: - Field conversion

private struct Row {
    let fields: DelimitedRecord
    let positions: [String: Int]
    let columns: ClinicalColumnMap
    let loc: SourceLocation

    func record() throws -> ClinicalRecord {
        var r = try baseRecord()
        r.sequenced = try sequenced()
        return r
    }

    private func sequenced() throws -> Bool? {
        guard let column = columns.sequenced, let v = raw("sequenced") else { return nil }
        switch v.lowercased() {
        case "true", "yes", "1", "y", "t": return true
        case "false", "no", "0", "n", "f": return false
        default:
            throw GenomicsError.invalidValue(loc, column: column, value: String(v), expected: "true or false (yes/no, 1/0)", hint: nil)
        }
    }

    private func baseRecord() throws -> ClinicalRecord {
        ClinicalRecord(
            patientId: try identifier("patientId", columns.patientId)!,
            sampleId: try columns.sampleId.map { try identifier("sampleId", $0)! },
            ageYears: try number("age", columns.age, range: 0...130, expected: "an age in years within 0…130"),
            sex: try sex(), tumorType: text("tumorType"), stage: text("stage"), histology: text("histology"),
            priorTherapy: text("priorTherapy"),
            ecog: try integer("ecog", columns.ecog, range: 0...5, expected: "an ECOG status 0…5"),
            lineOfTherapy: try integer("lineOfTherapy", columns.lineOfTherapy, range: 1...99,
                                       expected: "a line of therapy ≥ 1"),
            bestResponse: try response(),
            overallSurvival: try survival(time: ("osMonths", columns.osMonths), status: ("osStatus", columns.osStatus)),
            progressionFreeSurvival: try survival(time: ("pfsMonths", columns.pfsMonths),
                                                  status: ("pfsStatus", columns.pfsStatus)),
            msiStatus: try msi(), genomeBuild: text("genomeBuild"), sourceLine: loc.line)
    }

    private func raw(_ field: String) -> String? {
        guard let i = positions[field] else { return nil }
        return fields[i].value
    }

    private func text(_ field: String) -> String? { raw(field) }

    private func identifier(_ field: String, _ column: String) throws -> String? {
        guard let v = raw(field) else { throw GenomicsError.emptyValue(loc, column: column) }
        return String(v)
    }

    private func number(_ field: String, _ column: String?, range: ClosedRange<Double>, expected: String) throws -> Double? {
        guard let column, let v = raw(field) else { return nil }
        guard let x = Double(v), x.isFinite, range.contains(x) else {
            throw GenomicsError.invalidValue(loc, column: column, value: String(v), expected: expected, hint: nil)
        }
        return x
    }

    private func integer(_ field: String, _ column: String?, range: ClosedRange<Int>, expected: String) throws -> Int? {
        guard let column, let v = raw(field) else { return nil }
        let n = Int(v) ?? Double(v).flatMap { $0 == $0.rounded() && abs($0) < 1e9 ? Int($0) : nil }
        guard let n, range.contains(n) else {
            throw GenomicsError.invalidValue(loc, column: column, value: String(v), expected: expected, hint: nil)
        }
        return n
    }

    private func sex() throws -> Sex? {
        guard let column = columns.sex, let v = raw("sex") else { return nil }
        guard let s = Sex(clinicalValue: v) else {
            throw GenomicsError.invalidValue(loc, column: column, value: String(v),
                                             expected: "a sex (female, male, other, unknown)", hint: nil)
        }
        return s
    }

    private func response() throws -> BestResponse? {
        guard let column = columns.bestResponse, let v = raw("bestResponse") else { return nil }
        guard let r = BestResponse(clinicalValue: v) else {
            throw GenomicsError.invalidValue(loc, column: column, value: String(v),
                                             expected: "a RECIST best response (CR, PR, SD, PD, NE)", hint: nil)
        }
        return r
    }

    private func msi() throws -> MSIStatus? {
        guard let column = columns.msiStatus, let v = raw("msiStatus") else { return nil }
        guard let s = MSIStatus(clinicalValue: v) else {
            throw GenomicsError.invalidValue(loc, column: column, value: String(v),
                                             expected: "an MSI status (MSI-H, MSI-L, MSS)", hint: nil)
        }
        return s
    }

    private func survival(time: (String, String?), status: (String, String?)) throws -> SurvivalTime? {
        guard let timeColumn = time.1, let statusColumn = status.1 else { return nil }
        let months = try number(time.0, timeColumn, range: 0...Double.greatestFiniteMagnitude,
                                expected: "a time in months ≥ 0")
        var event: Bool?
        if let v = raw(status.0) {
            guard let e = EventStatus.parse(v) else {
                throw GenomicsError.invalidValue(loc, column: statusColumn, value: String(v),
                                                 expected: "an event status (1:DECEASED, 0:LIVING, 1, 0, dead, alive …)",
                                                 hint: nil)
            }
            event = e
        }
        switch (months, event) {
        case (nil, nil): return nil
        case (let m?, let e?): return SurvivalTime(months: m, event: e)
        case (nil, let e?):
            throw GenomicsError.inconsistentRow(loc, message: "\(statusColumn) records \(e ? "an event" : "censoring") "
                + "but \(timeColumn) is empty; every status needs a time")
        case (_?, nil):
            throw GenomicsError.inconsistentRow(loc, message: "\(timeColumn) is given but \(statusColumn) is empty; "
                + "say whether the event happened (1) or the time is censored (0)")
        }
    }
}
