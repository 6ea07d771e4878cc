import ArgumentParser
import Foundation
import Pipeline

/// `tme ingest DIR --cohort NAME`
struct Ingest: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Validate a cohort folder and load it into the database (one transaction per cohort).",
        discussion: """
            TMEScope layout: clinical.tsv (patient_id, sample_id, …), outcomes.tsv, mutations.maf[.gz], \
            expression.tsv, cnv.tsv, slides.tsv. Every file is validated and cross-checked first; on any \
            error nothing is written. Re-ingesting identical files changes nothing; a changed file replaces \
            the cohort's rows of that kind.
            """
    )

    @Argument(help: ArgumentHelp("Cohort folder.", valueName: "dir")) var directory: String
    @Option(help: "Cohort name: 1–64 letters, digits, '_', '.', '-'.") var cohort: String
    @Option(name: .customLong("capture-mb"),
            help: ArgumentHelp("Captured territory of the sequencing assay in Mb (required with a MAF; 38 for an exome).",
                               valueName: "Mb"))
    var captureMegabases: Double?
    @Option(name: .customLong("expression-scale"), help: "Units of expression.tsv: linear (RSEM, TPM) or log2.")
    var expressionScale: String = "linear"
    @Option(name: .customLong("cnv-values"), help: "cnv.tsv holds calls (-2…2) or log2 ratios: calls or log2.")
    var cnvValues: String = "calls"
    @Flag(name: .customLong("dry-run"), help: "Validate and report without writing.") var dryRun = false
    @Flag(help: "Print the report as JSON.") var json = false

    func validate() throws {
        guard ["linear", "log2"].contains(expressionScale) else { throw ValidationError("--expression-scale must be linear or log2") }
        guard ["calls", "log2"].contains(cnvValues) else { throw ValidationError("--cnv-values must be calls or log2") }
        do { try parameters.validate() } catch { throw ValidationError("\(error)") }
    }

    var parameters: IngestParameters {
        IngestParameters(cohort: cohort, captureMegabases: captureMegabases,
                         expressionScale: expressionScale == "log2" ? .log2 : .linear,
                         cnvKind: cnvValues == "log2" ? .copyNumberLog2 : .copyNumberCalls, dryRun: dryRun)
    }

    func run() async throws {
        // A dry run writes nothing but still checks tumour types against the database's vocabulary when it can reach it.
        let connection = dryRun ? try? Workspace.locate().openDatabase(migrate: false) : try Workspace.locate().openDatabase()
        let report = try CohortIngest.run(directory: directory, parameters: parameters, connection: connection,
                                          showProgress: true)
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            print(String(decoding: try encoder.encode(report), as: UTF8.self))
        } else {
            print(report.rendered)
        }
    }
}
