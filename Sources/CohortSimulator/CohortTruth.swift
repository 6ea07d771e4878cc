import Foundation

/// The cohort-level truth (`truth/model.json`): the model's coefficients, the solved constants, the oracle
/// discrimination of the true linear predictors and the realised population statistics.
public struct CohortTruth: Sendable, Hashable, Codable {
    public var config: CohortConfig
    public var constants: OutcomeConstants
    /// Exome size used for TMB, Mb.
    public var exomeSizeMb: Double
    /// (nil when undefined: one class only, no usable pairs.)
    /// AUC of the true response linear predictor for the realised objective response.
    public var oracleResponseAUC: Double?
    /// Harrell's C of the true η for the realised OS and PFS.
    public var oracleOSConcordance: Double?
    public var oraclePFSConcordance: Double?
    public var realisedResponseRate: Double
    public var realisedOSEventRate: Double
    public var realisedPFSEventRate: Double
    /// Median observed TMB (mut/Mb) per tumor type code.
    public var medianObservedTMB: [String: Double]
    /// Patients per immune phenotype.
    public var phenotypeCounts: [String: Int]

    public init(config: CohortConfig, constants: OutcomeConstants, patients: [Patient], genomics: CohortGenomics) {
        self.config = config
        self.constants = constants
        exomeSizeMb = GeneCatalog.exomeSizeMb
        let responded = patients.map { $0.bestResponse.isObjectiveResponse }
        oracleResponseAUC = OracleMetrics.auc(score: patients.map(\.responseLinearPredictor), label: responded)
        oracleOSConcordance = OracleMetrics.harrellC(time: patients.map(\.osMonths), event: patients.map(\.osEvent),
                                                     risk: patients.map(\.osLinearPredictor))
        oraclePFSConcordance = OracleMetrics.harrellC(time: patients.map(\.pfsMonths), event: patients.map(\.pfsEvent),
                                                      risk: patients.map(\.pfsLinearPredictor))
        let n = Double(max(patients.count, 1))
        realisedResponseRate = Double(responded.filter { $0 }.count) / n
        realisedOSEventRate = Double(patients.filter(\.osEvent).count) / n
        realisedPFSEventRate = Double(patients.filter(\.pfsEvent).count) / n
        let tmb = CohortWriter.observedTMB(genomics)
        var byType: [String: [Double]] = [:]
        for p in patients { byType[p.tumorType, default: []].append(tmb[p.sampleID] ?? 0) }
        medianObservedTMB = byType.mapValues { v in
            let s = v.sorted()
            return s.count % 2 == 1 ? s[s.count / 2] : (s[s.count / 2 - 1] + s[s.count / 2]) / 2
        }
        phenotypeCounts = Dictionary(grouping: patients, by: { $0.phenotype.rawValue }).mapValues(\.count)
    }
}
