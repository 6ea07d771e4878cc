import Foundation

/// Immune phenotype of the tumor microenvironment (Chen & Mellman 2017).
public enum ImmunePhenotype: String, Sendable, Hashable, Codable, CaseIterable {
    case inflamed, excluded, desert
}

/// RECIST 1.1 best overall response.
public enum BestResponse: String, Sendable, Hashable, Codable {
    case CR, PR, SD, PD
    public var isObjectiveResponse: Bool { self == .CR || self == .PR }
}

/// The covariates entering the outcome models, with units in their names.
public struct PatientCovariates: Sendable, Hashable, Codable {
    /// log2 of the true TMB, mutations/Mb.
    public var log2TMB: Double
    /// log10 of the expected lymphocyte density in tissue, cells/mm² (nests and stroma at the configured tumor fraction).
    public var log10TILDensity: Double
    /// PD-L1 tumor proportion score, fraction 0…1.
    public var pdl1TPS: Double
    /// GEP latent, standard-normal scale.
    public var gep: Double
    /// ECOG performance status 0…2.
    public var ecog: Double
    /// 1 if STK11 carries a nonsynonymous mutation.
    public var stk11: Double

    /// Σ coefficient × covariate.
    public func dot(_ c: Covariates) -> Double {
        c.log2TMB * log2TMB + c.log10TILDensity * log10TILDensity + c.pdl1TPS * pdl1TPS
            + c.gep * gep + c.ecog * ecog + c.stk11 * stk11
    }
}

/// One simulated patient: clinical record, latent biology, outcome and the true linear predictors.
public struct Patient: Sendable, Hashable, Codable {
    public var patientID: String
    public var sampleID: String
    public var index: Int
    // MARK: clinical
    public var ageYears: Int
    public var sex: String
    public var tumorType: String
    public var cancerType: String
    public var histology: String
    public var stage: String
    public var ecog: Int
    public var lineOfTherapy: Int
    public var priorTherapy: String
    // MARK: latent biology
    public var trueTMBPerMb: Double
    public var mutatedDrivers: [String]
    public var immuneScore: Double
    public var phenotype: ImmunePhenotype
    /// Lymphocyte densities the slide is rendered with, cells/mm².
    public var lymphocyteDensity: RegionDensity
    public var pdl1TPS: Double
    /// Fraction of macrophages that are PD-L1 positive.
    public var pdl1MacrophageFraction: Double
    public var gepLatent: Double
    public var covariates: PatientCovariates
    // MARK: outcomes and truth
    /// True logit of response (β0 + β·x).
    public var responseLinearPredictor: Double
    public var responseProbability: Double
    public var bestResponse: BestResponse
    /// True log relative hazards η = γ·(x − x̄).
    public var osLinearPredictor: Double
    public var pfsLinearPredictor: Double
    public var osMonths: Double
    public var osEvent: Bool
    public var pfsMonths: Double
    public var pfsEvent: Bool
}
