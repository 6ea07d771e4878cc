import ArgumentParser
import Pipeline

/// `tme genomics tmb --maf FILE --capture-mb X [--json]`
struct GenomicsTMB: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tmb",
        abstract: "Tumour mutational burden per sample from a MAF (plain or .gz).",
        discussion: """
            TMB = distinct non-synonymous variants (maftools classes: Frame_Shift_Del/Ins, In_Frame_Del/Ins, \
            Missense, Nonsense, Nonstop, Splice_Site, Translation_Start_Site) per Mb of captured territory. \
            Duplicate rows of one variant count once. TMB-high: ≥ 10 mut/Mb unless --high-cutoff says otherwise.
            """
    )

    @Option(name: .customLong("maf"), help: ArgumentHelp("MAF file, plain or gzip-compressed.", valueName: "file"))
    var mafPath: String

    @Option(name: .customLong("capture-mb"),
            help: ArgumentHelp("Captured territory in megabases (e.g. 38 for an exome, 0.8 for FoundationOne CDx).",
                               valueName: "Mb"))
    var captureMegabases: Double

    @Option(name: .customLong("high-cutoff"), help: ArgumentHelp("TMB-high cut-off in mut/Mb (inclusive).", valueName: "mut/Mb"))
    var highCutoff: Double = 10

    @Flag(help: "Print JSON: {\"capture_mb\":…,\"samples\":[{\"sample\",\"nonsynonymous\",\"tmb_per_mb\",\"tmb_high\"}]}.")
    var json = false

    func validate() throws {
        do {
            try GenomicsFiles.tmbParameters(captureMegabases: captureMegabases, highThresholdPerMegabase: highCutoff).validate()
        } catch {
            throw ValidationError("\(error)")
        }
    }

    func run() async throws {
        let report = try GenomicsFiles.tmb(
            mafPath: mafPath,
            parameters: GenomicsFiles.tmbParameters(captureMegabases: captureMegabases, highThresholdPerMegabase: highCutoff))
        print(json ? try report.jsonText() : report.tableText())
    }
}
