import Foundation

/// Trial eligibility criteria for `tme screen`, typed so that each becomes a fixed SQL predicate
/// with its value bound as a parameter.
///
/// Every field is optional; an absent field is not checked. A criterion whose data is missing for
/// a patient is "not judged" for that patient (never silently passed or failed). Read from JSON
/// with the same keys (`--criteria FILE.json`), e.g.
/// `{"min_tmb_per_mb": 10, "phenotypes": ["inflamed"], "max_ecog": 1, "exclude_mutated": ["STK11"]}`.
public struct ScreeningCriteria: Codable, Sendable, Hashable {
    /// TMB ≥ this, mutations per megabase (10 = TMB-high).
    public var minTMBPerMb: Double?
    /// PD-L1 tumor proportion score ≥ this, percent (1 or 50 are the usual cut-offs).
    public var minPDL1TPSPercent: Double?
    /// PD-L1 combined positive score ≥ this (1, 10 or 20).
    public var minPDL1CPS: Double?
    /// T-cell-inflamed GEP score ≥ this (z-score units).
    public var minGEPScore: Double?
    /// Immune phenotype is one of these (inflamed, excluded, desert).
    public var phenotypes: [String]?
    /// ECOG performance status ≤ this.
    public var maxECOG: Int?
    /// Stage group is one of these (I, II, III, IV; substage letters are ignored: IIIA counts as III).
    public var stages: [String]?
    /// Histology is one of these terms or narrower (`tme.histologies`, e.g. adenocarcinoma, squamous cell carcinoma,
    /// melanoma; synonyms resolve). An unknown term is an error listing the accepted ones.
    public var histologies: [String]?
    /// Tumor type is one of these OncoTree codes or below it (`tme.tumor_types`: NSCLC selects LUAD and LUSC; names
    /// and synonyms such as "melanoma" resolve). An unknown value is an error listing the accepted codes.
    public var tumorTypes: [String]?
    /// Line of therapy ≤ this (1 = first line only).
    public var maxLineOfTherapy: Int?
    /// MSI status is MSI-H.
    public var requireMSIHigh: Bool?
    /// Biomarkers that must be measured: tmb, pdl1_tps, pdl1_cps, gep, phenotype, msi.
    public var requireMeasured: [String]?
    /// Genes whose nonsynonymous mutation excludes a patient (STK11, KEAP1, PTEN, B2M, JAK1, JAK2,
    /// POLE, TP53, KRAS, EGFR).
    public var excludeMutated: [String]?

    public init() {}

    enum CodingKeys: String, CodingKey {
        case minTMBPerMb = "min_tmb_per_mb"
        case minPDL1TPSPercent = "min_pdl1_tps_percent"
        case minPDL1CPS = "min_pdl1_cps"
        case minGEPScore = "min_gep_score"
        case phenotypes
        case maxECOG = "max_ecog"
        case stages
        case histologies
        case tumorTypes = "tumor_types"
        case maxLineOfTherapy = "max_line_of_therapy"
        case requireMSIHigh = "require_msi_high"
        case requireMeasured = "require_measured"
        case excludeMutated = "exclude_mutated"
    }

    /// Reads criteria from a JSON file; unknown keys are an error naming them (a typo must not
    /// silently drop a criterion).
    public static func load(_ url: URL) throws -> ScreeningCriteria {
        let data: Data
        do { data = try Data(contentsOf: url) } catch {
            throw ScreeningError.criteriaFile(path: url.path, reason: "cannot be read (\(error.localizedDescription))")
        }
        guard let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else {
            throw ScreeningError.criteriaFile(path: url.path, reason: "is not a JSON object")
        }
        let known = Set([CodingKeys.minTMBPerMb, .minPDL1TPSPercent, .minPDL1CPS, .minGEPScore, .phenotypes, .maxECOG,
                         .stages, .histologies, .tumorTypes, .maxLineOfTherapy, .requireMSIHigh, .requireMeasured,
                         .excludeMutated].map(\.rawValue))
        let unknown = object.keys.filter { !known.contains($0) }.sorted()
        guard unknown.isEmpty else {
            throw ScreeningError.criteriaFile(path: url.path,
                                              reason: "has unknown key(s) \(unknown.joined(separator: ", ")); known keys: \(known.sorted().joined(separator: ", "))")
        }
        do { return try JSONDecoder().decode(ScreeningCriteria.self, from: data) } catch {
            throw ScreeningError.criteriaFile(path: url.path, reason: "has a value of the wrong type (\(error))")
        }
    }
}

/// Errors of `tme screen`.
public enum ScreeningError: Error, CustomStringConvertible {
    case criteriaFile(path: String, reason: String)
    case invalid(criterion: String, reason: String)
    /// A tumour type or histology outside the vocabulary (a usage error: `tme screen` exits 2).
    case unknownTerm(criterion: String, value: String, accepted: [String])
    case unknownCohort(String)

    public var description: String {
        switch self {
        case .criteriaFile(let path, let reason): "criteria file \(path) \(reason)"
        case .invalid(let criterion, let reason): "criterion \(criterion): \(reason)"
        case .unknownTerm(let criterion, let value, let accepted):
            "criterion \(criterion): \"\(value)\" is not a known value; accepted: \(accepted.joined(separator: ", "))"
                + " (or their names and synonyms in the database)"
        case .unknownCohort(let name): "no cohort named \"\(name)\" in the database; `tme ingest DIR --cohort NAME` loads one"
        }
    }
}
