import FusionModel
import Foundation

/// One tile of a bag, as keyed in `tme.tiles` (level-0 pixel origin).
public struct TileKey: Sendable, Hashable, Codable {
    public var slidePK: Int
    public var level: Int
    public var xPx: Int
    public var yPx: Int

    public init(slidePK: Int, level: Int, xPx: Int, yPx: Int) {
        self.slidePK = slidePK; self.level = level; self.xPx = xPx; self.yPx = yPx
    }
}

/// Names (with units) of each modality's vector components, in vector order; stored with the model
/// so scoring can check it reads the features the model was trained on.
public struct ModelFeatureNames: Sendable, Hashable, Codable {
    public var tile: [String]
    public var genomic: [String]
    public var clinical: [String]

    public init(tile: [String], genomic: [String] = ModelInputEncoding.genomicNames,
                clinical: [String] = ModelInputEncoding.clinicalNames) {
        self.tile = tile; self.genomic = genomic; self.clinical = clinical
    }
}

/// One patient's model inputs as loaded from the database.
public struct CohortModelPatient: Sendable, Hashable, Codable {
    public var patientPK: Int
    /// Model inputs (`id` is the pseudonymous patient_id) and outcomes (objective response, OS).
    public var sample: PatientSample
    /// The database key of each row of `sample.tiles`, in row order.
    public var tileKeys: [TileKey]
    /// Why a modality is absent, e.g. "no quantified H&E slide"; empty when all three are present.
    public var missing: [Modality: String]
}

/// Parameters of loading a cohort for the fusion model.
public struct ModelDataParameters: Sendable, Hashable, Codable {
    /// Largest bag per patient: slides with more tiles are subsampled without replacement by a
    /// seeded sampler (same seed and slide → same tiles). Default 500, sensible 100–2000.
    public var maxTilesPerPatient: Int
    /// Seed of the tile sampler.
    public var seed: UInt64

    public init(maxTilesPerPatient: Int = 500, seed: UInt64 = 1) {
        self.maxTilesPerPatient = maxTilesPerPatient
        self.seed = seed
    }
}

/// A cohort's fusion-model inputs: per patient a bag of tile feature vectors from one H&E slide,
/// a genomic vector and a clinical vector (each possibly absent, with the reason), and outcomes.
public struct CohortModelData: Sendable, Hashable, Codable {
    public var cohortID: Int
    public var cohortName: String
    /// Folder the cohort was ingested from (to find simulator truth), if recorded.
    public var sourcePath: String?
    public var featureNames: ModelFeatureNames
    public var patients: [CohortModelPatient]
    public var parameters: ModelDataParameters

    /// Patients with at least one modality and an outcome the model can learn from.
    public var trainable: [CohortModelPatient] {
        patients.filter { !$0.sample.availableModalities.isEmpty && ($0.sample.response != nil || $0.sample.survival != nil) }
    }

    /// Count of patients lacking each modality.
    public var missingCounts: [Modality: Int] {
        var counts: [Modality: Int] = [:]
        for p in patients { for m in p.missing.keys { counts[m, default: 0] += 1 } }
        return counts
    }
}

/// Seeded subsampling of a slide's tiles.
public enum TileSampler {
    /// Positions of at most `limit` of `count` tiles, drawn without replacement by a partial
    /// Fisher–Yates shuffle with a xoshiro256** stream seeded from (seed, slidePK), returned in
    /// ascending order. All positions when count ≤ limit. Example: count 3, limit 5 → [0, 1, 2].
    public static func positions(count: Int, limit: Int, seed: UInt64, slidePK: Int) -> [Int] {
        guard count > limit else { return Array(0..<max(count, 0)) }
        var g = SeededGenerator(seed: seed ^ (UInt64(truncatingIfNeeded: slidePK) &* 0x9E37_79B9_7F4A_7C15))
        var index = Array(0..<count)
        for i in 0..<limit {
            let j = i + Int(g.next() % UInt64(count - i))
            index.swapAt(i, j)
        }
        return index[0..<limit].sorted()
    }
}
