import Foundation

/// Per-slide stain vector estimation after Macenko et al. (2009).
///
/// 1. OD of every sampled pixel; keep pixels whose OD exceeds `minimumOpticalDensity` in all three channels
///    (transparent and background pixels carry no stain direction).
/// 2. Eigen-decompose the 3×3 covariance of the kept ODs; project them onto the plane of the two leading
///    eigenvectors (v₁, v₂, each oriented to a positive red component).
/// 3. Angle of every projection, φ = atan2(⟨od,v₂⟩, ⟨od,v₁⟩); the robust extremes are the
///    `percentile` and (100 − `percentile`) percentiles of φ.
/// 4. The stain vectors are `cos φ · v₁ + sin φ · v₂` at both extremes; the one with the larger red
///    component is hematoxylin (hematoxylin absorbs red more than eosin or DAB do); the other is `secondStain`.
///
/// Throws `insufficientTissue` when fewer than `minimumPixels` pixels are stained, and
/// `singularStainMatrix` when the two estimates are parallel.
///
/// Reference: M. Macenko et al., "A method for normalizing histology slides for quantitative analysis",
/// Proc. IEEE ISBI 2009, 1107–1110.
public struct MacenkoEstimator: Sendable, Hashable, Codable {
    /// Per-channel OD below which a pixel is ignored. OD units, default 0.15, range 0.05–0.5.
    public var minimumOpticalDensity: Double = 0.15
    /// Robust-extreme percentile α. Percent, default 1, range 0.1–10.
    public var percentile: Double = 1
    /// At most this many pixels are used (an even stride over the image). Default 200 000, range ≥ 1000.
    public var maximumSamples: Int = 200_000
    /// Fewer stained pixels than this is an error. Default 500, range ≥ 10.
    public var minimumPixels: Int = 500

    public init() {}

    /// Estimates hematoxylin and `secondStain` (eosin for H&E, DAB for IHC) from `tiles`.
    public func estimate(from tiles: [RGBTile], secondStain: StainKind = .eosin) throws -> StainMatrix {
        try validate()
        let table = ColourDeconvolution.opticalDensityTable
        let totalPixels = tiles.reduce(0) { $0 + $1.pixelCount }
        let stride = max(1, totalPixels / maximumSamples)
        let floor = Float(minimumOpticalDensity)
        var samples: [SIMD3<Double>] = []
        samples.reserveCapacity(min(totalPixels, maximumSamples) + tiles.count)
        for tile in tiles {
            tile.pixels.withUnsafeBufferPointer { rgb in
                var i = 0
                while i < tile.pixelCount {
                    let r = table[Int(rgb[3 * i])], g = table[Int(rgb[3 * i + 1])], b = table[Int(rgb[3 * i + 2])]
                    if r > floor, g > floor, b > floor { samples.append(SIMD3(Double(r), Double(g), Double(b))) }
                    i += stride
                }
            }
        }
        guard samples.count >= minimumPixels else {
            throw TissueAnalysisError.insufficientTissue(stainedPixels: samples.count, required: minimumPixels)
        }
        let (v1, v2) = leadingPlane(samples)
        var angles = samples.map { atan2(($0 * v2).sum(), ($0 * v1).sum()) }
        angles.sort()
        func quantile(_ q: Double) -> Double {
            let position = q * Double(angles.count - 1)
            let lo = Int(position.rounded(.down)), hi = min(angles.count - 1, lo + 1)
            return angles[lo] + (angles[hi] - angles[lo]) * (position - Double(lo))
        }
        let low = quantile(percentile / 100), high = quantile(1 - percentile / 100)
        let a = cos(low) * v1 + sin(low) * v2, b = cos(high) * v1 + sin(high) * v2
        let (h, other) = a.x >= b.x ? (a, b) : (b, a)
        return try StainMatrix([(.hematoxylin, [h.x, h.y, h.z]), (secondStain, [other.x, other.y, other.z])])
    }

    /// Checks every parameter against its documented range.
    public func validate() throws {
        func check(_ ok: Bool, _ name: String, _ value: String, _ expected: String) throws {
            if !ok { throw TissueAnalysisError.invalidParameter(name: name, value: value, expected: expected) }
        }
        try check(minimumOpticalDensity > 0 && minimumOpticalDensity <= 1, "minimumOpticalDensity", "\(minimumOpticalDensity)", "0 < OD ≤ 1")
        try check(percentile > 0 && percentile < 50, "percentile", "\(percentile)", "0 < α < 50 (%)")
        try check(maximumSamples >= 1000, "maximumSamples", "\(maximumSamples)", "≥ 1000")
        try check(minimumPixels >= 10, "minimumPixels", "\(minimumPixels)", "≥ 10")
    }

    /// The two leading eigenvectors of the sample covariance, each with a non-negative red component.
    private func leadingPlane(_ samples: [SIMD3<Double>]) -> (SIMD3<Double>, SIMD3<Double>) {
        var mean = SIMD3<Double>(0, 0, 0)
        for s in samples { mean += s }
        mean /= Double(samples.count)
        var c = [[Double]](repeating: [0, 0, 0], count: 3)
        for s in samples {
            let d = s - mean
            for i in 0..<3 { for j in 0..<3 { c[i][j] += d[i] * d[j] } }
        }
        let (values, vectors) = SymmetricEigen.decompose3x3(c)
        let order = (0..<3).sorted { values[$0] > values[$1] }
        func oriented(_ k: Int) -> SIMD3<Double> {
            let v = SIMD3(vectors[0][k], vectors[1][k], vectors[2][k])
            return v.x < 0 ? -v : v
        }
        return (oriented(order[0]), oriented(order[1]))
    }
}

/// Eigen-decomposition of small symmetric matrices by cyclic Jacobi rotations (Golub & Van Loan §8.5).
enum SymmetricEigen {
    /// Returns eigenvalues and the eigenvector matrix (eigenvectors in columns) of the symmetric 3×3 `a`.
    static func decompose3x3(_ input: [[Double]]) -> ([Double], [[Double]]) {
        var a = input
        var v: [[Double]] = [[1, 0, 0], [0, 1, 0], [0, 0, 1]]
        for _ in 0..<50 {
            var off = 0.0
            for p in 0..<3 { for q in (p + 1)..<3 { off += a[p][q] * a[p][q] } }
            if off < 1e-30 { break }
            for p in 0..<2 {
                for q in (p + 1)..<3 where abs(a[p][q]) > 1e-300 {
                    let theta = (a[q][q] - a[p][p]) / (2 * a[p][q])
                    let t = (theta >= 0 ? 1.0 : -1.0) / (abs(theta) + (theta * theta + 1).squareRoot())
                    let c = 1 / (t * t + 1).squareRoot(), s = t * c
                    for k in 0..<3 {
                        let akp = a[k][p], akq = a[k][q]
                        a[k][p] = c * akp - s * akq
                        a[k][q] = s * akp + c * akq
                    }
                    for k in 0..<3 {
                        let apk = a[p][k], aqk = a[q][k]
                        a[p][k] = c * apk - s * aqk
                        a[q][k] = s * apk + c * aqk
                    }
                    for k in 0..<3 {
                        let vkp = v[k][p], vkq = v[k][q]
                        v[k][p] = c * vkp - s * vkq
                        v[k][q] = s * vkp + c * vkq
                    }
                }
            }
        }
        return ([a[0][0], a[1][1], a[2][2]], v)
    }
}
