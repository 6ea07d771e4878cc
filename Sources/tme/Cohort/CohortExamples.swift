import ArgumentParser
import Pipeline

/// `tme cohort examples`: 1:1 example tiles of each phenotype with the truth overlaid.
struct CohortExamples: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "examples",
        abstract: "Render one 1:1 tile per immune phenotype (and a PD-L1 IHC tile) with the truth overlaid, as PNG.")

    @Option(help: "Cohort config JSON (e.g. cohorts/demo/cohort.json).")
    var config: String

    @Option(help: "Output directory for the PNG files.")
    var out: String = "reports/examples"

    @Option(help: "Tile side in pixels (64 … 2048).")
    var size: Int = 512

    func validate() throws {
        guard (64...2048).contains(size) else { throw ValidationError("--size must be in 64 … 2048") }
    }

    func run() throws {
        let cfg = try CohortSimulation.loadConfig(path: config)
        for path in try CohortSimulation.writeExamples(config: cfg, directory: out, size: size) { print(path) }
    }
}
