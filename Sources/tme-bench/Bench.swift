import ArgumentParser

/// `tme-bench STAGE`: one benchmark per pipeline stage, each printing our number beside its peer's
/// measured in the same run (see BENCHMARKS.md).
@main
struct Bench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tme-bench",
        abstract: "Benchmarks of each TMEScope stage against a peer tool, measured side by side.",
        subcommands: [
            DBCopyBench.self,
            IngestBench.self,
            IngestCLIBench.self,
            SurvivalBench.self,
            StatsCLIBench.self,
            QuantifyBench.self,
            QuantifyValidateBench.self,
            QuantifyWSIBench.self,
            SlideBench.self,
            TrainBench.self,
            InstanSegBench.self,
            ReportBench.self,
        ]
    )
}
