import BiomarkerStore
import Foundation
import Genomics
import Testing
import TestSupport
@testable import Pipeline

/// Malformed cohort folders: each gives its specific error and leaves the database exactly as it was
/// (row counts and md5 of every row of every table), whether the cohort is new or already loaded.
@Suite struct IngestBadInputTests {
    struct Case: Sendable, CustomStringConvertible {
        let name: String
        let message: String
        let edit: @Sendable (CohortCopy) throws -> Void
        var parameters: IngestParameters = .small()
        var description: String { name }
    }

    static let mafRow = "KRAS\t3845\tc\tGRCh38\tchr12\t25245350\t25245350\t+\tMissense_Mutation\tSNP\tC\tC\tA\t%@\tp.G12C\t100\t30\tx"
    static let unknownRef = "names a %@ that clinical.tsv does not list; add it there or remove the row"

    static let cases: [Case] = [
        Case(name: "outcome of an unknown patient",
             message: "outcomes.tsv:7: patient_id " + unknownRef.replacingOccurrences(of: "%@", with: "patient"),
             edit: { try $0.append(to: "outcomes.tsv", "P9\tPR\t1\t5\t0\t5\t0") }),
        Case(name: "MAF row of an unknown sample, after valid rows were copied",
             message: "mutations.maf:23: Tumor_Sample_Barcode " + unknownRef.replacingOccurrences(of: "%@", with: "sample"),
             edit: { try $0.append(to: "mutations.maf", mafRow.replacingOccurrences(of: "%@", with: "S9")) }),
        Case(name: "misspelt MAF class on the last line",
             message: "mutations.maf:22: Variant_Classification \"Misense_Mutation\" is not a MAF class (did you mean Missense_Mutation?)",
             edit: { try $0.replace(in: "mutations.maf", "Missense_Mutation\tSNP\tG\tG\tA", with: "Misense_Mutation\tSNP\tG\tG\tA") }),
        Case(name: "mixed genome builds",
             message: "mutations.maf:22: NCBI_Build \"GRCh37\" differs from \"GRCh38\" at line 4; lift all variants to one build before loading",
             edit: { try $0.replace(in: "mutations.maf", "GRCh38\tchr12\t132676000\t132676000\t+\tMissense_Mutation\tSNP\tG\tG",
                                    with: "GRCh37\tchr12\t132676000\t132676000\t+\tMissense_Mutation\tSNP\tG\tG") }),
        Case(name: "MAF row with too few fields",
             message: "mutations.maf:23:12: line has 3 fields but the header has 18; check for missing or extra separators",
             edit: { try $0.append(to: "mutations.maf", "KRAS\t3845\tc") }),
        Case(name: "MAF without Tumor_Sample_Barcode",
             message: "mutations.maf:3: header has no Tumor_Sample_Barcode column, which a MAF file requires",
             edit: { try $0.replace(in: "mutations.maf", "\tTumor_Sample_Barcode\t", with: "\tSample_Barcode\t") }),
        Case(name: "negative survival time",
             message: "outcomes.tsv:4: os_months \"-30\" is not a time in months ≥ 0",
             edit: { try $0.replace(in: "outcomes.tsv", "P3\tCR\t1\t30", with: "P3\tCR\t1\t-30") }),
        Case(name: "event without a time",
             message: "outcomes.tsv:5: os_event records an event but os_months is empty; every status needs a time",
             edit: { try $0.replace(in: "outcomes.tsv", "P4\tNE\tNA\t3.5\t1", with: "P4\tNE\tNA\t\t1") }),
        Case(name: "unknown best response",
             message: "outcomes.tsv:2: best_response \"PRR\" is not a RECIST best response (CR, PR, SD, PD, NE)",
             edit: { try $0.replace(in: "outcomes.tsv", "P1\tPR\t", with: "P1\tPRR\t") }),
        Case(name: "non-numeric expression",
             message: "expression.tsv:2: column 3 (sample 1) \"high\" is not a number (or NA for missing)",
             edit: { try $0.replace(in: "expression.tsv", "CCL5\t1000\t1.0", with: "CCL5\t1000\thigh") }),
        Case(name: "expression column of an unknown sample",
             message: "expression.tsv:1: sample column 5 " + unknownRef.replacingOccurrences(of: "%@", with: "sample"),
             edit: { try $0.replace(in: "expression.tsv", "\tS4\tS5\n", with: "\tS4\tS9\n") }),
        Case(name: "duplicate gene in expression",
             message: "expression.tsv:24: duplicate gene CD8A (first seen at line 6); each must appear once",
             edit: { try $0.append(to: "expression.tsv", "CD8A\t9\t1\t2\t3\t4\t5") }),
        Case(name: "copy-number call out of range",
             message: "cnv.tsv:3: column 2 (sample 1) \"3\" is not a copy-number call -2, -1, 0, 1 or 2 (or NA) "
                + "(log2 ratios must be read as log2 copy number, not calls)",
             edit: { try $0.replace(in: "cnv.tsv", "MYC\t2", with: "MYC\t3") }),
        Case(name: "duplicate sample id",
             message: "clinical.tsv:7: duplicate sample_id (first seen at line 2); each must appear once",
             edit: { try $0.append(to: "clinical.tsv", "P6\tS1\t50\tMale\tNSCLC\tLung\tadeno\tIV\t1\t1\tnone\tMSS") }),
        Case(name: "one patient's rows disagree",
             message: "clinical.tsv:7: patient-level values differ from the same patient's earlier row",
             edit: { try $0.append(to: "clinical.tsv", "P1\tS6\t64\tMale\tNSCLC\tLung\tadenocarcinoma\tIV\t1\t1\tnone\tMSS") }),
        Case(name: "ECOG out of range",
             message: "clinical.tsv:4: ecog \"7\" is not an ECOG status 0…5",
             edit: { try $0.replace(in: "clinical.tsv", "\tIV\t2\t1\tnone", with: "\tIV\t7\t1\tnone") }),
        Case(name: "unknown sex",
             message: "clinical.tsv:4: sex \"F3male\" is not a sex (female, male, other, unknown)",
             edit: { try $0.replace(in: "clinical.tsv", "Female\tmelanoma", with: "F3male\tmelanoma") }),
        Case(name: "slide with an unknown stain",
             message: "slides.tsv:4: stain \"HE\" is not a stain (H&E, PD-L1, CD8, CD68)",
             edit: { try $0.replace(in: "slides.tsv", "\tH&E\tslides/S3-HE", with: "\tHE\tslides/S3-HE") }),
        Case(name: "slide of an unknown patient",
             message: "slides.tsv:4: patient_id " + unknownRef.replacingOccurrences(of: "%@", with: "patient"),
             edit: { try $0.replace(in: "slides.tsv", "S3-HE\tP3\tS3", with: "S3-HE\tP7\tS3") }),
        Case(name: "slide with a negative resolution",
             message: "slides.tsv:2: mpp \"-0.5\" is not a positive number",
             edit: { try $0.replace(in: "slides.tsv", "4096\t4096\t0.5\nS1-PDL1", with: "4096\t4096\t-0.5\nS1-PDL1") }),
        Case(name: "MAF without a capture size",
             message: "mutations.maf: TMB needs the captured territory; pass --capture-mb (e.g. 38 for an exome)",
             edit: { _ in }, parameters: IngestParameters(cohort: "small", expressionScale: .log2)),
        Case(name: "non-tab clinical file",
             message: "clinical.tsv:2:56: line has 1 fields but the header has 12; check for missing or extra separators",
             edit: { try $0.write("clinical.tsv", try $0.read("clinical.tsv").replacingOccurrences(of: "P1\tS1\t63\t", with: "P1,S1,63,")
                                    .replacingOccurrences(of: "P1,S1,63,Male\tNSCLC\tLung\tadenocarcinoma\tIV\t1\t1\tnone\tMSS",
                                                          with: "P1,S1,63,Male,NSCLC,Lung,adenocarcinoma,IV,1,1,none,MSS")) }),
    ]

    @Test func corpusIsLargeEnough() { #expect(Self.cases.count >= 20) }

    @Test func everyCaseFailsWithItsMessageAndWritesNothing() throws {
        let base = try CohortCopy()
        try TestDatabase.with { c, _ in
            _ = try CohortIngest.run(directory: base.path, parameters: .small("base"), connection: c)
            for target in ["small", "base"] {          // a new cohort, and a re-ingest of a loaded one
                for bad in Self.cases {
                    let folder = try CohortCopy()
                    try bad.edit(folder)
                    var parameters = bad.parameters
                    parameters.cohort = target
                    let before = try Snapshot.take(c)
                    do {
                        _ = try CohortIngest.run(directory: folder.path, parameters: parameters, connection: c)
                        Issue.record("\(bad.name): no error")
                    } catch {
                        #expect("\(error)" == bad.message, "\(bad.name)")
                    }
                    #expect(try Snapshot.take(c) == before, "\(bad.name): database changed")
                }
            }
        }
    }

    @Test func theCLIExitsWithOneAndPrintsTheMessage() throws {
        try TestDatabase.with { c, db in
            let url = db.target.psqlArguments(database: db.name)[0]
            for bad in Self.cases.prefix(3) {
                let folder = try CohortCopy()
                try bad.edit(folder)
                let before = try Snapshot.take(c)
                let result = try TMECommand.run(["ingest", folder.path, "--cohort", "small", "--capture-mb", "0.5",
                                                 "--expression-scale", "log2"], environment: ["TME_DATABASE_URL": url])
                #expect(result.exitCode == 1, "\(bad.name)")
                #expect(result.stderr.contains(bad.message), "\(bad.name): \(result.stderr)")
                #expect(try Snapshot.take(c) == before)
            }
        }
    }

    @Test func notACohortFolder() throws {
        let folder = try CohortCopy()
        try folder.remove("clinical.tsv")
        #expect(throws: IngestError.unrecognisedFolder(path: folder.path)) {
            _ = try CohortIngest.run(directory: folder.path, parameters: .small(dryRun: true), connection: nil)
        }
    }
}
