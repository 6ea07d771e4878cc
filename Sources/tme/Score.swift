import ArgumentParser
import Foundation
import Pipeline

struct Score: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "score",
        abstract: "Score a cohort with a trained model: tme.predictions and tme.tile_attention.",
        discussion: """
            Replaces the model's earlier predictions and attention for the cohort in one transaction, so \
            re-running is safe. Patients lacking a modality are scored from what exists and listed as such \
            (modalities_used). Patients of the model's training cohort are scored out-of-fold: only by the \
            fold model(s) trained without them (evaluation = out_of_fold), so metrics computed from the stored \
            scores are held-out; other patients get the whole fold ensemble (evaluation = external). Research use only.
            """)

    @Option(help: "Cohort name (as given to tme ingest).") var cohort: String
    @Option(help: "Model folder written by tme train (model.safetensors + config.json).") var model: String
    @Flag(help: "Print the scoring summary as JSON.") var json = false

    func run() async throws {
        let connection = try Workspace.locate().openDatabase(log: note)
        let report = try ModelScoring.run(cohort: cohort, modelDirectory: model, on: connection)
        for (m, c) in report.missingModality.sorted(by: { $0.key < $1.key }) {
            note("warning: \(c) patients scored without \(m) (flagged in modalities_used)")
        }
        if report.foldsUnknown {
            note("warning: \(model) does not record which fold held out which patient (written by an older tme train), so "
                 + "its scores of its own training cohort are in-sample (stored with evaluation NULL); retrain to score out-of-fold")
        }
        if report.unscorable > 0 { note("warning: \(report.unscorable) patients have no usable modality and were not scored") }
        if json {
            var summary = report
            summary.predictions = []
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            print(String(decoding: try encoder.encode(summary), as: UTF8.self))
        } else {
            print("\(report.modelID): scored \(report.scored) patients of \(cohort) (\(report.outOfFold) out-of-fold by the fold "
                  + "that held them out, \(report.external) by the whole ensemble), \(report.attentionRows) tile attention rows")
        }
    }
}
