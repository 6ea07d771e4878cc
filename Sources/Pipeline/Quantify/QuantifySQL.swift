/// The statements of `tme quantify --cohort` (parameterised; identifiers are constants of this file).
enum QuantifySQL {
    static let selectCohort = "SELECT cohort_id, source_path FROM tme.cohorts WHERE name = $1"
    static let selectSlides = """
        SELECT s.slide_pk, s.slide_id, s.stain, s.path, s.mpp, s.status, m.detector
        FROM tme.slides s JOIN tme.patients p ON p.patient_pk = s.patient_pk
        LEFT JOIN tme.slide_tme m ON m.slide_pk = s.slide_pk
        WHERE p.cohort_id = $1 ORDER BY s.slide_pk
        """
    static let markQuantifying = """
        UPDATE tme.slides SET status = 'quantifying', status_message = NULL WHERE slide_pk = $1
        """
    static let markFailed = """
        UPDATE tme.slides SET status = 'failed', status_message = $2, quantified_at = NULL WHERE slide_pk = $1
        """
    static let markQuantified = """
        UPDATE tme.slides SET status = 'quantified', status_message = NULL, quantified_at = now(),
            sha256 = $2, width_px = $3, height_px = $4, mpp = COALESCE(mpp, $5)
        WHERE slide_pk = $1
        """
    /// Removes a slide's earlier results (tile_features and tile_attention follow by ON DELETE CASCADE).
    static let deleteTiles = "DELETE FROM tme.tiles WHERE slide_pk = $1"
    static let deleteSlideTME = "DELETE FROM tme.slide_tme WHERE slide_pk = $1"

    static let tilesTable = "tme.tiles"
    static let tileColumns = [
        "slide_pk", "level", "x_px", "y_px", "width_px", "height_px", "tissue_fraction", "region",
        "lymphocyte_count", "macrophage_count", "tumor_cell_count", "stroma_cell_count", "other_cell_count",
        "dab_positive_tumor_count", "dab_positive_immune_count", "mean_nucleus_area_um2", "mean_hematoxylin_od",
    ]
    static let featuresTable = "tme.tile_features"
    static let featureColumns = ["slide_pk", "level", "x_px", "y_px", "features"]

    static let insertSlideTME = """
        INSERT INTO tme.slide_tme (slide_pk, tissue_area_mm2, tumor_area_mm2, stroma_area_mm2,
            lymphocyte_count, macrophage_count, tumor_cell_count, stroma_cell_count,
            lymphocyte_density_per_mm2, intratumoral_lymphocyte_density_per_mm2, stromal_lymphocyte_density_per_mm2,
            macrophage_density_per_mm2, tumor_cell_density_per_mm2, stromal_til_percent, macrophage_lymphocyte_ratio,
            tumor_lymphocyte_median_distance_um, immune_phenotype, pdl1_tps_percent, pdl1_cps, viable_tumor_cells,
            ihc_adequate, cd8_density_per_mm2, cd68_density_per_mm2, parameters, tile_feature_names,
            detector, detector_model, detector_weights_sha256)
        VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $23,
                $24::jsonb, $25::text[], $26, $27, $28)
        """
}
