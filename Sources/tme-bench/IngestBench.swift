import ArgumentParser
import BiomarkerStore
import Foundation
import Pipeline
import TMECore

/// `tme ingest` of a cohort with a large MAF (parse, validate, TMB and key genes, COPY, biomarkers,
/// one transaction) against `psql \copy` of the same mutation rows, already resolved to sample keys,
/// into the same table of the same server.
struct IngestBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ingest",
        abstract: "Rows/s of tme ingest on a synthetic cohort with a large MAF vs psql \\copy of the same mutation rows.")

    @Option(help: "MAF rows.") var rows = 1_000_000
    @Option(help: "Samples (and patients) in the cohort.") var samples = 500
    @Option(help: "Runs of each loader (best reported; they alternate).") var repeats = 3

    static let genes = ["TP53", "KRAS", "EGFR", "STK11", "KEAP1", "PTEN", "B2M", "JAK1", "JAK2", "POLE", "TTN", "MUC16",
                        "CSMD3", "RYR2", "LRP1B", "USH2A", "ZFHX4", "FLG", "SPTA1", "NAV3"]
    static let classes = ["Missense_Mutation", "Missense_Mutation", "Missense_Mutation", "Silent", "Nonsense_Mutation",
                          "Frame_Shift_Del", "Splice_Site", "Intron", "3'UTR", "In_Frame_Del"]

    func run() async throws {
        let database = try TemporaryDatabase(prefix: "tme_bench", migrate: true)
        defer { try? database.drop() }
        let connection = try database.connect()
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("tme-bench-ingest-\(getpid())")
        defer { try? FileManager.default.removeItem(at: folder) }
        try Self.writeCohort(folder, rows: rows, samples: samples)
        note("ingest: \(rows) MAF rows, \(samples) samples, \(repeats) runs each, database \(database.name)")

        var ours: [Double] = [], theirs: [Double] = []
        let csv = folder.appendingPathComponent("mutations.csv")
        for run in 1...repeats {
            try connection.execute("DELETE FROM tme.cohorts")
            ours.append(try BenchSupport.seconds {
                _ = try CohortIngest.run(directory: folder.path, parameters: IngestParameters(cohort: "bench", captureMegabases: 38),
                                         connection: connection)
            })
            try check(connection, run: run, loader: "tme ingest")
            let columns = Self.copyColumns
            let target = database.target.psqlArguments(database: database.name)
            try writeCSV(csv, columns: columns, database: target)   // this run's sample keys (not timed)
            try connection.execute("DELETE FROM tme.mutations")
            let arguments = target + [
                "-v", "ON_ERROR_STOP=1", "-q", "-c", "\\copy tme.mutations (\(columns)) FROM '\(csv.path)' WITH (FORMAT csv)",
            ]
            theirs.append(try BenchSupport.seconds { try BenchSupport.run("psql", arguments) })
            try check(connection, run: run, loader: "psql")
        }
        let a = Double(rows) / ours.min()!, b = Double(rows) / theirs.min()!
        print("loader                                   best s   rows/s")
        print(String(format: "tme ingest (parse+validate+COPY+TMB)  %8.3f  %9.0f", ours.min()!, a))
        print(String(format: "psql \\copy (pre-resolved CSV)         %8.3f  %9.0f", theirs.min()!, b))
        print(String(format: "ratio (ours / psql)                    %.2f", a / b))
    }

    /// The `tme.mutations` columns ingest writes, for `psql \copy`.
    static let copyColumns = "sample_pk, hugo_symbol, entrez_gene_id, ncbi_build, chromosome, start_position, end_position, "
        + "variant_classification, variant_type, reference_allele, tumor_seq_allele2, hgvsp_short, t_ref_count, t_alt_count"

    /// A TMEScope cohort folder: clinical.tsv with `samples` patients and a MAF of `rows` rows.
    static func writeCohort(_ folder: URL, rows: Int, samples: Int) throws {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        var clinical = "patient_id\tsample_id\n"
        for s in 0..<samples { clinical += String(format: "P%05d\tS%05d\n", s, s) }
        try clinical.write(to: folder.appendingPathComponent("clinical.tsv"), atomically: true, encoding: .utf8)
        FileManager.default.createFile(atPath: folder.appendingPathComponent("mutations.maf").path, contents: nil)
        let handle = try FileHandle(forWritingTo: folder.appendingPathComponent("mutations.maf"))
        defer { try? handle.close() }
        var text = "#version 2.4\nHugo_Symbol\tEntrez_Gene_Id\tNCBI_Build\tChromosome\tStart_Position\tEnd_Position\t"
            + "Variant_Classification\tVariant_Type\tReference_Allele\tTumor_Seq_Allele1\tTumor_Seq_Allele2\t"
            + "Tumor_Sample_Barcode\tHGVSp_Short\tt_ref_count\tt_alt_count\n"
        for i in 0..<rows {
            let gene = Self.genes[i % Self.genes.count], vc = Self.classes[(i / 7) % Self.classes.count]
            let start = 1_000_000 + (i * 37) % 50_000_000
            text += "\(gene)\t\(1000 + i % 20)\tGRCh38\tchr\(1 + i % 22)\t\(start)\t\(start)\t\(vc)\tSNP\tC\tC\tT\t"
                + String(format: "S%05d", i % samples) + "\tp.X\(i % 900)Y\t\(20 + i % 50)\t\(5 + i % 30)\n"
            if text.utf8.count > 1 << 20 { handle.write(Data(text.utf8)); text = "" }
        }
        handle.write(Data(text.utf8))
    }

    /// The stored rows as CSV (psql \copy TO), so psql then loads exactly what ingest stored.
    private func writeCSV(_ url: URL, columns: String, database: [String]) throws {
        try BenchSupport.run("psql", database + ["-v", "ON_ERROR_STOP=1", "-q", "-c",
                                "\\copy (SELECT \(columns) FROM tme.mutations ORDER BY mutation_pk) TO '\(url.path)' WITH (FORMAT csv)"])
    }

    private func check(_ connection: Connection, run: Int, loader: String) throws {
        let count: Int = try connection.query("SELECT count(*) AS n FROM tme.mutations").first!.decode("n")
        guard count == rows else { throw ValidationError("\(loader) run \(run) stored \(count) rows, expected \(rows)") }
    }


}
