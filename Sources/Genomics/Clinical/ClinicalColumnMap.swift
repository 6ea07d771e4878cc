/// Which column of a clinical or outcome table holds which field. Every field but `patientId` is
/// optional: nil means the table does not carry it. Column names are matched exactly.
public struct ClinicalColumnMap: Sendable, Hashable, Codable {
    public var patientId: String
    /// Set for sample-level tables (one row per sample, each naming its patient).
    public var sampleId: String?
    /// Age in years at diagnosis or therapy start, 0…130.
    public var age: String?
    /// female, male, other or unknown (F/M and capitalised forms accepted).
    public var sex: String?
    /// Tumour type, e.g. NSCLC, melanoma.
    public var tumorType: String?
    public var stage: String?
    public var histology: String?
    /// Prior systemic therapy, free text.
    public var priorTherapy: String?
    /// ECOG performance status, integer 0…5.
    public var ecog: String?
    /// Line of therapy, integer ≥ 1.
    public var lineOfTherapy: String?
    /// RECIST best overall response (CR, PR, SD, PD).
    public var bestResponse: String?
    /// Overall survival time in months, ≥ 0, and its status column.
    public var osMonths: String?
    public var osStatus: String?
    /// Progression-free survival time in months, ≥ 0, and its status column.
    public var pfsMonths: String?
    public var pfsStatus: String?
    /// MSI status (MSI-H, MSI-L, MSS).
    public var msiStatus: String?
    /// Genome build of the sample's sequencing (e.g. GRCh37), when the table records it.
    public var genomeBuild: String?
    /// Whether the sample's DNA was sequenced (true/false, yes/no, 1/0); absent: every sample counts as sequenced
    /// when a MAF is given. A sample-level column, set after `init` (TMEScope's ingest uses `sequenced` when present).
    public var sequenced: String?

    public init(patientId: String, sampleId: String? = nil, age: String? = nil, sex: String? = nil, tumorType: String? = nil,
                stage: String? = nil, histology: String? = nil, priorTherapy: String? = nil, ecog: String? = nil, lineOfTherapy: String? = nil,
                bestResponse: String? = nil, osMonths: String? = nil, osStatus: String? = nil,
                pfsMonths: String? = nil, pfsStatus: String? = nil, msiStatus: String? = nil,
                genomeBuild: String? = nil) {
        self.patientId = patientId
        self.sampleId = sampleId
        self.age = age
        self.sex = sex
        self.tumorType = tumorType
        self.stage = stage
        self.histology = histology
        self.priorTherapy = priorTherapy
        self.ecog = ecog
        self.lineOfTherapy = lineOfTherapy
        self.bestResponse = bestResponse
        self.osMonths = osMonths
        self.osStatus = osStatus
        self.pfsMonths = pfsMonths
        self.pfsStatus = pfsStatus
        self.msiStatus = msiStatus
        self.genomeBuild = genomeBuild
    }

    /// cBioPortal `data_clinical_patient.txt` with the usual attribute names.
    public static let cBioPortalPatient = ClinicalColumnMap(
        patientId: "PATIENT_ID", age: "AGE", sex: "SEX", stage: "STAGE", histology: "HISTOLOGY",
        priorTherapy: "PRIOR_THERAPY", ecog: "ECOG", lineOfTherapy: "LINE_OF_THERAPY", bestResponse: "BEST_RESPONSE",
        osMonths: "OS_MONTHS", osStatus: "OS_STATUS", pfsMonths: "PFS_MONTHS", pfsStatus: "PFS_STATUS")

    /// cBioPortal `data_clinical_sample.txt`: SAMPLE_ID → PATIENT_ID, with MSI status. Tumour type and
    /// histology (ONCOTREE_CODE, CANCER_TYPE_DETAILED) are sample attributes in cBioPortal studies; pass
    /// ``cBioPortalSampleDetailed`` to read them too.
    public static let cBioPortalSample = ClinicalColumnMap(
        patientId: "PATIENT_ID", sampleId: "SAMPLE_ID", msiStatus: "MSI_STATUS")

    /// ``cBioPortalSample`` plus tumour type (ONCOTREE_CODE) and histology (CANCER_TYPE_DETAILED).
    public static let cBioPortalSampleDetailed = ClinicalColumnMap(
        patientId: "PATIENT_ID", sampleId: "SAMPLE_ID", tumorType: "ONCOTREE_CODE", histology: "CANCER_TYPE_DETAILED",
        msiStatus: "MSI_STATUS")

    /// TMEScope `clinical.tsv` (as CohortSimulator writes it): one row per patient and its sample.
    public static let tmescopeClinical = ClinicalColumnMap(
        patientId: "patient_id", sampleId: "sample_id", age: "age_years", sex: "sex", tumorType: "tumor_type",
        stage: "stage", histology: "histology", priorTherapy: "prior_therapy", ecog: "ecog",
        lineOfTherapy: "line_of_therapy")

    /// TMEScope `outcomes.tsv`.
    public static let tmescopeOutcomes = ClinicalColumnMap(
        patientId: "patient_id", bestResponse: "best_response", osMonths: "os_months", osStatus: "os_event",
        pfsMonths: "pfs_months", pfsStatus: "pfs_event")

    /// Declared (field, column) pairs, in a fixed order.
    var declared: [(field: String, column: String)] {
        let pairs: [(String, String?)] = [
            ("patientId", patientId), ("sampleId", sampleId), ("age", age), ("sex", sex), ("tumorType", tumorType),
            ("stage", stage), ("histology", histology), ("priorTherapy", priorTherapy), ("ecog", ecog), ("lineOfTherapy", lineOfTherapy),
            ("bestResponse", bestResponse), ("osMonths", osMonths), ("osStatus", osStatus),
            ("pfsMonths", pfsMonths), ("pfsStatus", pfsStatus), ("msiStatus", msiStatus), ("genomeBuild", genomeBuild),
            ("sequenced", sequenced),
        ]
        return pairs.compactMap { pair in pair.1.map { (pair.0, $0) } }
    }
}
