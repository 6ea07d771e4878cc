import Foundation
import TissueAnalysis

/// The per-tile TME feature vector stored in `tme.tile_features` for the fusion model's attention over tiles.
///
/// Every component is a physical quantity of the tile core (named with its unit, the names go to
/// `tme.slide_tme.tile_feature_names`): densities are cells per mm² of tissue of the core (or of its tumor/stroma
/// patches), shares are 0–1, sizes µm/µm², stains mean optical densities of the detected nuclei (Ruifrok &
/// Johnston 2001 deconvolution). A quantity whose denominator is empty is 0 (no cells, no tumor patch, …), and
/// the tumor-to-lymphocyte distance without a tumor cell or lymphocyte in reach is the search radius.
public enum TileFeatures {
    /// Component names with units, in vector order.
    public static let names: [String] = [
        "tissue_fraction",
        "nuclei_density_per_mm2",
        "lymphocyte_density_per_mm2", "macrophage_density_per_mm2", "tumor_cell_density_per_mm2",
        "stroma_cell_density_per_mm2", "other_cell_density_per_mm2",
        "lymphocyte_share", "macrophage_share", "tumor_cell_share", "stroma_cell_share",
        "tumor_patch_tissue_share", "stroma_patch_tissue_share", "mixed_patch_tissue_share",
        "intratumoral_lymphocyte_density_per_mm2", "stromal_lymphocyte_density_per_mm2",
        "intratumoral_macrophage_density_per_mm2", "stromal_macrophage_density_per_mm2",
        "stromal_til_percent",
        "log_macrophage_lymphocyte_ratio",
        "tumor_lymphocyte_median_distance_um", "tumor_lymphocyte_within_20um_share",
        "nucleus_area_mean_um2", "nucleus_area_sd_um2", "nuclear_area_share",
        "tumor_nucleus_area_mean_um2", "lymphocyte_nucleus_area_mean_um2",
        "nucleus_circularity_mean", "nucleus_eccentricity_mean", "nucleus_solidity_mean", "nucleus_major_axis_mean_um",
        "nucleus_hematoxylin_mean_od", "nucleus_hematoxylin_sd_mean_od", "ring_eosin_mean_od", "ring_hematoxylin_mean_od",
        "nucleus_dab_mean_od", "ring_dab_mean_od",
        "dab_positive_tumor_share", "dab_positive_immune_density_per_mm2",
    ]

    /// The vector of one analysed tile, in `names` order.
    public static func vector(_ r: TileResult, parameters: TileAnalysisParameters) -> [Float] {
        let s = r.summary
        let tissueMM2 = s.tissueAreaSquareMicrons * 1e-6
        func density(_ n: Int, _ mm2: Double) -> Double { mm2 > 0 ? Double(n) / mm2 : 0 }
        func share(_ n: Int, _ d: Int) -> Double { d > 0 ? Double(n) / Double(d) : 0 }
        let c = s.counts, total = c.total
        let tumor = s.compartment(.tumor), stroma = s.compartment(.stroma), mixed = s.compartment(.mixed)
        let tumorMM2 = tumor.tissueAreaSquareMicrons * 1e-6, stromaMM2 = stroma.tissueAreaSquareMicrons * 1e-6
        func areaShare(_ a: Double) -> Double { s.tissueAreaSquareMicrons > 0 ? a / s.tissueAreaSquareMicrons : 0 }
        let cells = r.cells
        func mean(_ f: (Cell) -> Double, where keep: (Cell) -> Bool = { _ in true }) -> Double {
            var sum = 0.0, n = 0
            for cell in cells where keep(cell) { sum += f(cell); n += 1 }
            return n > 0 ? sum / Double(n) : 0
        }
        let areaMean = mean { $0.nucleus.areaSquareMicrons }
        let areaSD = cells.count > 1
            ? (cells.reduce(0.0) { $0 + ($1.nucleus.areaSquareMicrons - areaMean) * ($1.nucleus.areaSquareMicrons - areaMean) }
                / Double(cells.count - 1)).squareRoot() : 0
        let nuclearArea = cells.reduce(0.0) { $0 + $1.nucleus.areaSquareMicrons }
        let distances = s.tumorToLymphocyteDistances
        let values: [Double] = [
            s.areaSquareMicrons > 0 ? s.tissueAreaSquareMicrons / s.areaSquareMicrons : 0,
            density(total, tissueMM2),
            density(c.lymphocyte, tissueMM2), density(c.macrophage, tissueMM2), density(c.tumor, tissueMM2),
            density(c.stroma, tissueMM2), density(c.other, tissueMM2),
            share(c.lymphocyte, total), share(c.macrophage, total), share(c.tumor, total), share(c.stroma, total),
            areaShare(tumor.tissueAreaSquareMicrons), areaShare(stroma.tissueAreaSquareMicrons), areaShare(mixed.tissueAreaSquareMicrons),
            density(tumor.counts.lymphocyte, tumorMM2), density(stroma.counts.lymphocyte, stromaMM2),
            density(tumor.counts.macrophage, tumorMM2), density(stroma.counts.macrophage, stromaMM2),
            stroma.tissueAreaSquareMicrons > 0 ? min(100, 100 * stroma.lymphocyteAreaSquareMicrons / stroma.tissueAreaSquareMicrons) : 0,
            log((Double(c.macrophage) + 1) / (Double(c.lymphocyte) + 1)),
            distances.median ?? parameters.distanceSearchMicrons, distances.fraction(below: 20) ?? 0,
            areaMean, areaSD, s.tissueAreaSquareMicrons > 0 ? min(1, nuclearArea / s.tissueAreaSquareMicrons) : 0,
            mean({ $0.nucleus.areaSquareMicrons }, where: { $0.cellClass == .tumor }),
            mean({ $0.nucleus.areaSquareMicrons }, where: { $0.cellClass == .lymphocyte }),
            mean { $0.nucleus.circularity }, mean { $0.nucleus.eccentricity }, mean { $0.nucleus.solidity },
            mean { $0.nucleus.majorAxisMicrons },
            mean { $0.nucleus.hematoxylinMean }, mean { $0.nucleus.hematoxylinStd }, mean { $0.nucleus.ringEosinMean },
            mean { $0.nucleus.ringHematoxylinMean }, mean { $0.nucleus.nucleusDABMean }, mean { $0.nucleus.ringDABMean },
            share(s.positiveCounts.tumor, c.tumor),
            density(s.positiveCounts.lymphocyte + s.positiveCounts.macrophage, tissueMM2),
        ]
        return values.map { $0.isFinite ? Float($0) : 0 }
    }
}
