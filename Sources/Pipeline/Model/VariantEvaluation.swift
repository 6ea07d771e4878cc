import FusionModel
import Foundation
import Survival

/// Held-out performance of one model variant (one object of evaluation.json).
public struct VariantEvaluation: Sendable, Hashable, Codable {
    /// Patients scored, with an OS event, with an evaluable response, and responders among them.
    public var patients: Int
    public var events: Int
    public var evaluableResponses: Int
    public var responders: Int
    /// Harrell's C of the risk score on overall survival, with a percentile bootstrap 95 % interval.
    public var cindex: Double?
    public var cindexCI: [Double]?
    /// ROC AUC of the response probability for CR/PR vs SD/PD, with a bootstrap 95 % interval.
    public var auc: Double?
    public var aucCI: [Double]?
    /// Brier score and expected calibration error (10 equal-width bins) of the response probability.
    public var brier: Double?
    public var ece: Double?
    /// Uno's IPCW C truncated at `unoTruncationMonths`, and cumulative/dynamic AUC at 12 and 24 months.
    public var unoCindex: Double?
    public var unoTruncationMonths: Double?
    public var tdAUC12Months: Double?
    public var tdAUC24Months: Double?
    /// Reliability diagram (10 bins) of the response probability.
    public var reliability: [FusionModel.Calibration.Bin]?
    /// What this variant is, and anything a reader must know (e.g. no response probability).
    public var note: String?

    enum CodingKeys: String, CodingKey {
        case patients, events, evaluableResponses = "evaluable_responses", responders, cindex, cindexCI = "cindex_ci", auc
        case aucCI = "auc_ci", brier, ece, unoCindex = "uno_cindex", unoTruncationMonths = "uno_truncation_months"
        case tdAUC12Months = "td_auc_12_months", tdAUC24Months = "td_auc_24_months", reliability, note
    }
}

/// Parameters of the evaluation.
public struct EvaluationParameters: Sendable, Hashable, Codable {
    /// Bootstrap resamples of the patients for the 95 % intervals (Efron 1979). Default 1000, 200–10000.
    public var bootstrapReplicates: Int
    /// Seed of the bootstrap.
    public var seed: UInt64
    /// Uno's C truncation τ in months (events after τ do not count). Default 24.
    public var unoTruncationMonths: Double

    public init(bootstrapReplicates: Int = 1000, seed: UInt64 = 1, unoTruncationMonths: Double = 24) {
        self.bootstrapReplicates = bootstrapReplicates
        self.seed = seed
        self.unoTruncationMonths = unoTruncationMonths
    }
}

extension VariantEvaluation {
    /// Evaluates held-out scores: probabilities (nil for a survival-only variant, whose AUC then
    /// ranks patients by −risk) and risk scores against the patients' outcomes. Undefined metrics
    /// (one class only, no events, no case at a time point) are nil rather than errors.
    public static func evaluate(probabilities: [Double]?, risks: [Double], responses: [Bool?], survival: [SurvivalOutcome?],
                                parameters: EvaluationParameters, note: String? = nil) -> VariantEvaluation {
        let n = risks.count
        let responseScores = probabilities ?? risks.map { -$0 }
        let times = survival.map { $0?.timeMonths ?? .nan }
        let events = survival.map { $0?.event ?? false }
        let hasSurvival = survival.map { $0 != nil }
        let labelled = responses.compactMap { $0 }

        @Sendable func auc(_ idx: [Int]) throws -> Double {
            let use = idx.filter { responses[$0] != nil }
            guard let a = Metrics.rocAUC(scores: use.map { responseScores[$0] }, labels: use.map { responses[$0]! }) else {
                throw SurvivalError.emptyInput(what: "AUC")
            }
            return a
        }
        @Sendable func harrell(_ idx: [Int]) throws -> Double {
            let use = idx.filter { hasSurvival[$0] }
            return try Concordance.harrell(times: use.map { times[$0] }, events: use.map { events[$0] },
                                           scores: use.map { risks[$0] }).cindex
        }
        let bootstrap = Bootstrap.Parameters(replicates: parameters.bootstrapReplicates, seed: parameters.seed)
        let aucResult = try? Bootstrap.percentileInterval(subjects: n, parameters: bootstrap, statistic: auc)
        let cResult = try? Bootstrap.percentileInterval(subjects: n, parameters: bootstrap, statistic: harrell)

        var e = VariantEvaluation(patients: n, events: events.filter { $0 }.count, evaluableResponses: labelled.count,
                                  responders: labelled.filter { $0 }.count, note: note)
        e.auc = aucResult?.estimate ?? (try? auc(Array(0..<n)))
        e.aucCI = aucResult.map { [$0.lower, $0.upper] }
        e.cindex = cResult?.estimate ?? (try? harrell(Array(0..<n)))
        e.cindexCI = cResult.map { [$0.lower, $0.upper] }
        if let probabilities {
            let use = (0..<n).filter { responses[$0] != nil }
            let p = use.map { probabilities[$0] }, y = use.map { responses[$0]! }
            e.brier = FusionModel.Calibration.brier(probabilities: p, labels: y)
            e.ece = FusionModel.Calibration.expectedCalibrationError(probabilities: p, labels: y)
            e.reliability = FusionModel.Calibration.reliability(probabilities: p, labels: y)
        }
        let s = (0..<n).filter { hasSurvival[$0] }
        let st = s.map { times[$0] }, se = s.map { events[$0] }, sr = s.map { risks[$0] }
        e.unoCindex = try? Concordance.uno(times: st, events: se, scores: sr, truncation: parameters.unoTruncationMonths)
        e.unoTruncationMonths = e.unoCindex == nil ? nil : parameters.unoTruncationMonths
        e.tdAUC12Months = try? TimeDependentAUC.cumulativeDynamic(times: st, events: se, scores: sr, at: [12]).auc[0]
        e.tdAUC24Months = try? TimeDependentAUC.cumulativeDynamic(times: st, events: se, scores: sr, at: [24]).auc[0]
        return e
    }
}
