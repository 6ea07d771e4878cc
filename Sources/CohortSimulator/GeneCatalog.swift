import Foundation

/// A gene with its HGNC symbol, Entrez id and GRCh37 locus (approximate gene span).
public struct GeneLocus: Sendable, Hashable, Codable {
    public var symbol: String
    public var entrez: Int
    public var chromosome: String
    public var start: Int
    public var end: Int
}

/// The genes the simulator writes: key drivers (mutated), the 18-gene T-cell-inflamed GEP of Ayers et al.
/// (2017, J Clin Invest 127:2930) plus CXCL10, HLA-DRA, IFNG, and housekeeping genes.
public enum GeneCatalog {
    /// Key driver / resistance genes (GRCh37 spans).
    public static let drivers: [GeneLocus] = [
        GeneLocus(symbol: "TP53", entrez: 7157, chromosome: "17", start: 7_571_720, end: 7_590_868),
        GeneLocus(symbol: "KRAS", entrez: 3845, chromosome: "12", start: 25_357_723, end: 25_403_870),
        GeneLocus(symbol: "EGFR", entrez: 1956, chromosome: "7", start: 55_086_725, end: 55_275_031),
        GeneLocus(symbol: "STK11", entrez: 6794, chromosome: "19", start: 1_205_798, end: 1_228_434),
        GeneLocus(symbol: "KEAP1", entrez: 9817, chromosome: "19", start: 10_596_796, end: 10_614_417),
        GeneLocus(symbol: "PTEN", entrez: 5728, chromosome: "10", start: 89_622_870, end: 89_731_687),
        GeneLocus(symbol: "B2M", entrez: 567, chromosome: "15", start: 45_003_675, end: 45_011_075),
        GeneLocus(symbol: "JAK1", entrez: 3716, chromosome: "1", start: 65_298_912, end: 65_432_187),
        GeneLocus(symbol: "JAK2", entrez: 3717, chromosome: "9", start: 4_985_033, end: 5_128_183),
        GeneLocus(symbol: "POLE", entrez: 5426, chromosome: "12", start: 133_200_348, end: 133_263_951),
    ]

    /// The 18 genes of the T-cell-inflamed GEP (Ayers et al. 2017).
    public static let gep18: [String] = ["CCL5", "CD27", "CD274", "CD276", "CD8A", "CMKLR1", "CXCL9", "CXCR6",
                                         "HLA-DQA1", "HLA-DRB1", "HLA-E", "IDO1", "LAG3", "NKG7", "PDCD1LG2",
                                         "PSMB10", "STAT1", "TIGIT"]
    /// Further IFN-γ-related genes written with the GEP.
    public static let interferonExtra: [String] = ["CXCL10", "HLA-DRA", "IFNG"]
    /// Housekeeping genes (no phenotype dependence).
    public static let housekeeping: [String] = ["ACTB", "GAPDH", "PGK1", "TBP"]

    /// Entrez ids of all expressed genes (for cBioPortal's `Entrez_Gene_Id`).
    public static let entrez: [String: Int] = {
        var e: [String: Int] = ["CCL5": 6352, "CD27": 939, "CD274": 29126, "CD276": 80381, "CD8A": 925,
            "CMKLR1": 1240, "CXCL9": 4283, "CXCR6": 10663, "HLA-DQA1": 3117, "HLA-DRB1": 3123, "HLA-E": 3133,
            "IDO1": 3620, "LAG3": 3902, "NKG7": 4818, "PDCD1LG2": 80380, "PSMB10": 5699, "STAT1": 6772,
            "TIGIT": 201633, "CXCL10": 3627, "HLA-DRA": 3122, "IFNG": 3458, "ACTB": 60, "GAPDH": 2597,
            "PGK1": 5230, "TBP": 6908]
        for d in drivers { e[d.symbol] = d.entrez }
        return e
    }()

    /// Genes of the expression and CNV matrices, in file order.
    public static var expressedGenes: [String] { gep18 + interferonExtra + drivers.map(\.symbol) + housekeeping }

    /// Synthetic passenger loci used for the non-driver mutations: symbol `SIMP####`, no Entrez id (0),
    /// spread over the autosomes. The simulator does not model the real exome; TMB counts are what matter.
    public static func passenger(_ k: Int) -> GeneLocus {
        let chromosome = String(1 + k % 22)
        let start = 1_000_000 + (k / 22) * 500_000
        return GeneLocus(symbol: String(format: "SIMP%04d", k), entrez: 0, chromosome: chromosome,
                         start: start, end: start + 20_000)
    }
    /// Number of passenger loci.
    public static let passengerCount = 2000
    /// Exome capture size used to convert counts to TMB, Mb (typical whole-exome target).
    public static let exomeSizeMb = 38.0
}
