import Foundation

/// Everything a cohort report shows, as plain values gathered by `Pipeline`. Sections without
/// data (no outcomes, no model, no criteria) are named on the page.
public struct CohortReportData: Sendable, Hashable, Codable {
    public var cohort: String
    public var description: String?
    public var patients: [CohortPatient]
    /// Objective response rate per biomarker stratum.
    public var responseByStratum: [StratumResponse]
    /// Overall-survival KM panels (TMB, PD-L1, phenotype, …).
    public var survivalPanels: [SurvivalPanel]
    /// Multivariable Cox model of overall survival for the forest plot.
    public var coxRows: [ForestRow]
    /// "n = 58, 31 events, C = 0.66, LR test p = 0.003" or why the model could not be fitted.
    public var coxNote: String
    public var responseScore: ResponseScoreEvaluation?
    /// The overall-survival row of the summary (reverse Kaplan–Meier median follow-up, IQR, deaths); nil: deaths only.
    public var followUp: String? = nil
    /// How the model risk groups of the KM panel and the response table were obtained (empty without a model).
    public var riskGroupNote: String = ""
    public var screening: ScreeningTable?
    public var provenance: Provenance

    public init(cohort: String, description: String? = nil, patients: [CohortPatient], responseByStratum: [StratumResponse] = [],
                survivalPanels: [SurvivalPanel] = [], coxRows: [ForestRow] = [], coxNote: String = "",
                responseScore: ResponseScoreEvaluation? = nil, screening: ScreeningTable? = nil, provenance: Provenance) {
        self.cohort = cohort; self.description = description; self.patients = patients
        self.responseByStratum = responseByStratum; self.survivalPanels = survivalPanels; self.coxRows = coxRows
        self.coxNote = coxNote; self.responseScore = responseScore; self.screening = screening; self.provenance = provenance
    }
}

/// One patient's row of the cohort (tme.biomarker_summary).
public struct CohortPatient: Sendable, Hashable, Codable {
    public var patientID: String
    public var ageYears: Double?
    public var sex: String?
    public var tumorType: String?
    public var stage: String?
    public var ecog: Int?
    public var bestResponse: String?
    public var osMonths: Double?
    public var osEvent: Bool?
    public var tmbPerMb: Double?
    public var pdl1TPSPercent: Double?
    public var pdl1CPS: Double?
    public var msiStatus: String?
    public var gepScore: Double?
    public var lymphocyteDensityPerMm2: Double?
    public var macrophageDensityPerMm2: Double?
    public var stromalTILPercent: Double?
    public var immunePhenotype: String?
    public var responseProbability: Double?
    /// Model survival risk score (log relative hazard).
    public var riskScore: Double?
    public var riskGroup: String?
    /// How the score was obtained: "out_of_fold" (held out by the training cross-validation) or "external".
    public var scoreEvaluation: String?

    public init(patientID: String) { self.patientID = patientID }

    /// CR/PR true, SD/PD false, NE or missing nil.
    public var objectiveResponse: Bool? {
        switch bestResponse {
        case "CR", "PR": return true
        case "SD", "PD": return false
        default: return nil
        }
    }
}

/// Objective response in one stratum of one biomarker, with a 95 % Wilson interval.
public struct StratumResponse: Sendable, Hashable, Codable {
    public var biomarker: String
    public var stratum: String
    public var evaluable: Int
    public var responders: Int
    public var lower: Double
    public var upper: Double
    public init(biomarker: String, stratum: String, evaluable: Int, responders: Int, lower: Double, upper: Double) {
        self.biomarker = biomarker; self.stratum = stratum; self.evaluable = evaluable; self.responders = responders
        self.lower = lower; self.upper = upper
    }
    public var rate: Double { evaluable > 0 ? Double(responders) / Double(evaluable) : .nan }
}

/// One Kaplan–Meier panel: curves by strata of a biomarker and the log-rank p, or why it is empty.
public struct SurvivalPanel: Sendable, Hashable, Codable {
    public var title: String
    public var curves: [KMCurveData]
    public var logRankP: Double?
    /// Shown instead of the chart when there are no curves (e.g. "fewer than two strata with data").
    public var note: String
    public init(title: String, curves: [KMCurveData], logRankP: Double?, note: String = "") {
        self.title = title; self.curves = curves; self.logRankP = logRankP; self.note = note
    }
}

/// How well the model's response probability separates and calibrates in this cohort.
public struct ResponseScoreEvaluation: Sendable, Hashable, Codable {
    public var modelID: String
    public var roc: ROCCurveData
    public var calibrationBins: [CalibrationBin]
    public var brierScore: Double
    public var patients: Int
    public var responders: Int
    /// How the scores were obtained and the figures computed, in words (e.g. "out-of-fold predictions of
    /// 5-fold cross-validation, n = 64, 40 deaths; AUC interval: 1000 bootstrap resamples"), printed under the charts.
    public var method: String
    /// The headline figures as text with their intervals (AUC, Brier, C-index), printed under the charts.
    public var figures: String
    /// Warnings recorded when the model was trained (events per variable, separation, convergence).
    public var warnings: [String]
    public init(modelID: String, roc: ROCCurveData, calibrationBins: [CalibrationBin], brierScore: Double,
                patients: Int, responders: Int, method: String = "", figures: String = "", warnings: [String] = []) {
        self.modelID = modelID; self.roc = roc; self.calibrationBins = calibrationBins
        self.brierScore = brierScore; self.patients = patients; self.responders = responders
        self.method = method; self.figures = figures; self.warnings = warnings
    }
}

/// The screening of the cohort against a criteria set: one row per patient.
public struct ScreeningTable: Sendable, Hashable, Codable {
    public struct Row: Sendable, Hashable, Codable {
        public var patientID: String
        /// eligible, undetermined or ineligible.
        public var status: String
        /// "pass", "FAIL" or "?" per criterion.
        public var verdicts: [String]
        public init(patientID: String, status: String, verdicts: [String]) {
            self.patientID = patientID; self.status = status; self.verdicts = verdicts
        }
    }
    /// Where the criteria came from (file name).
    public var source: String
    public var criteria: [String]
    public var rows: [Row]
    public init(source: String, criteria: [String], rows: [Row]) { self.source = source; self.criteria = criteria; self.rows = rows }
}
