import BiomarkerStore
import Foundation
import Reports
import TMECore

/// Gathers one patient's report data from the database (and the slide files, through
/// `SlideFigureLoader`). Every section is read independently and left nil when absent.
public struct PatientReportLoader {
    public let connection: Connection
    public let parameters: ReportParameters

    public init(connection: Connection, parameters: ReportParameters = ReportParameters()) {
        self.connection = connection; self.parameters = parameters
    }

    static let selectPatient = """
        SELECT p.patient_pk, p.patient_id, p.age_years, p.sex, p.tumor_type, p.histology, p.stage, p.ecog,
               p.line_of_therapy, p.prior_therapy
        FROM tme.patients p JOIN tme.cohorts c ON c.cohort_id = p.cohort_id
        WHERE c.name = $1 AND p.patient_id = $2
        """
    static let selectSamples = """
        SELECT sample_id, sample_type, specimen_site, collection_date::text AS collection_date
        FROM tme.samples WHERE patient_pk = $1 ORDER BY sample_id
        """
    static let selectOutcome = "SELECT best_response, os_months, os_event, pfs_months, pfs_event FROM tme.outcomes WHERE patient_pk = $1"
    static let selectGenomics = """
        SELECT g.tmb_per_mb, g.capture_size_mb, g.nonsynonymous_count, g.msi_status, g.gep_score, g.gep_missing_reason,
               g.ifng_score, g.cnv_burden_fraction, g.stk11_mutated, g.keap1_mutated, g.egfr_mutated, g.jak1_mutated,
               g.jak2_mutated, g.b2m_mutated, g.pten_mutated, g.pole_mutated
        FROM tme.samples sa JOIN tme.genomic_biomarkers g ON g.sample_pk = sa.sample_pk
        WHERE sa.patient_pk = $1 ORDER BY sa.sample_id LIMIT 1
        """
    static let selectSlideMetrics = """
        SELECT s.slide_id, s.stain, m.lymphocyte_density_per_mm2, m.intratumoral_lymphocyte_density_per_mm2,
               m.stromal_lymphocyte_density_per_mm2, m.macrophage_density_per_mm2, m.stromal_til_percent,
               m.macrophage_lymphocyte_ratio, m.immune_phenotype, m.tissue_area_mm2, m.pdl1_tps_percent, m.pdl1_cps,
               m.ihc_adequate, m.parameters::text AS parameters, m.detector, m.detector_model, m.detector_weights_sha256
        FROM tme.slides s JOIN tme.slide_tme m ON m.slide_pk = s.slide_pk
        WHERE s.patient_pk = $1 ORDER BY s.slide_id
        """
    static let selectModel = """
        SELECT r.model_run_pk, r.model_id, r.kind, r.git_commit, r.weights_sha256, r.config::text AS config,
               pr.response_probability, pr.response_probability_lower, pr.response_probability_upper, pr.risk_score,
               pr.risk_group, array_to_string(pr.modalities_used, ',') AS modalities, pr.evaluation
        FROM tme.predictions pr JOIN tme.model_runs r ON r.model_run_pk = pr.model_run_pk
        WHERE pr.patient_pk = $1 ORDER BY r.created_at DESC, r.model_run_pk DESC LIMIT 1
        """
    static let nonsynonymous = ["Missense_Mutation", "Nonsense_Mutation", "Frame_Shift_Del", "Frame_Shift_Ins",
                                "In_Frame_Del", "In_Frame_Ins", "Splice_Site", "Translation_Start_Site", "Nonstop_Mutation"]
    static let keyGenes = ["STK11", "KEAP1", "PTEN", "B2M", "JAK1", "JAK2", "POLE", "TP53", "KRAS", "EGFR"]
    static let selectMutations = """
        SELECT m.hugo_symbol, m.hgvsp_short, m.variant_classification, m.t_alt_count, m.t_ref_count
        FROM tme.mutations m JOIN tme.samples sa ON sa.sample_pk = m.sample_pk
        WHERE sa.patient_pk = $1 AND m.variant_classification = ANY($2::text[])
        ORDER BY (m.hugo_symbol = ANY($3::text[])) DESC, m.hugo_symbol, m.start_position
        LIMIT $4
        """
    static let countMutations = """
        SELECT count(*) AS n FROM tme.mutations m JOIN tme.samples sa ON sa.sample_pk = m.sample_pk
        WHERE sa.patient_pk = $1 AND m.variant_classification = ANY($2::text[])
        """

    /// Loads everything for `patientID` of `cohort`. `cohortPatients` (the cohort's rows) may be
    /// passed in when many patients of one cohort are rendered, so they are read once.
    public func load(patientID: String, cohort: String, cohortPatients: [CohortPatient]? = nil,
                     generatedAt: Date = Date()) throws -> PatientReportData {
        let cohortInfo = try CohortRows.cohort(cohort, on: connection)
        guard let row = try connection.query(Self.selectPatient, [cohort, patientID], name: "report patient").first else {
            throw ReportPipelineError.unknownPatient(cohort: cohort)
        }
        let pk: Int = try row.decode("patient_pk")
        let specimens = try connection.query(Self.selectSamples, [pk], name: "report samples").map {
            Specimen(sampleID: try $0.decode("sample_id"), sampleType: try $0.decode("sample_type"),
                     site: try $0.decode("specimen_site"), collectionDate: try $0.decode("collection_date"))
        }
        let identity = PatientIdentity(patientID: try row.decode("patient_id"), cohort: cohort, tumorType: try row.decode("tumor_type"),
                                       histology: try row.decode("histology"), stage: try row.decode("stage"),
                                       ageYears: try row.decode("age_years"), sex: try row.decode("sex"), ecog: try row.decode("ecog"),
                                       lineOfTherapy: try row.decode("line_of_therapy"), priorTherapy: try row.decode("prior_therapy"),
                                       specimens: specimens)
        var data = PatientReportData(identity: identity, provenance: Provenance(toolVersion: TMEVersion.string, generatedAt: generatedAt))
        data.outcome = try outcome(pk)
        data.genomics = try genomics(pk)
        var quantificationParameters: String?
        var detectorInput: Provenance.Input?
        for m in try connection.query(Self.selectSlideMetrics, [pk], name: "report slide metrics") {
            let slideID: String = try m.decode("slide_id"), stain: String = try m.decode("stain")
            if stain == "H&E", data.tissue == nil {
                data.tissue = TissueBiomarkers(
                    slideID: slideID, lymphocyteDensityPerMm2: try m.decode("lymphocyte_density_per_mm2"),
                    intratumoralLymphocyteDensityPerMm2: try m.decode("intratumoral_lymphocyte_density_per_mm2"),
                    stromalLymphocyteDensityPerMm2: try m.decode("stromal_lymphocyte_density_per_mm2"),
                    macrophageDensityPerMm2: try m.decode("macrophage_density_per_mm2"),
                    stromalTILPercent: try m.decode("stromal_til_percent"),
                    macrophageLymphocyteRatio: try m.decode("macrophage_lymphocyte_ratio"),
                    immunePhenotype: try m.decode("immune_phenotype"), tissueAreaMm2: try m.decode("tissue_area_mm2"))
                quantificationParameters = try m.decode("parameters")
                let detector: String = try m.decode("detector"), model: String? = try m.decode("detector_model")
                detectorInput = Provenance.Input(kind: "Nucleus detector", name: detector + (model.map { " (\($0))" } ?? ""),
                                                 sha256: try m.decode("detector_weights_sha256"))
            }
            if stain == "PD-L1", data.pdl1 == nil {
                data.pdl1 = PDL1Biomarkers(slideID: slideID, tpsPercent: try m.decode("pdl1_tps_percent"),
                                           cps: try m.decode("pdl1_cps"), adequate: try m.decode("ihc_adequate"))
            }
        }
        let (model, modelRun) = try self.model(pk)
        data.model = model
        let (mutations, count) = try self.mutations(pk)
        data.mutations = mutations
        data.mutationCount = data.genomics == nil && count == 0 ? nil : count
        let rows = try cohortPatients ?? CohortRows.patients(cohort: cohort, on: connection).patients
        data.cohort = Self.context(rows)
        let slides = try SlideFigureLoader(connection: connection, parameters: parameters)
            .load(patientPK: pk, modelRunPK: modelRun)
        data.slides = slides.figures
        data.provenance.inputs = try CohortRows.inputs(cohortID: cohortInfo.id, on: connection) + slides.inputs
            + (detectorInput.map { [$0] } ?? [])
        data.provenance.parameters = [Provenance.ParameterSet(name: "Report parameters", json: parameters.json)]
        if let q = quantificationParameters, q != "{}" {
            data.provenance.parameters.append(Provenance.ParameterSet(name: "Quantification parameters", json: q))
        }
        return data
    }

    /// The cohort context: KM by risk group, calibration and distributions.
    public static func context(_ rows: [CohortPatient]) -> CohortContext {
        var c = CohortContext(tmbValues: rows.compactMap(\.tmbPerMb), lymphocyteDensityValues: rows.compactMap(\.lymphocyteDensityPerMm2))
        if rows.contains(where: { $0.riskGroup != nil }) {
            let panel = ReportStatistics.riskGroupPanel(rows)
            c.riskGroupCurves = panel.curves
            c.riskGroupLogRankP = panel.logRankP
        }
        let scored = rows.compactMap { p -> (Double, Bool)? in
            guard let s = p.responseProbability, let y = p.objectiveResponse else { return nil }
            return (s, y)
        }
        c.calibrationBins = ResponseMetrics.calibrationBins(predictions: scored.map(\.0), outcomes: scored.map(\.1))
        c.brierScore = ResponseMetrics.brier(predictions: scored.map(\.0), outcomes: scored.map(\.1))
        return c
    }

    private func outcome(_ pk: Int) throws -> PatientOutcome? {
        guard let r = try connection.query(Self.selectOutcome, [pk], name: "report outcome").first else { return nil }
        return PatientOutcome(bestResponse: try r.decode("best_response"), osMonths: try r.decode("os_months"),
                              osEvent: try r.decode("os_event"), pfsMonths: try r.decode("pfs_months"), pfsEvent: try r.decode("pfs_event"))
    }

    private func genomics(_ pk: Int) throws -> GenomicBiomarkers? {
        guard let r = try connection.query(Self.selectGenomics, [pk], name: "report genomics").first else { return nil }
        var g = GenomicBiomarkers(tmbPerMb: try r.decode("tmb_per_mb"), captureSizeMb: try r.decode("capture_size_mb"),
                                 nonsynonymousCount: try r.decode("nonsynonymous_count"), msiStatus: try r.decode("msi_status"),
                                 gepScore: try r.decode("gep_score"), gepMissingReason: try r.decode("gep_missing_reason"),
                                 ifngScore: try r.decode("ifng_score"), cnvBurdenFraction: try r.decode("cnv_burden_fraction"))
        g.keyGenes = try Self.panelGenes.map { KeyGeneStatus(gene: $0, mutated: try r.decode($0.lowercased() + "_mutated")) }
        return g
    }

    /// The key-gene panel of the patient report, in the order shown.
    static let panelGenes = ["STK11", "KEAP1", "EGFR", "JAK1", "JAK2", "B2M", "PTEN", "POLE"]

    private func model(_ pk: Int) throws -> (ModelScore?, Int?) {
        guard let r = try connection.query(Self.selectModel, [pk], name: "report model").first else { return (nil, nil) }
        let modalities: String = try r.decode("modalities")
        var score = ModelScore(modelID: try r.decode("model_id"), kind: try r.decode("kind"), gitCommit: try r.decode("git_commit"),
                               weightsSHA256: try r.decode("weights_sha256"),
                               responseProbability: try r.decode("response_probability"),
                               responseProbabilityLower: try r.decode("response_probability_lower"),
                               responseProbabilityUpper: try r.decode("response_probability_upper"),
                               riskScore: try r.decode("risk_score"), riskGroup: try r.decode("risk_group"),
                               modalitiesUsed: modalities.split(separator: ",").map(String.init), configJSON: try r.decode("config"))
        score.evaluation = try r.decode("evaluation")
        if let run = try ModelRunInfo.load(modelID: score.modelID, on: connection) {
            score.trainingWarnings = run.warnings
            if let fusion = run.fusion {
                score.heldOutPerformance = HeldOutPerformance.figures(fusion) + " (out-of-fold, "
                    + "\(run.folds.map { "\($0)-fold" } ?? "k-fold") cross-validation"
                    + (run.trainingCohort.map { " on \($0)" } ?? "")
                    + ", n = \(fusion.patients), \(fusion.responders) responders, \(fusion.events) deaths; bootstrap 95 % CI)"
            }
        }
        return (score, try r.decode("model_run_pk"))
    }

    private func mutations(_ pk: Int) throws -> ([MutationEntry], Int) {
        let classes = SQLTextArray(Self.nonsynonymous)
        let rows = try connection.query(Self.selectMutations, [pk, classes, SQLTextArray(Self.keyGenes), parameters.maxMutationRows],
                                        name: "report mutations")
        let entries = try rows.map { r -> MutationEntry in
            let alt: Int? = try r.decode("t_alt_count"), ref: Int? = try r.decode("t_ref_count")
            var vaf: Double?
            if let alt, let ref, alt + ref > 0 { vaf = Double(alt) / Double(alt + ref) }
            return MutationEntry(gene: try r.decode("hugo_symbol"), proteinChange: try r.decode("hgvsp_short"),
                                 classification: try r.decode("variant_classification"), variantAlleleFraction: vaf)
        }
        let count: Int = try connection.query(Self.countMutations, [pk, classes], name: "report mutation count").first?.decode("n") ?? 0
        return (entries, count)
    }
}
