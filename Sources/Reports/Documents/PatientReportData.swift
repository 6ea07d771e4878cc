import Foundation

/// Everything a patient report shows, as plain values gathered by `Pipeline` (from the database,
/// the slide files and the Survival module). Every section is optional: a missing section is
/// named on the page ("no model score yet", "slide not quantified"), never left out silently.
public struct PatientReportData: Sendable, Hashable, Codable {
    public var identity: PatientIdentity
    public var outcome: PatientOutcome?
    /// Genomic biomarkers of the first sample; nil when no genomic data were ingested.
    public var genomics: GenomicBiomarkers?
    /// TME metrics of the first quantified H&E slide; nil when no slide was quantified.
    public var tissue: TissueBiomarkers?
    /// PD-L1 scores of the first quantified PD-L1 slide (or of the H&E slide's IHC columns).
    public var pdl1: PDL1Biomarkers?
    /// The newest model score; nil when no model has scored this patient yet.
    public var model: ModelScore?
    /// Cohort context for the charts (calibration, KM by risk group, distributions).
    public var cohort: CohortContext?
    /// Slides of the patient (H&E first), each with whatever figures could be made.
    public var slides: [SlideFigureData]
    /// Mutations in genes of interest (and the most supported others), at most a page.
    public var mutations: [MutationEntry]
    /// Total number of stored mutations of the patient (the table may show fewer).
    public var mutationCount: Int?
    public var provenance: Provenance

    public init(identity: PatientIdentity, outcome: PatientOutcome? = nil, genomics: GenomicBiomarkers? = nil,
                tissue: TissueBiomarkers? = nil, pdl1: PDL1Biomarkers? = nil, model: ModelScore? = nil,
                cohort: CohortContext? = nil, slides: [SlideFigureData] = [], mutations: [MutationEntry] = [],
                mutationCount: Int? = nil, provenance: Provenance) {
        self.identity = identity; self.outcome = outcome; self.genomics = genomics; self.tissue = tissue
        self.pdl1 = pdl1; self.model = model; self.cohort = cohort; self.slides = slides
        self.mutations = mutations; self.mutationCount = mutationCount; self.provenance = provenance
    }

    /// The modalities without data, in words, for the "missing" box.
    public var missingModalities: [String] {
        var out: [String] = []
        if genomics == nil { out.append("Genomics: no mutation/expression data ingested (TMB, GEP, MSI not available).") }
        if genomics != nil, genomics?.gepScore == nil {
            out.append("Expression: GEP score not available" + (genomics?.gepMissingReason.map { " (\($0))" } ?? "") + ".")
        }
        if slides.isEmpty { out.append("Slides: no slide registered.") }
        if !slides.isEmpty, tissue == nil { out.append("Slides: slide not quantified (no TIL/TAM densities, no phenotype).") }
        if pdl1 == nil { out.append("PD-L1: no quantified PD-L1 slide (TPS/CPS not available).") }
        if outcome == nil { out.append("Outcome: no response or survival data recorded.") }
        if model == nil { out.append("Model: no model score yet (no response probability, risk group or attention).") }
        return out
    }
}

/// Who the patient is (pseudonym only) and what was sampled.
public struct PatientIdentity: Sendable, Hashable, Codable {
    public var patientID: String
    public var cohort: String
    public var tumorType: String?
    public var histology: String?
    public var stage: String?
    public var ageYears: Double?
    public var sex: String?
    public var ecog: Int?
    public var lineOfTherapy: Int?
    public var priorTherapy: String?
    public var specimens: [Specimen]

    public init(patientID: String, cohort: String, tumorType: String? = nil, histology: String? = nil,
                stage: String? = nil, ageYears: Double? = nil, sex: String? = nil, ecog: Int? = nil,
                lineOfTherapy: Int? = nil, priorTherapy: String? = nil, specimens: [Specimen] = []) {
        self.patientID = patientID; self.cohort = cohort; self.tumorType = tumorType; self.histology = histology
        self.stage = stage; self.ageYears = ageYears; self.sex = sex; self.ecog = ecog
        self.lineOfTherapy = lineOfTherapy; self.priorTherapy = priorTherapy; self.specimens = specimens
    }
}

/// One tumor specimen.
public struct Specimen: Sendable, Hashable, Codable {
    public var sampleID: String
    public var sampleType: String?
    public var site: String?
    /// Collection date as stored (YYYY-MM-DD).
    public var collectionDate: String?
    public init(sampleID: String, sampleType: String? = nil, site: String? = nil, collectionDate: String? = nil) {
        self.sampleID = sampleID; self.sampleType = sampleType; self.site = site; self.collectionDate = collectionDate
    }
}

/// Observed outcome of immunotherapy.
public struct PatientOutcome: Sendable, Hashable, Codable {
    /// RECIST 1.1 best overall response: CR, PR, SD, PD, NE.
    public var bestResponse: String?
    public var osMonths: Double?
    public var osEvent: Bool?
    public var pfsMonths: Double?
    public var pfsEvent: Bool?
    public init(bestResponse: String? = nil, osMonths: Double? = nil, osEvent: Bool? = nil,
                pfsMonths: Double? = nil, pfsEvent: Bool? = nil) {
        self.bestResponse = bestResponse; self.osMonths = osMonths; self.osEvent = osEvent
        self.pfsMonths = pfsMonths; self.pfsEvent = pfsEvent
    }
}

/// Genomic biomarkers (tme.genomic_biomarkers).
public struct GenomicBiomarkers: Sendable, Hashable, Codable {
    public var tmbPerMb: Double?
    public var captureSizeMb: Double?
    public var nonsynonymousCount: Int?
    /// MSI-H, MSI-L or MSS as given by the input.
    public var msiStatus: String?
    /// T-cell-inflamed GEP (Ayers et al. 2017), z-score units.
    public var gepScore: Double?
    public var gepMissingReason: String?
    public var ifngScore: Double?
    public var cnvBurdenFraction: Double?
    /// Mutation status of the tumor-board key genes (STK11, KEAP1, EGFR, JAK1, JAK2, B2M, PTEN, POLE), in that order.
    public var keyGenes: [KeyGeneStatus] = []
    public init(tmbPerMb: Double? = nil, captureSizeMb: Double? = nil, nonsynonymousCount: Int? = nil,
                msiStatus: String? = nil, gepScore: Double? = nil, gepMissingReason: String? = nil,
                ifngScore: Double? = nil, cnvBurdenFraction: Double? = nil) {
        self.tmbPerMb = tmbPerMb; self.captureSizeMb = captureSizeMb; self.nonsynonymousCount = nonsynonymousCount
        self.msiStatus = msiStatus; self.gepScore = gepScore; self.gepMissingReason = gepMissingReason
        self.ifngScore = ifngScore; self.cnvBurdenFraction = cnvBurdenFraction
    }
}

/// One key gene's status: mutated (a nonsynonymous variant), wild-type (sequenced, none found) or not measured (nil).
public struct KeyGeneStatus: Sendable, Hashable, Codable {
    public var gene: String
    public var mutated: Bool?
    public init(gene: String, mutated: Bool?) { self.gene = gene; self.mutated = mutated }
}

/// Slide-level TME metrics of the H&E slide (tme.slide_tme).
public struct TissueBiomarkers: Sendable, Hashable, Codable {
    public var slideID: String
    public var lymphocyteDensityPerMm2: Double?
    public var intratumoralLymphocyteDensityPerMm2: Double?
    public var stromalLymphocyteDensityPerMm2: Double?
    public var macrophageDensityPerMm2: Double?
    public var stromalTILPercent: Double?
    public var macrophageLymphocyteRatio: Double?
    /// inflamed, excluded or desert.
    public var immunePhenotype: String?
    public var tissueAreaMm2: Double?
    public init(slideID: String, lymphocyteDensityPerMm2: Double? = nil, intratumoralLymphocyteDensityPerMm2: Double? = nil,
                stromalLymphocyteDensityPerMm2: Double? = nil, macrophageDensityPerMm2: Double? = nil,
                stromalTILPercent: Double? = nil, macrophageLymphocyteRatio: Double? = nil,
                immunePhenotype: String? = nil, tissueAreaMm2: Double? = nil) {
        self.slideID = slideID; self.lymphocyteDensityPerMm2 = lymphocyteDensityPerMm2
        self.intratumoralLymphocyteDensityPerMm2 = intratumoralLymphocyteDensityPerMm2
        self.stromalLymphocyteDensityPerMm2 = stromalLymphocyteDensityPerMm2
        self.macrophageDensityPerMm2 = macrophageDensityPerMm2; self.stromalTILPercent = stromalTILPercent
        self.macrophageLymphocyteRatio = macrophageLymphocyteRatio; self.immunePhenotype = immunePhenotype
        self.tissueAreaMm2 = tissueAreaMm2
    }
}

/// PD-L1 IHC scores (22C3 conventions).
public struct PDL1Biomarkers: Sendable, Hashable, Codable {
    public var slideID: String
    public var tpsPercent: Double?
    public var cps: Double?
    /// ≥ 100 viable tumor cells counted.
    public var adequate: Bool?
    public init(slideID: String, tpsPercent: Double? = nil, cps: Double? = nil, adequate: Bool? = nil) {
        self.slideID = slideID; self.tpsPercent = tpsPercent; self.cps = cps; self.adequate = adequate
    }
}

/// The newest model score of the patient and the model it came from.
public struct ModelScore: Sendable, Hashable, Codable {
    public var modelID: String
    public var kind: String
    public var gitCommit: String?
    public var weightsSHA256: String?
    public var responseProbability: Double?
    public var responseProbabilityLower: Double?
    public var responseProbabilityUpper: Double?
    public var riskScore: Double?
    /// low or high (split at the training cohort's median risk score).
    public var riskGroup: String?
    public var modalitiesUsed: [String]
    /// The model's configuration as stored (JSON text), printed in the appendix.
    public var configJSON: String
    /// How this patient's score was obtained: "out_of_fold" (the patient was in the training cohort and only the
    /// fold model(s) trained without it scored it), "external", or nil (scored before this was recorded).
    public var evaluation: String?
    /// The model's held-out performance from its training cross-validation, in words with intervals
    /// (e.g. "AUC 0.868 (0.757–0.949) · Brier 0.125 … out-of-fold, 5-fold cross-validation on cohort demo, n = 64").
    public var heldOutPerformance: String?
    /// Warnings recorded when the model was trained (events per variable, …), printed in the methods.
    public var trainingWarnings: [String] = []
    public init(modelID: String, kind: String, gitCommit: String? = nil, weightsSHA256: String? = nil,
                responseProbability: Double? = nil, responseProbabilityLower: Double? = nil,
                responseProbabilityUpper: Double? = nil, riskScore: Double? = nil, riskGroup: String? = nil,
                modalitiesUsed: [String] = [], configJSON: String = "{}") {
        self.modelID = modelID; self.kind = kind; self.gitCommit = gitCommit; self.weightsSHA256 = weightsSHA256
        self.responseProbability = responseProbability; self.responseProbabilityLower = responseProbabilityLower
        self.responseProbabilityUpper = responseProbabilityUpper; self.riskScore = riskScore
        self.riskGroup = riskGroup; self.modalitiesUsed = modalitiesUsed; self.configJSON = configJSON
    }
}

/// The cohort seen from one patient's report: curves and distributions with this patient marked.
public struct CohortContext: Sendable, Hashable, Codable {
    /// Overall survival by model risk group (empty without a model); log-rank p.
    public var riskGroupCurves: [KMCurveData]
    public var riskGroupLogRankP: Double?
    /// Reliability bins of the model's response probability in the cohort; empty without a model.
    public var calibrationBins: [CalibrationBin]
    public var brierScore: Double?
    public var tmbValues: [Double]
    public var lymphocyteDensityValues: [Double]
    public init(riskGroupCurves: [KMCurveData] = [], riskGroupLogRankP: Double? = nil,
                calibrationBins: [CalibrationBin] = [], brierScore: Double? = nil,
                tmbValues: [Double] = [], lymphocyteDensityValues: [Double] = []) {
        self.riskGroupCurves = riskGroupCurves; self.riskGroupLogRankP = riskGroupLogRankP
        self.calibrationBins = calibrationBins; self.brierScore = brierScore
        self.tmbValues = tmbValues; self.lymphocyteDensityValues = lymphocyteDensityValues
    }
}

/// One row of the key-mutations table.
public struct MutationEntry: Sendable, Hashable, Codable {
    public var gene: String
    public var proteinChange: String?
    public var classification: String
    /// Variant allele fraction t_alt / (t_alt + t_ref), 0…1.
    public var variantAlleleFraction: Double?
    public init(gene: String, proteinChange: String? = nil, classification: String, variantAlleleFraction: Double? = nil) {
        self.gene = gene; self.proteinChange = proteinChange; self.classification = classification
        self.variantAlleleFraction = variantAlleleFraction
    }
}

/// Where the report's numbers came from: input files with hashes, parameters, tool version.
public struct Provenance: Sendable, Hashable, Codable {
    public struct Input: Sendable, Hashable, Codable {
        /// What the file is (clinical, mutations, slide H&E, …).
        public var kind: String
        public var name: String
        public var sha256: String?
        public init(kind: String, name: String, sha256: String?) { self.kind = kind; self.name = name; self.sha256 = sha256 }
    }
    /// A named parameter set (JSON text), printed as is.
    public struct ParameterSet: Sendable, Hashable, Codable {
        public var name: String
        public var json: String
        public init(name: String, json: String) { self.name = name; self.json = json }
    }
    public var inputs: [Input]
    public var parameters: [ParameterSet]
    public var toolVersion: String
    public var generatedAt: Date
    public init(inputs: [Input] = [], parameters: [ParameterSet] = [], toolVersion: String, generatedAt: Date) {
        self.inputs = inputs; self.parameters = parameters; self.toolVersion = toolVersion; self.generatedAt = generatedAt
    }
}
