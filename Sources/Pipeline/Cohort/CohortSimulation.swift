import CohortSimulator
import Foundation

/// The synthetic cohorts of `tme cohort`: the simulator's configuration, files and example tiles.
public enum CohortSimulation {
    /// The cohort configuration JSON at `path` (e.g. cohorts/demo/cohort.json).
    public static func loadConfig(path: String) throws -> CohortConfig { try CohortConfig.load(path: path) }

    /// Writes the cohort (tables, truth, slides, cBioPortal study) to `directory` with `workers` slide renderers.
    public static func write(config: CohortConfig, to directory: String, workers: Int,
                             progress: @escaping @Sendable (CohortWriter.Progress) -> Void) throws -> CohortWriter.Summary {
        try CohortWriter.write(config: config, to: directory, workers: workers, progress: progress)
    }

    /// One 1:1 tile per immune phenotype (and a PD-L1 IHC tile) with the truth overlaid, as PNG; returns the paths.
    public static func writeExamples(config: CohortConfig, directory: String, size: Int) throws -> [String] {
        try ExampleWriter.write(config: config, directory: directory, size: size)
    }
}
