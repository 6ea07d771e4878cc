import BiomarkerStore
import Foundation

/// A small synthetic cohort in a temporary database, with known structure: 36 patients; responders
/// (every third patient and then some) have tiles with a high "lymphocyte density" feature and a
/// higher TMB; patients 0–3 have no genomic biomarkers, patient 4 has no H&E slide, patient 5 has
/// no ECOG (no clinical vector). Every slide has 30 tiles × 4 features.
enum ModelFixture {
    static let cohort = "model-fixture"
    static let patients = 36
    static let tilesPerSlide = 30
    static let featureNames = ["lymphocyte density (/mm2)", "tumor cell density (/mm2)", "mean nucleus area (um2)", "hematoxylin OD"]

    static func responder(_ i: Int) -> Bool { i % 3 == 0 || i % 7 == 1 }

    /// Loads the fixture cohort. With `noiseSeed`, the outcomes (response, OS time and event) are drawn from
    /// that seed alone, independent of every feature: a cohort whose outcome is pure noise.
    static func load(_ c: Connection, cohort name: String = cohort, count: Int = patients, noiseSeed: UInt64? = nil) throws {
        let cohortID: Int = try c.query("INSERT INTO tme.cohorts (name, source_format, source_path) VALUES ($1, 'simulated', NULL) RETURNING cohort_id",
                                        [name])[0].decode("cohort_id")
        var g = SplitMix(seed: 7)
        var noise = SplitMix(seed: noiseSeed ?? 0)
        for i in 0..<count {
            let r = responder(i)
            let outcome: (responder: Bool, os: Double, event: Bool)? = noiseSeed == nil ? nil
                : (noise.uniform() < 0.4, 2 + 28 * noise.uniform(), noise.uniform() < 0.7)
            let patientPK: Int = try c.query("""
                INSERT INTO tme.patients (cohort_id, patient_id, age_years, sex, stage, ecog, line_of_therapy)
                VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING patient_pk
                """, [cohortID, String(format: "FX%03d", i), 50.0 + Double(i % 20), i % 2 == 0 ? "male" : "female",
                      i % 4 == 0 ? "IIIB" : "IV", i == 5 ? nil : i % 3, 1 + i % 2])[0].decode("patient_pk")
            let os = (r ? 20.0 : 8.0) + 10 * g.uniform()
            let said = outcome?.responder ?? r
            try c.execute("INSERT INTO tme.outcomes (patient_pk, best_response, os_months, os_event) VALUES ($1, $2, $3, $4)",
                          [patientPK, said ? "PR" : (i % 2 == 0 ? "SD" : "PD"), outcome?.os ?? os, outcome?.event ?? (i % 5 != 0)])
            let samplePK: Int = try c.query("INSERT INTO tme.samples (patient_pk, sample_id) VALUES ($1, $2) RETURNING sample_pk",
                                            [patientPK, String(format: "FX%03d-T", i)])[0].decode("sample_pk")
            if i >= 4 {
                try c.execute("""
                    INSERT INTO tme.genomic_biomarkers (sample_pk, tmb_per_mb, gep_score, ifng_score, cnv_burden_fraction,
                        stk11_mutated, keap1_mutated, pten_mutated, b2m_mutated, jak1_mutated, jak2_mutated, pole_mutated,
                        tp53_mutated, kras_mutated, egfr_mutated)
                    VALUES ($1, $2, $3, $4, $5, $6, false, false, false, false, false, false, $7, false, false)
                    """, [samplePK, (r ? 14.0 : 4.0) * (0.5 + g.uniform()), g.uniform() - (r ? 0 : 0.5), g.uniform(),
                          0.1 * g.uniform(), i % 6 == 2, i % 2 == 1])
                try c.execute("INSERT INTO tme.expression (sample_pk, gene, value, unit) VALUES ($1, 'CD274', $2, 'linear')",
                              [samplePK, 100 * g.uniform()])
            }
            if i != 4 { try slide(c, patientPK: patientPK, index: i, responder: r, generator: &g) }
        }
    }

    private static func slide(_ c: Connection, patientPK: Int, index: Int, responder: Bool, generator g: inout SplitMix) throws {
        let slidePK: Int = try c.query("""
            INSERT INTO tme.slides (patient_pk, slide_id, stain, path, status) VALUES ($1, $2, 'H&E', $3, 'quantified')
            RETURNING slide_pk
            """, [patientPK, "S\(index)", "slides/S\(index).tiff"])[0].decode("slide_pk")
        try c.execute("""
            INSERT INTO tme.slide_tme (slide_pk, tissue_area_mm2, tumor_area_mm2, stroma_area_mm2, lymphocyte_count,
                macrophage_count, tumor_cell_count, stroma_cell_count, tile_feature_names)
            VALUES ($1, 1, 0.5, 0.5, 0, 0, 0, 0, $2)
            """, [slidePK, SQLTextArray(featureNames)])
        var features: [[Float]] = []
        for t in 0..<tilesPerSlide {
            let hot = responder && t % 5 == 0
            features.append([Float(hot ? 900 + 200 * g.uniform() : 50 + 100 * g.uniform()), Float(3000 + 1000 * g.uniform()),
                             Float(30 + 10 * g.uniform()), Float(0.3 + 0.1 * g.uniform())])
        }
        try c.copy(into: "tme.tiles", columns: ["slide_pk", "level", "x_px", "y_px", "width_px", "height_px", "tissue_fraction", "region"]) { w in
            for t in 0..<tilesPerSlide {
                w.append(slidePK); w.append(0); w.append(256 * (t % 6)); w.append(256 * (t / 6)); w.append(256); w.append(256)
                w.append(0.9); w.append("tumor")
                try w.endRow()
            }
        }
        try c.copy(into: "tme.tile_features", columns: ["slide_pk", "level", "x_px", "y_px", "features"]) { w in
            for t in 0..<tilesPerSlide {
                w.append(slidePK); w.append(0); w.append(256 * (t % 6)); w.append(256 * (t / 6))
                w.append("{" + features[t].map { "\($0)" }.joined(separator: ",") + "}")
                try w.endRow()
            }
        }
    }

    /// A tiny deterministic generator (SplitMix64) for fixture values.
    struct SplitMix {
        var state: UInt64
        init(seed: UInt64) { state = seed }
        mutating func uniform() -> Double {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return Double((z ^ (z >> 31)) >> 11) / Double(1 << 53)
        }
    }
}
