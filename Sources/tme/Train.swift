import ArgumentParser
import Foundation
import Pipeline

struct Train: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "train",
        abstract: "Train the fusion model (slide attention MIL + genomics + clinical) by k-fold cross-validation.",
        discussion: """
            Writes OUT/model.safetensors (the fold ensemble), OUT/config.json and OUT/evaluation.json \
            (held-out metrics of fusion, slide_only, genomics_only, clinical_only, clinical_cox and, for a \
            simulated cohort, the oracle and its projection onto each modality), and records a tme.model_runs \
            row. Research use only.

            Defaults: the configuration evaluated in MODEL_EVALUATION.md (cohorts/eval400/training.json): 5 folds, \
            3 seeds per fold, 30 epochs without early stopping, the linear response prior (ridge 3, slide \
            penalty x9) with the attention guide (kappa 1), and Platt recalibration on 5 inner folds. --bare \
            trains the bare network instead (1 seed per fold, early stopping on 20 %, at most 100 epochs, no \
            prior, no recalibration); --options files are merged onto whichever of the two is chosen.
            """)

    @Option(help: "Cohort name (as given to tme ingest).") var cohort: String
    @Option(help: ArgumentHelp(
        "Training options as JSON, merged onto the defaults (the evaluated configuration, or the bare network with --bare); the flags below override it. Keys: folds, seedsPerFold, "
            + "training {epochs, batchSize, optimizer {learningRate, weightDecay, …}, modalityDropout, patience, "
            + "validationFraction, responseLossWeight, survivalLossWeight, seed}, recalibration {method: none|platt, innerFolds, "
            + "platt {smoothedTargets, maxIterations, tolerance}}, tileHidden, attentionHidden, embedding, "
            + "dropout, data {maxTilesPerPatient, seed}, evaluation {bootstrapReplicates, seed, unoTruncationMonths}, "
            + "linearPrior {enabled, ridge, slidePenaltyFactor, attentionGuide}, ablations, genomicsRemovedFraction, coxRidge "
            + "(e.g. cohorts/eval400/training.json).",
        valueName: "file.json"))
    var options: String?
    @Option(help: "Cross-validation folds (by patient, stratified by response), 2–20 (default 5).") var folds: Int?
    @Option(help: "Seed of every random choice (tile sampling, folds, initialisation, batches, bootstrap) (default 1).") var seed: UInt64?
    @Option(help: "Maximum epochs per fold (default 30; with --bare 100, with early stopping on a validation split of the training folds).")
    var epochs: Int?
    @Flag(help: "Train the bare network (1 seed per fold, early stopping, no linear prior, no recalibration) instead of the evaluated configuration.")
    var bare = false
    @Option(name: .customLong("max-tiles"), help: "Largest bag of tiles per patient (seeded subsample) (default 500).") var maxTiles: Int?
    @Option(help: "Bootstrap resamples for the 95 % intervals (default 1000).") var bootstrap: Int?
    @Option(help: "Simulator truth folder (default: <ingested folder>/truth when present).") var truth: String?
    @Flag(name: .customLong("no-ablations"), help: "Skip the single-modality networks and the clinical Cox baseline.")
    var noAblations = false
    @Flag(help: "Print evaluation.json to stdout.") var json = false
    @Option(help: "Output folder for the model (e.g. models/NAME).") var out: String

    func validate() throws {
        if let folds { guard (2...20).contains(folds) else { throw ValidationError("--folds must be 2–20") } }
        if let epochs { guard epochs >= 1 else { throw ValidationError("--epochs must be ≥ 1") } }
        if let maxTiles { guard maxTiles >= 1 else { throw ValidationError("--max-tiles must be ≥ 1") } }
        if let bootstrap { guard (10...100_000).contains(bootstrap) else { throw ValidationError("--bootstrap must be 10–100000") } }
    }

    func run() async throws {
        let base = bare ? ModelTrainingOptions() : ModelTrainingOptions.evaluated()
        var options = try self.options.map { try ModelTrainingOptions.read(path: $0, base: base) } ?? base
        options.apply(folds: folds, seed: seed, epochs: epochs)
        if let maxTiles { options.data.maxTilesPerPatient = maxTiles }
        if let bootstrap { options.evaluation.bootstrapReplicates = bootstrap }
        if noAblations { options.ablations = false }
        let connection = try Workspace.locate().openDatabase(log: note)
        let display = TrainingProgressDisplay()
        let result = try ModelTraining.run(cohort: cohort, on: connection, options: options, output: out,
                                           truthDirectory: truth, progress: display.show)
        display.finish()
        let e = result.evaluation
        for w in e.warnings { note("warning: \(w)") }
        for (m, c) in e.missingModalities.sorted(by: { $0.key < $1.key }) { note("\(c) patients lack \(m)") }
        if json {
            print(String(decoding: try Data(contentsOf: URL(fileURLWithPath: out + "/evaluation.json")), as: UTF8.self))
        } else {
            print("model \(result.configuration.modelID) → \(out) (\(e.patients) patients, \(e.folds) folds)")
            print("variant                   C-index [95% CI]        AUC [95% CI]            Brier   ECE")
            for (name, v) in e.variants { print(Self.row(name, v)) }
            if let projection = e.oracleProjection {
                print("oracle projected onto each modality's inputs (the ceiling of a model of that modality alone):")
                for (name, p) in projection.sets.sorted(by: { $0.key < $1.key }) {
                    func f(_ x: Double?) -> String { x.map { String(format: "%.3f", $0) } ?? "–" }
                    print("  \(name.padding(toLength: 9, withPad: " ", startingAt: 0)) response-LP R² \(f(p.responseLPR2))  "
                          + "OS-LP R² \(f(p.osLPR2))  AUC \(f(p.auc))  C \(f(p.cindex))")
                }
            }
        }
    }

    static func row(_ name: String, _ v: VariantEvaluation) -> String {
        func f(_ x: Double?) -> String { x.map { String(format: "%.3f", $0) } ?? "  –  " }
        func ci(_ x: [Double]?) -> String { x.map { String(format: "[%.3f, %.3f]", $0[0], $0[1]) } ?? "                " }
        return name.padding(toLength: 25, withPad: " ", startingAt: 0)
            + " \(f(v.cindex)) \(ci(v.cindexCI))  \(f(v.auc)) \(ci(v.aucCI))  \(f(v.brier))  \(f(v.ece))"
    }
}

/// Progress of `tme train` on stderr: variant, fold, epoch, training loss and validation loss;
/// one redrawn line on a terminal, a line per fold otherwise.
final class TrainingProgressDisplay: @unchecked Sendable {
    private let isTerminal = isatty(STDERR_FILENO) == 1
    private var folds = 1, maxEpochs = 1
    private var start = Date()
    private var last: (String, Int, EpochRecordLine)?

    struct EpochRecordLine { var epoch: Int; var loss: Double; var validation: Double? }

    func show(_ event: TrainingProgressEvent) {
        switch event {
        case .variant(let name, let folds, let maxEpochs):
            flushFold()
            self.folds = folds; self.maxEpochs = maxEpochs
            start = Date()
            note("training \(name): \(folds) folds × ≤ \(maxEpochs) epochs")
        case .epoch(let variant, let fold, let record):
            if let (_, lastFold, _) = last, lastFold != fold { flushFold() }
            last = (variant, fold, EpochRecordLine(epoch: record.epoch, loss: record.trainingLoss, validation: record.validationLoss))
            if isTerminal { write(line(), terminal: true) }
        case .evaluating:
            flushFold()
            note("evaluating held-out predictions (bootstrap intervals)")
        }
    }

    func finish() { flushFold() }

    private func flushFold() {
        guard last != nil else { return }
        write(line(), terminal: false)
        last = nil
    }

    private func line() -> String {
        guard let (variant, fold, r) = last else { return "" }
        let done = fold * maxEpochs + r.epoch
        let width = 20, total = folds * maxEpochs
        let filled = min(width, done * width / max(total, 1))
        let bar = "[" + String(repeating: "#", count: filled) + String(repeating: ".", count: width - filled) + "]"
        let validation = r.validation.map { String(format: "%.4f", $0) } ?? "–"
        return "\(bar) \(variant) fold \(fold + 1)/\(folds) epoch \(r.epoch) loss \(String(format: "%.4f", r.loss)) "
            + "validation loss \(validation) \(String(format: "%.0f s", Date().timeIntervalSince(start)))"
    }

    private func write(_ text: String, terminal: Bool) {
        let out = isTerminal ? "\r\u{1B}[K" + text + (terminal ? "" : "\n") : text + "\n"
        FileHandle.standardError.write(Data(out.utf8))
    }
}
