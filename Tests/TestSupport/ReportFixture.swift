import BiomarkerStore
import Foundation
import Pipeline
import TMECore

/// A small synthetic cohort written straight into the database, with one real slide file, for
/// report tests, `tme-bench report` and example pages. Values are a pure function of the seed
/// (SplitMix64), so a reproducible report of it has stable text.
///
/// Patients P01…P`n`: clinical values, outcomes (OS from a proportional-hazards rule, censored at
/// 36 months), genomic biomarkers and mutations, an H&E slide (all pointing to the one fixture
/// slide, tiles scaled per patient) with TME metrics and PD-L1 scores, and a model run scoring
/// every patient but P02. P02 has no slide, no genomics and no score, and hostile text (quotes,
/// percent signs, CJK, a 500-character histology) to test safe rendering.
public enum ReportFixture {
    public static let cohort = "fixture"
    public static let modelID = "fusion-fixture-1"
    public static let hostilePatientID = "P02 \"漢字\" 100% <b>&"

    /// Writes the slide into `directory` and the cohort into the database. Returns the slide path.
    @discardableResult
    public static func install(on connection: Connection, directory: String, patients: Int = 24, seed: UInt64 = 7,
                               slide: ReportFixtureSlide = ReportFixtureSlide()) throws -> String {
        let path = (directory as NSString).appendingPathComponent("fixture_HE.tiff")
        let sha = try slide.write(to: path)
        let truth = slide.tileTruth()
        var random = SplitMix(seed: seed)
        try connection.transaction { connection in
            let cohortID: Int = try connection.query("""
                INSERT INTO tme.cohorts (name, description, source_format, source_path)
                VALUES ($1, $2, 'simulated', $3) RETURNING cohort_id
                """, [cohort, "Synthetic report fixture (24 patients, one slide file).", directory]).first!.decode("cohort_id")
            try connection.execute("""
                INSERT INTO tme.ingested_files (cohort_id, kind, file_name, sha256, row_count)
                VALUES ($1, 'clinical', 'clinical.tsv', $2, $3)
                """, [cohortID, String(repeating: "ab", count: 32), patients])
            let runPK: Int = try connection.query("""
                INSERT INTO tme.model_runs (model_id, kind, training_cohort_id, config, metrics, seed, weights_sha256, git_commit)
                VALUES ($1, 'fusion-attention-mil', $2, '{"hidden":32,"folds":5}', $4::jsonb, 7, $3, 'abc1234') RETURNING model_run_pk
                """, [modelID, cohortID, String(repeating: "cd", count: 32), Self.evaluationJSON(patients)]).first!.decode("model_run_pk")
            for k in 1...patients {
                try addPatient(k, cohortID: cohortID, runPK: runPK, slide: slide, slidePath: path, slideSHA: sha, truth: truth,
                               random: &random, connection: connection)
            }
        }
        return path
    }

    // swiftlint:disable:next function_body_length
    static func addPatient(_ k: Int, cohortID: Int, runPK: Int, slide: ReportFixtureSlide, slidePath: String, slideSHA: String,
                           truth: [ReportFixtureSlide.TileTruth], random: inout SplitMix, connection: Connection) throws {
        let hostile = k == 2
        let id = hostile ? hostilePatientID : String(format: "P%02d", k)
        let types = ["NSCLC", "Melanoma", "Urothelial"]
        let histology = hostile ? String(repeating: "Adénocarcinome «mucineux» 50% 'x' ", count: 15).prefix(500).description
            : ["Lung adenocarcinoma", "Cutaneous melanoma", "Urothelial carcinoma"][k % 3]
        let ecog = Int(random.next() * 2.4)
        let pk: Int = try connection.query("""
            INSERT INTO tme.patients (cohort_id, patient_id, age_years, sex, tumor_type, histology, stage, ecog, line_of_therapy, prior_therapy)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING patient_pk
            """, [cohortID, id, (50 + random.next() * 30).rounded(), k % 2 == 0 ? "female" : "male", types[k % 3], histology,
                  k % 4 == 0 ? "IIIB" : "IV", ecog, 1 + k % 2, hostile ? "Platin «doublet» 100% \"x\" 化疗" : "platinum doublet"])
            .first!.decode("patient_pk")
        let samplePK: Int = try connection.query("""
            INSERT INTO tme.samples (patient_pk, sample_id, sample_type, specimen_site, collection_date)
            VALUES ($1, $2, 'primary', 'lung', '2024-03-01') RETURNING sample_pk
            """, [pk, "S\(k)"]).first!.decode("sample_pk")
        let tmb = exp(1.8 + random.normal() * 0.8)
        let phenotype = ["inflamed", "excluded", "desert"][Int(random.next() * 3)]
        let tps = min(100, max(0, (random.next() * random.next() * 100).rounded()))
        let inflamed = phenotype == "inflamed" ? 1.0 : 0.0
        let risk = -0.7 * (tmb >= 10 ? 1 : 0) - 0.6 * inflamed + 0.35 * Double(ecog) + random.normal() * 0.3
        let os = -log(max(random.next(), 1e-9)) * 18 * exp(-risk)
        let logit = -1.2 + 1.3 * (tmb >= 10 ? 1 : 0) + 1.1 * inflamed + 0.015 * (tps - 20)
        let pResponse = 1 / (1 + exp(-logit))
        let responded = random.next() < pResponse
        let response = responded ? (random.next() < 0.3 ? "CR" : "PR") : (random.next() < 0.5 ? "SD" : "PD")
        try connection.execute("""
            INSERT INTO tme.outcomes (patient_pk, best_response, os_months, os_event, pfs_months, pfs_event)
            VALUES ($1, $2, $3, $4, $5, $6)
            """, [pk, response, min(os, 36), os < 36, min(os * 0.6, 36), os * 0.6 < 36])
        guard !hostile else { return }
        try connection.execute("""
            INSERT INTO tme.genomic_biomarkers (sample_pk, capture_size_mb, nonsynonymous_count, tmb_per_mb, tmb_high, gep_score,
                                                msi_status, stk11_mutated, tp53_mutated, kras_mutated)
            VALUES ($1, 38, $2, $3, $4, $5, $6, $7, true, $8)
            """, [samplePK, Int((tmb * 38).rounded()), (tmb * 38).rounded() / 38, tmb >= 10, inflamed - 0.4 + random.normal() * 0.3,
                  k % 11 == 0 ? "MSI-H" : "MSS", k % 5 == 0, k % 3 == 0])
        let genes = [("TP53", "p.R273H"), ("KRAS", "p.G12C"), ("STK11", "p.Q37*"), ("ARID1A", "p.R1989*")]
        for (g, (gene, change)) in genes.enumerated() where g < 2 + k % 3 {
            try connection.execute("""
                INSERT INTO tme.mutations (sample_pk, hugo_symbol, chromosome, start_position, end_position, variant_classification,
                                           reference_allele, tumor_seq_allele2, hgvsp_short, t_ref_count, t_alt_count)
                VALUES ($1, $2, '1', $3, $3, $4, 'C', 'T', $5, 60, $6)
                """, [samplePK, gene, 1000 + g, change.hasSuffix("*") ? "Nonsense_Mutation" : "Missense_Mutation", change, 20 + 5 * g])
        }
        let factor = 0.4 + (phenotype == "inflamed" ? 1.2 : phenotype == "excluded" ? 0.6 : 0.1) + 0.1 * Double(k % 3)
        let slidePK: Int = try connection.query("""
            INSERT INTO tme.slides (patient_pk, sample_pk, slide_id, stain, path, sha256, width_px, height_px, mpp, status)
            VALUES ($1, $2, $3, 'H&E', $4, $5, $6, $7, $8, 'quantified') RETURNING slide_pk
            """, [pk, samplePK, "S\(k)-HE", slidePath, slideSHA, slide.width, slide.height, slide.micronsPerPixel]).first!.decode("slide_pk")
        var lymph = 0, mac = 0, tumor = 0, tissue = 0.0
        let mpp = slide.micronsPerPixel
        let counts = truth.map { t in k == 1 ? t.lymphocytes : Int((Double(t.lymphocytes) * factor).rounded()) }
        let attentionTotal = zip(truth, counts).filter { $0.0.tissueFraction > 0 }.reduce(0.0) { $0 + Double($1.1 + 1) }
        try connection.copy(into: "tme.tiles", columns: ["slide_pk", "level", "x_px", "y_px", "width_px", "height_px",
                                                         "tissue_fraction", "region", "lymphocyte_count", "macrophage_count",
                                                         "tumor_cell_count"]) { w in
            for (t, l) in zip(truth, counts) {
                lymph += l; mac += t.macrophages; tumor += t.tumorCells
                tissue += Double(t.width * t.height) * mpp * mpp / 1e6 * t.tissueFraction
                w.append(slidePK); w.append(0); w.append(t.x); w.append(t.y); w.append(t.width); w.append(t.height)
                w.append(t.tissueFraction); w.append(t.tissueFraction < 0.05 ? "background" : "tumor")
                w.append(l); w.append(t.macrophages); w.append(t.tumorCells)
                try w.endRow()
            }
        }
        // Attention: softmax-like weights proportional to lymphocytes + 1 over the tissue tiles (sum 1 per bag).
        try connection.copy(into: "tme.tile_attention", columns: ["model_run_pk", "slide_pk", "level", "x_px", "y_px",
                                                                  "attention_weight"]) { w in
            for (t, l) in zip(truth, counts) where t.tissueFraction > 0 {
                w.append(runPK); w.append(slidePK); w.append(0); w.append(t.x); w.append(t.y)
                w.append(Double(l + 1) / attentionTotal)
                try w.endRow()
            }
        }
        try connection.execute("""
            INSERT INTO tme.slide_tme (slide_pk, tissue_area_mm2, tumor_area_mm2, stroma_area_mm2, lymphocyte_count, macrophage_count,
                                       tumor_cell_count, stroma_cell_count, lymphocyte_density_per_mm2, intratumoral_lymphocyte_density_per_mm2,
                                       macrophage_density_per_mm2, stromal_til_percent, immune_phenotype, parameters)
            VALUES ($1, $2, $2, 0, $3, $4, $5, 0, $6, $6, $7, $8, $9, $10::jsonb)
            """, [slidePK, tissue, lymph, mac, tumor, Double(lymph) / tissue, Double(mac) / tissue,
                  min(90, Double(lymph) / tissue / 60), phenotype, try Self.runParameters(slide)])
        let pdl1PK: Int = try connection.query("""
            INSERT INTO tme.slides (patient_pk, sample_pk, slide_id, stain, path, sha256, width_px, height_px, mpp, status)
            VALUES ($1, $2, $3, 'PD-L1', $4, $5, $6, $7, $8, 'quantified') RETURNING slide_pk
            """, [pk, samplePK, "S\(k)-PDL1", slidePath, slideSHA, slide.width, slide.height, slide.micronsPerPixel]).first!.decode("slide_pk")
        try connection.execute("""
            INSERT INTO tme.slide_tme (slide_pk, tissue_area_mm2, tumor_area_mm2, stroma_area_mm2, lymphocyte_count, macrophage_count,
                                       tumor_cell_count, stroma_cell_count, pdl1_tps_percent, pdl1_cps, viable_tumor_cells, ihc_adequate)
            VALUES ($1, $2, $2, 0, 0, 0, $3, 0, $4, $5, $3, $6)
            """, [pdl1PK, tissue, tumor, tps, min(100, tps * 1.3), tumor >= 100])
        let probability = min(0.97, max(0.03, pResponse + random.normal() * 0.08))
        try connection.execute("""
            INSERT INTO tme.predictions (model_run_pk, patient_pk, response_probability, response_probability_lower,
                                         response_probability_upper, risk_score, risk_group, modalities_used, evaluation)
            VALUES ($1, $2, $3, $4, $5, $6, $7, '{slide,genomics,clinical}', 'out_of_fold')
            """, [runPK, pk, probability, max(0, probability - 0.12), min(1, probability + 0.12), risk, risk > 0 ? "high" : "low"])
    }

    /// The fixture model's evaluation.json (made-up held-out figures, as `tme train` would store them).
    static func evaluationJSON(_ patients: Int) -> String {
        """
        {"cohort": "\(cohort)", "folds": 5, "patients": \(patients), "seed": 7,
         "warnings": ["events per input variable 0.4 < 10 (fixture): the fusion model may overfit"],
         "evaluation": {"bootstrapReplicates": 200, "seed": 7, "unoTruncationMonths": 24},
         "fusion": {"patients": \(patients), "events": 14, "evaluable_responses": \(patients), "responders": 8,
                    "auc": 0.71, "auc_ci": [0.52, 0.88], "brier": 0.2, "ece": 0.1, "cindex": 0.64, "cindex_ci": [0.51, 0.77]}}
        """
    }
}

extension ReportFixture {
    /// Quantification parameters of a run on the fixture grid (tiles of the slide's tile size at level 0), stored so
    /// that the report analyses the shown tiles as such a run would and marks real detections on them.
    static func runParameters(_ slide: ReportFixtureSlide) throws -> String {
        var p = QuantifyParameters()
        p.tileSizeMicrons = Double(slide.tileSize) * slide.micronsPerPixel
        return try CohortQuantify.runParametersJSON(p, level: 0, micronsPerPixel: slide.micronsPerPixel)
    }
}

/// SplitMix64 (Steele et al. 2014): a seeded generator for fixtures.
struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func nextUInt64() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    /// Uniform in [0, 1).
    mutating func next() -> Double { Double(nextUInt64() >> 11) / Double(1 << 53) }
    /// Standard normal (Box–Muller).
    mutating func normal() -> Double {
        let u = max(next(), 1e-12), v = next()
        return (-2 * log(u)).squareRoot() * cos(2 * Double.pi * v)
    }
}
