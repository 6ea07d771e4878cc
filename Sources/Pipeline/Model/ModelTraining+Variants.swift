import FusionModel
import Foundation
import Survival

extension ModelTraining {
    // MARK: - Single-modality networks

    /// Cross-validates a network with one modality on the patients that have it.
    static func ablation(_ m: Modality, samples: [PatientSample], options: ModelTrainingOptions, tileFeatures: Int,
                         progress: @escaping (TrainingProgressEvent) -> Void) throws -> VariantEvaluation? {
        let subset = samples.filter { $0.availableModalities.contains(m) }
        guard subset.count >= 2 * options.folds else { return nil }
        let name = "\(m.rawValue)_only"
        progress(.variant(name: name, folds: options.folds, maxEpochs: options.training.epochs))
        let network = try FusionNetwork(configuration: options.network(tileFeatures: tileFeatures, modalities: [m]))
        var p = options.training
        p.modalityDropout = 0
        let cv = try CrossValidation.run(subset, network: network, parameters: p, folds: options.folds,
                                         seedsPerFold: options.seedsPerFold, recalibration: options.recalibration) {
            progress(.epoch(variant: name, fold: $0, record: $1))
        }
        return VariantEvaluation.evaluate(probabilities: cv.outOfFold.map(\.responseProbability), risks: cv.outOfFold.map(\.riskScore),
                                          responses: subset.map(\.response), survival: subset.map(\.survival),
                                          parameters: options.evaluation,
                                          note: "\(m.rawValue) encoder alone, patients with that modality; out-of-fold predictions"
                                              + options.recalibration.note)
    }

    // MARK: - Clinical Cox baseline

    /// Cox PH (Efron ties, ridge `options.coxRidge`) on the raw clinical vector, fitted on each
    /// fusion training fold's patients with clinical data and survival and scored on the held-out
    /// fold. Columns constant within a training fold are left out of that fold's model.
    /// The AUC ranks responders by −(linear predictor); there is no probability, so no Brier/ECE.
    static func clinicalCox(samples: [PatientSample], folds: [[Int]], options: ModelTrainingOptions) -> VariantEvaluation? {
        var risks = [Double?](repeating: nil, count: samples.count)
        let names = ModelInputEncoding.clinicalNames
        for test in folds {
            let held = Set(test)
            let train = samples.indices.filter { !held.contains($0) && samples[$0].clinical != nil && samples[$0].survival != nil }
            let columns = names.indices.filter { j in Set(train.map { samples[$0].clinical![j] }).count > 1 }
            guard !columns.isEmpty, train.count > columns.count else { continue }
            let covariates = columns.map { j in Covariate(name: names[j], values: train.map { Double(samples[$0].clinical![j]) }) }
            guard let model = try? CoxModel.fit(times: train.map { samples[$0].survival!.timeMonths },
                                                events: train.map { samples[$0].survival!.event }, covariates: covariates,
                                                parameters: CoxParameters(ridge: options.coxRidge)) else { continue }
            for i in test { if let x = samples[i].clinical { risks[i] = model.linearPredictor(columns.map { Double(x[$0]) }) } }
        }
        let scored = samples.indices.filter { risks[$0] != nil }
        guard scored.count >= 2 else { return nil }
        return VariantEvaluation.evaluate(probabilities: nil, risks: scored.map { risks[$0]! }, responses: scored.map { samples[$0].response },
                                          survival: scored.map { samples[$0].survival }, parameters: options.evaluation,
                                          note: "Cox PH on the clinical vector, same folds as fusion; AUC of −linear predictor, no probability")
    }

    // MARK: - Robustness to missing genomics

    /// Each fusion fold model scores its held-out patients, with genomics hidden for a seeded
    /// `genomicsRemovedFraction` of them (those patients' modalities_used lacks genomics).
    /// Returns the evaluation and the number of patients scored without genomics (hidden or absent).
    static func genomicsRemoved(_ cv: CrossValidationResult, samples: [PatientSample], options: ModelTrainingOptions) throws
        -> (evaluation: VariantEvaluation, withoutGenomics: Int)? {
        guard let (out, chosen) = try genomicsRemovedPredictions(cv, samples: samples, options: options) else { return nil }
        let flagged = out.filter { !$0.modalitiesUsed.contains(.genomics) }.count
        let evaluation = VariantEvaluation.evaluate(
            probabilities: out.map(\.responseProbability), risks: out.map(\.riskScore),
            responses: samples.map(\.response), survival: samples.map(\.survival), parameters: options.evaluation,
            note: "fusion out-of-fold predictions with genomics removed at scoring for \(chosen.count) patients; "
                + "\(flagged) scored without genomics")
        return (evaluation, flagged)
    }

    /// The out-of-fold predictions with genomics hidden for the seeded choice of patients (positions in `samples`).
    static func genomicsRemovedPredictions(_ cv: CrossValidationResult, samples: [PatientSample], options: ModelTrainingOptions) throws
        -> (predictions: [PatientPrediction], hidden: Set<Int>)? {
        guard options.genomicsRemovedFraction > 0, samples.contains(where: { $0.genomic != nil }) else { return nil }
        var g = SeededGenerator(seed: options.training.seed ^ 0x6E6F_6765_6E6F_6D65)
        var chosen = Set<Int>()
        for i in samples.indices.shuffled(using: &g).prefix(Int((options.genomicsRemovedFraction * Double(samples.count)).rounded())) {
            chosen.insert(i)
        }
        var out = cv.outOfFold
        for fold in cv.folds {
            let hidden = fold.testIndices.filter { chosen.contains($0) }
            let preds = try fold.predict(hidden.map { samples[$0] }, removing: [.genomics])
            for (i, p) in zip(hidden, preds) { out[i] = p }
        }
        return (out, chosen)
    }

    // MARK: - Oracle

    /// The simulator's true response probability and OS linear predictor, evaluated like a model.
    static func oracleEvaluation(_ truth: SimulatorTruth, samples: [PatientSample], parameters: EvaluationParameters) -> VariantEvaluation? {
        let matched = samples.filter { truth.patients[$0.id] != nil }
        guard matched.count >= 2 else { return nil }
        return VariantEvaluation.evaluate(probabilities: matched.map { truth.patients[$0.id]!.responseProbability },
                                          risks: matched.map { truth.patients[$0.id]!.osLinearPredictor },
                                          responses: matched.map(\.response), survival: matched.map(\.survival), parameters: parameters,
                                          note: "simulator truth (\(truth.directory)): true P(response) and OS linear predictor")
    }
}
