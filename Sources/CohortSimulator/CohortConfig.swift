import Foundation

/// Everything that defines a simulated cohort: one Codable document (`cohorts/<name>/cohort.json`).
///
/// The generative model it parameterises is described in README.md ("Generative model"); each
/// field below names its unit and a sensible range. Identical configs give identical cohorts, byte for byte.
public struct CohortConfig: Sendable, Hashable, Codable {
    /// Cohort name, used for the cBioPortal `cancer_study_identifier` and file headers. `[a-z0-9_]+`.
    public var name: String
    /// Master seed; every patient, slide and tile derives its own sub-stream from it.
    public var seed: UInt64
    /// Number of patients (1 … 100 000).
    public var patientCount: Int
    /// Tumor types and their mixing weights.
    public var tumorTypes: [TumorTypeSpec]
    /// Clinical covariate distributions.
    public var clinical: ClinicalSpec
    /// Latent immune score → phenotype, TIL densities, PD-L1, GEP.
    public var immune: ImmuneSpec
    /// Logistic model of objective response.
    public var response: ResponseSpec
    /// Weibull proportional-hazards models of OS and PFS with censoring.
    public var survival: SurvivalSpec
    /// Slide geometry, tissue architecture and rendering.
    public var slides: SlideSpec

    public init(name: String, seed: UInt64, patientCount: Int, tumorTypes: [TumorTypeSpec], clinical: ClinicalSpec,
                immune: ImmuneSpec, response: ResponseSpec, survival: SurvivalSpec, slides: SlideSpec) {
        self.name = name; self.seed = seed; self.patientCount = patientCount; self.tumorTypes = tumorTypes
        self.clinical = clinical; self.immune = immune; self.response = response; self.survival = survival
        self.slides = slides
    }
}

/// One tumor type (e.g. lung adenocarcinoma).
public struct TumorTypeSpec: Sendable, Hashable, Codable {
    /// Short code (OncoTree style, e.g. `LUAD`), written as `ONCOTREE_CODE`.
    public var code: String
    /// Cancer type (e.g. `Non-Small Cell Lung Cancer`), written as `CANCER_TYPE`.
    public var cancerType: String
    /// Histology (e.g. `Lung Adenocarcinoma`), written as `CANCER_TYPE_DETAILED`.
    public var histology: String
    /// Relative frequency in the cohort (> 0).
    public var weight: Double
    /// Median tumor mutational burden, nonsynonymous mutations per Mb of exome (1 … 50).
    public var tmbMedianPerMb: Double
    /// Standard deviation of ln(TMB) (0.3 … 1.5). TMB ~ LogNormal(ln median, sd).
    public var tmbLogSD: Double
    /// Probability that each key driver gene carries a nonsynonymous mutation (0 … 1). Genes absent are 0.02.
    public var driverMutationProbability: [String: Double]
    /// Per-gene probability of a copy-number gain (+1) and of a loss (−1); amplification/deep deletion are 1/4 of these.
    public var cnvGainProbability: Double
    public var cnvLossProbability: Double
}

/// Clinical covariate distributions.
public struct ClinicalSpec: Sendable, Hashable, Codable {
    /// Age at treatment start, years: Normal(mean, sd) clipped to [18, 90].
    public var ageMeanYears: Double
    public var ageSDYears: Double
    /// Fraction male (0 … 1).
    public var maleFraction: Double
    /// Probabilities of ECOG 0, 1, 2 (sum to 1).
    public var ecogProbabilities: [Double]
    /// Probabilities of stage III and IV (sum to 1).
    public var stageProbabilities: [Double]
    /// Probabilities of line of therapy 1, 2, 3 (sum to 1).
    public var lineProbabilities: [Double]
}

/// The latent immune score u and everything it drives.
///
/// u = tmbWeight·(log2 TMB − log2 tmbReferencePerMb) − stk11Weight·STK11 − b2mWeight·B2M + N(0, noiseSD).
/// Phenotype: desert if u < desertBelow, excluded if u < excludedBelow, else inflamed.
public struct ImmuneSpec: Sendable, Hashable, Codable {
    public var tmbWeight: Double
    public var tmbReferencePerMb: Double
    public var stk11Weight: Double
    public var b2mWeight: Double
    public var noiseSD: Double
    public var desertBelow: Double
    public var excludedBelow: Double
    /// Median lymphocyte densities per phenotype, cells/mm², in tumor nests and in stroma.
    public var lymphocyteDensity: [String: RegionDensity]
    /// SD of the patient's ln density multiplier (lognormal, 0 … 0.6).
    public var lymphocyteLogSD: Double
    /// PD-L1 tumor proportion score: logit(TPS) = pdl1Intercept + pdl1Slope·u + N(0, pdl1NoiseSD).
    public var pdl1Intercept: Double
    public var pdl1Slope: Double
    public var pdl1NoiseSD: Double
    /// GEP latent z = gepCorrelation·u/sd(u) + √(1−gepCorrelation²)·N(0,1) (Ayers et al. 2017 signature).
    public var gepCorrelation: Double
}

/// Densities of one cell class in the two tissue compartments, cells/mm².
public struct RegionDensity: Sendable, Hashable, Codable {
    public var tumor: Double
    public var stroma: Double
}

/// logit P(response) = β0 + Σ βj xj; β0 is solved so that the cohort's mean P equals `targetRate`.
public struct ResponseSpec: Sendable, Hashable, Codable {
    /// Target objective response rate (CR+PR), 0.05 … 0.8.
    public var targetRate: Double
    public var coefficients: Covariates
    /// Among responders, P(CR); among non-responders, P(SD).
    public var completeFraction: Double
    public var stableFraction: Double
}

/// Coefficients (or values) of the model covariates; see `PatientCovariates` for units.
public struct Covariates: Sendable, Hashable, Codable {
    /// per doubling of TMB (mut/Mb)
    public var log2TMB: Double
    /// per 10-fold lymphocyte density (cells/mm²)
    public var log10TILDensity: Double
    /// per unit PD-L1 TPS (fraction 0…1)
    public var pdl1TPS: Double
    /// per SD of the GEP latent
    public var gep: Double
    /// per ECOG point
    public var ecog: Double
    /// STK11 mutated
    public var stk11: Double
}

/// Weibull PH survival: h(t|x) = λ k t^(k−1) exp(η), η = γ·(x − x̄); λ is set from `medianMonths`.
public struct HazardSpec: Sendable, Hashable, Codable {
    /// Weibull shape k (0.5 … 3).
    public var shape: Double
    /// Median time for a patient with η = 0 (cohort-average covariates), months.
    public var medianMonths: Double
    /// log hazard ratios.
    public var coefficients: Covariates
}

/// OS and PFS models and the censoring mechanism.
///
/// Censoring: C = F·(1 − accrualFraction·U), U ~ Uniform(0,1) (uniform accrual, administrative cut-off at F
/// months). F is solved so that the expected OS event fraction equals `targetEventRate`.
public struct SurvivalSpec: Sendable, Hashable, Codable {
    public var os: HazardSpec
    public var pfs: HazardSpec
    public var targetEventRate: Double
    public var accrualFraction: Double
}

/// Slides: geometry, architecture and rendering.
public struct SlideSpec: Sendable, Hashable, Codable {
    /// Render slides at all (false: tables only).
    public var render: Bool
    /// Level-0 size in pixels (≥ 256) and resolution, µm per pixel (0.25 … 1).
    public var widthPx: Int
    public var heightPx: Int
    public var micronsPerPixel: Double
    /// Tile edge, pixels (multiple of 16).
    public var tileSize: Int
    /// Fraction of patients that also get a PD-L1 IHC slide (0 … 1).
    public var pdl1Fraction: Double
    /// Target tumor-nest fraction of tissue (0.2 … 0.7) and whitespace fraction of the field (0 … 0.4).
    public var tumorFraction: Double
    public var whitespaceFraction: Double
    /// Typical nest diameter, µm (80 … 600).
    public var nestScaleMicrons: Double
    /// Tumor cells per mm² of nest; fibroblasts, macrophages per mm² of stroma and nest.
    public var tumorCellDensity: Double
    public var fibroblastDensity: Double
    public var macrophageDensity: RegionDensity
    /// Fraction of lymphocytes that are CD8+ (0 … 1).
    public var cd8LymphocyteFraction: Double
    /// Fractions of patients with a CD8 and a CD68 IHC slide (0 … 1).
    public var cd8Fraction: Double
    public var cd68Fraction: Double
    /// Width of the invasive margin (stroma next to nests) where excluded lymphocytes gather, µm.
    public var marginMicrons: Double
    /// Per-slide stain variation: SD of stain-vector angle (radians) and of stain amount (relative).
    public var stainAngleSD: Double
    public var stainAmountSD: Double
    /// Gaussian blur σ, pixels (0 … 2), and additive optical-density noise SD.
    public var blurSigmaPx: Double
    public var noiseSD: Double
    /// TIFF compression: "deflate" or "jpeg"; JPEG quality 50 … 95.
    public var compression: String
    public var jpegQuality: Int
}
