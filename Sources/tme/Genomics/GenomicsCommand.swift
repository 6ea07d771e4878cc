import ArgumentParser

/// `tme genomics …`: genomics computations on files, without a database.
struct GenomicsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "genomics",
        abstract: "Genomic biomarkers from files, without a database (TMB from a MAF).",
        subcommands: [GenomicsTMB.self]
    )
}
