import Foundation

/// Per-column z-scoring x′ = (x − μ) / σ, fitted on training patients only and stored with the model
/// so scoring applies exactly the training transformation.
public struct ColumnScaling: Sendable, Hashable, Codable {
    public var means: [Float]
    /// Population standard deviations; a constant column gets 1 (it is centred, not scaled).
    public var scales: [Float]

    /// Fits μ and σ over rows, accumulating in Double. An empty input gives μ = 0, σ = 1.
    public static func fit(rows: [[Float]], columns: Int) -> ColumnScaling {
        var sum = [Double](repeating: 0, count: columns), sq = sum
        for r in rows { for j in 0..<columns { sum[j] += Double(r[j]) } }
        let n = Double(rows.count)
        let mean = sum.map { n > 0 ? $0 / n : 0 }
        for r in rows { for j in 0..<columns { let d = Double(r[j]) - mean[j]; sq[j] += d * d } }
        let sd = sq.map { n > 0 ? ($0 / n).squareRoot() : 1 }
        return ColumnScaling(means: mean.map(Float.init), scales: sd.map { $0 > 1e-12 ? Float($0) : 1 })
    }

    public func apply(_ x: [Float]) -> [Float] {
        (0..<x.count).map { (x[$0] - means[$0]) / scales[$0] }
    }
}

/// Standardisation of all three modalities: tile features over all tiles of the training patients,
/// genomic and clinical vectors over the training patients that have them.
public struct FeatureStandardizer: Sendable, Hashable, Codable {
    public var tile: ColumnScaling
    public var genomic: ColumnScaling
    public var clinical: ColumnScaling

    /// Fits on `samples` (which must be training patients only — this is the leakage boundary).
    /// Throws `invalidSample` on a non-finite value or a feature count that differs from `configuration`.
    public static func fit(_ samples: [PatientSample], configuration c: FusionNetworkConfiguration) throws -> FeatureStandardizer {
        var tiles: [[Float]] = [], genomic: [[Float]] = [], clinical: [[Float]] = []
        for (i, s) in samples.enumerated() {
            try validate(s, index: i, configuration: c)
            if let t = s.tiles { for r in 0..<t.rows { tiles.append(t.row(r)) } }
            if let g = s.genomic { genomic.append(g) }
            if let x = s.clinical { clinical.append(x) }
        }
        return FeatureStandardizer(tile: .fit(rows: tiles, columns: c.tileFeatures),
                                   genomic: .fit(rows: genomic, columns: c.genomicFeatures),
                                   clinical: .fit(rows: clinical, columns: c.clinicalFeatures))
    }

    /// The standardised copy of a sample.
    public func apply(_ s: PatientSample) -> PatientSample {
        var out = s
        if let t = s.tiles {
            var v = t.values
            for i in v.indices { let j = i % t.columns; v[i] = (v[i] - tile.means[j]) / tile.scales[j] }
            out.tiles = Matrix(uncheckedRows: t.rows, columns: t.columns, values: v)
        }
        out.genomic = s.genomic.map(genomic.apply)
        out.clinical = s.clinical.map(clinical.apply)
        return out
    }

    /// Checks feature counts and finiteness of one raw sample.
    public static func validate(_ s: PatientSample, index: Int, configuration c: FusionNetworkConfiguration) throws {
        func check(_ v: [Float], _ n: Int, _ what: String) throws {
            guard v.count == n else {
                throw FusionModelError.invalidSample(index: index, reason: "\(v.count) \(what), expected \(n)")
            }
            guard v.allSatisfy(\.isFinite) else {
                throw FusionModelError.invalidSample(index: index, reason: "non-finite \(what); use nil for an absent modality")
            }
        }
        if let t = s.tiles {
            guard t.columns == c.tileFeatures else {
                throw FusionModelError.invalidSample(index: index, reason: "\(t.columns) tile features, expected \(c.tileFeatures)")
            }
            guard t.isFinite else {
                throw FusionModelError.invalidSample(index: index, reason: "non-finite tile features")
            }
        }
        if let g = s.genomic { try check(g, c.genomicFeatures, "genomic features") }
        if let x = s.clinical { try check(x, c.clinicalFeatures, "clinical features") }
        if let o = s.survival, !(o.timeMonths.isFinite && o.timeMonths >= 0) {
            throw FusionModelError.invalidSample(index: index, reason: "survival time must be finite and ≥ 0 months")
        }
    }
}
