import BiomarkerStore
import Foundation
import Reports

/// Reads a cohort's one-row-per-patient values from `tme.biomarker_summary`.
public enum CohortRows {
    static let selectCohort = "SELECT cohort_id, description FROM tme.cohorts WHERE name = $1"
    static let selectPatients = """
        SELECT patient_id, age_years, sex, tumor_type, stage, ecog, best_response, os_months, os_event,
               tmb_per_mb, pdl1_tps_percent, pdl1_cps, msi_status, gep_score, lymphocyte_density_per_mm2,
               macrophage_density_per_mm2, stromal_til_percent, immune_phenotype, response_probability, risk_score, risk_group, model_id,
               evaluation
        FROM tme.biomarker_summary WHERE cohort = $1 ORDER BY patient_id
        """

    /// The cohort's id and description; throws `unknownCohort` when it does not exist.
    public static func cohort(_ name: String, on connection: Connection) throws -> (id: Int, description: String?) {
        guard let row = try connection.query(selectCohort, [name], name: "report cohort").first else {
            throw ReportPipelineError.unknownCohort(name)
        }
        return (try row.decode("cohort_id"), try row.decode("description"))
    }

    /// Every patient of the cohort, ordered by patient ID, and the newest model id seen.
    public static func patients(cohort: String, on connection: Connection) throws -> (patients: [CohortPatient], modelID: String?) {
        var modelID: String?
        let rows = try connection.query(selectPatients, [cohort], name: "report cohort patients")
        let patients = try rows.map { r -> CohortPatient in
            var p = CohortPatient(patientID: try r.decode("patient_id"))
            p.ageYears = try r.decode("age_years"); p.sex = try r.decode("sex"); p.tumorType = try r.decode("tumor_type")
            p.stage = try r.decode("stage"); p.ecog = try r.decode("ecog"); p.bestResponse = try r.decode("best_response")
            p.osMonths = try r.decode("os_months"); p.osEvent = try r.decode("os_event"); p.tmbPerMb = try r.decode("tmb_per_mb")
            p.pdl1TPSPercent = try r.decode("pdl1_tps_percent"); p.pdl1CPS = try r.decode("pdl1_cps")
            p.msiStatus = try r.decode("msi_status"); p.gepScore = try r.decode("gep_score")
            p.lymphocyteDensityPerMm2 = try r.decode("lymphocyte_density_per_mm2")
            p.macrophageDensityPerMm2 = try r.decode("macrophage_density_per_mm2")
            p.stromalTILPercent = try r.decode("stromal_til_percent"); p.immunePhenotype = try r.decode("immune_phenotype")
            p.responseProbability = try r.decode("response_probability"); p.riskGroup = try r.decode("risk_group")
            p.scoreEvaluation = try r.decode("evaluation"); p.riskScore = try r.decode("risk_score")
            if let m: String = try r.decode("model_id") { modelID = modelID ?? m }
            return p
        }
        return (patients, modelID)
    }

    /// The cohort's ingested input files with their SHA-256 (provenance).
    static let selectInputs = "SELECT kind, file_name, sha256 FROM tme.ingested_files WHERE cohort_id = $1 ORDER BY kind"

    public static func inputs(cohortID: Int, on connection: Connection) throws -> [Provenance.Input] {
        try connection.query(selectInputs, [cohortID], name: "report inputs").map {
            Provenance.Input(kind: try $0.decode("kind"), name: try $0.decode("file_name"), sha256: try $0.decode("sha256"))
        }
    }
}
