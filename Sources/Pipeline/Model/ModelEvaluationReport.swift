import FusionModel
import Foundation

/// evaluation.json: held-out (out-of-fold) performance of the fusion model, its single-modality
/// ablations and a clinical Cox baseline trained in the same run on the same folds' patients,
/// and of the simulator's oracle when the cohort carries truth.
public struct ModelEvaluationReport: Sendable, Hashable, Codable {
    public var cohort: String
    public var patients: Int
    public var folds: Int
    public var seed: UInt64
    public var fusion: VariantEvaluation
    public var slideOnly: VariantEvaluation?
    public var genomicsOnly: VariantEvaluation?
    public var clinicalOnly: VariantEvaluation?
    public var clinicalCox: VariantEvaluation?
    public var oracle: VariantEvaluation?
    /// With simulator truth: how much of the true signal each modality's inputs carry (see `OracleProjection`).
    public var oracleProjection: OracleProjection?
    /// The fusion ensemble's fold models scoring their held-out patients with genomics hidden
    /// for a seeded `genomicsRemovedFraction` of them.
    public var fusionGenomicsRemoved: VariantEvaluation?
    public var genomicsRemovedFraction: Double
    /// Patients that `fusionGenomicsRemoved` scored without genomics (hidden, or absent in the data):
    /// their predictions' modalities used lack genomics.
    public var genomicsRemovedPatients: Int?
    /// Events per input variable: OS events / (tile + genomic + clinical features) for the fusion
    /// model, / clinical features for the Cox baseline (Peduzzi et al. 1996 advise ≥ 10).
    public var eventsPerVariable: [String: Double]
    /// Trainable parameters of the fusion network.
    public var fusionParameterCount: Int
    /// Patients lacking each modality.
    public var missingModalities: [String: Int]
    public var warnings: [String]
    public var evaluation: EvaluationParameters
    /// The fusion model's risk groups of the training patients as `tme score` stores them (out-of-fold: each
    /// patient grouped by the threshold of the fold that held it out): sizes, events, responders, log-rank p.
    public var outOfFoldRiskGroups: RiskGroupSummary?

    enum CodingKeys: String, CodingKey {
        case cohort, patients, folds, seed, fusion, slideOnly = "slide_only", genomicsOnly = "genomics_only"
        case clinicalOnly = "clinical_only", clinicalCox = "clinical_cox", oracle, oracleProjection = "oracle_projection"
        case fusionGenomicsRemoved = "fusion_genomics_removed", genomicsRemovedFraction = "genomics_removed_fraction"
        case genomicsRemovedPatients = "genomics_removed_patients"
        case eventsPerVariable = "events_per_variable", fusionParameterCount = "fusion_parameter_count"
        case missingModalities = "missing_modalities", warnings, evaluation
        case outOfFoldRiskGroups = "out_of_fold_risk_groups"
    }

    /// Variants present, by evaluation.json key.
    public var variants: [(String, VariantEvaluation)] {
        [("fusion", fusion), ("slide_only", slideOnly), ("genomics_only", genomicsOnly), ("clinical_only", clinicalOnly),
         ("clinical_cox", clinicalCox), ("oracle", oracle), ("fusion_genomics_removed", fusionGenomicsRemoved)]
            .compactMap { name, v in v.map { (name, $0) } }
    }

    /// cindex and auc per variant (for config.json and the model_runs summary).
    public var summary: [String: [String: Double]] {
        var s: [String: [String: Double]] = [:]
        for (name, v) in variants {
            var m: [String: Double] = [:]
            m["cindex"] = v.cindex; m["auc"] = v.auc; m["brier"] = v.brier; m["ece"] = v.ece
            s[name] = m
        }
        return s
    }
}
