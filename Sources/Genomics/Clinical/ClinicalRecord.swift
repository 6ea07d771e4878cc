/// One validated row of a clinical or outcome table. Fields the column map does not declare, and
/// missing values (empty, NA, [Not Available]), are nil.
public struct ClinicalRecord: Sendable, Hashable, Codable {
    public var patientId: String
    public var sampleId: String?
    public var ageYears: Double?
    public var sex: Sex?
    public var tumorType: String?
    public var stage: String?
    public var histology: String?
    public var priorTherapy: String?
    public var ecog: Int?
    public var lineOfTherapy: Int?
    public var bestResponse: BestResponse?
    public var overallSurvival: SurvivalTime?
    public var progressionFreeSurvival: SurvivalTime?
    public var msiStatus: MSIStatus?
    public var genomeBuild: String?
    /// Whether the sample was sequenced, when the table says (`ClinicalColumnMap.sequenced`).
    public var sequenced: Bool?
    /// Source line (for messages downstream, e.g. unknown patient references).
    public var sourceLine: Int

    public init(patientId: String, sampleId: String? = nil, ageYears: Double? = nil, sex: Sex? = nil, tumorType: String? = nil,
                stage: String? = nil, histology: String? = nil, priorTherapy: String? = nil, ecog: Int? = nil, lineOfTherapy: Int? = nil,
                bestResponse: BestResponse? = nil, overallSurvival: SurvivalTime? = nil,
                progressionFreeSurvival: SurvivalTime? = nil, msiStatus: MSIStatus? = nil,
                genomeBuild: String? = nil, sourceLine: Int = 0) {
        self.patientId = patientId
        self.sampleId = sampleId
        self.ageYears = ageYears
        self.sex = sex
        self.tumorType = tumorType
        self.stage = stage
        self.histology = histology
        self.priorTherapy = priorTherapy
        self.ecog = ecog
        self.lineOfTherapy = lineOfTherapy
        self.bestResponse = bestResponse
        self.overallSurvival = overallSurvival
        self.progressionFreeSurvival = progressionFreeSurvival
        self.msiStatus = msiStatus
        self.genomeBuild = genomeBuild
        self.sourceLine = sourceLine
    }
}
