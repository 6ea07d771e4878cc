import CohortSimulator
import Foundation
import TestSupport

/// A small simulated cohort (3 patients, 1280² px slides at 0.5 µm/px, H&E and PD-L1 each), written once per
/// test process into a temporary folder from the demo config with fewer, smaller slides.
enum SimulatedCohort {
    static let directory: Result<URL, Error> = Result {
        let config = TestDatabase.project.root.appendingPathComponent("cohorts/demo/cohort.json").path
        var cfg = try CohortConfig.load(path: config)
        cfg.patientCount = 3
        cfg.seed = 20261124
        cfg.slides.widthPx = 1280
        cfg.slides.heightPx = 1280
        cfg.slides.pdl1Fraction = 1
        try cfg.validate()
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("tme-quantify-cohort-\(getpid())")
        try? FileManager.default.removeItem(at: out)
        _ = try CohortWriter.write(config: cfg, to: out.path)
        return out
    }

    static func url() throws -> URL { try directory.get() }

    /// A private copy (tests that damage slides must not share them).
    static func copy() throws -> URL {
        let copy = FileManager.default.temporaryDirectory.appendingPathComponent("tme-quantify-copy-\(UUID().uuidString.prefix(8))")
        try FileManager.default.copyItem(at: try url(), to: copy)
        return copy
    }
}
