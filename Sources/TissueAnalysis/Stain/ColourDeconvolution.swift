import Foundation

/// Stain amounts of one tile after colour deconvolution: one plane per row of the stain matrix.
public struct StainDensities: Sendable, Hashable {
    public let matrix: StainMatrix
    /// Planes in the row order of `matrix.kinds`; each value is the stain amount in OD units (≥ 0).
    public let planes: [DensityPlane]
    /// Total optical density per pixel, `OD_R + OD_G + OD_B` (tissue detection uses it).
    public let totalOpticalDensity: DensityPlane

    /// The plane of `kind`, or nil when the matrix has no such stain.
    public func plane(_ kind: StainKind) -> DensityPlane? { matrix.index(of: kind).map { planes[$0] } }
}

/// Colour deconvolution after Ruifrok & Johnston (2001).
///
/// Per pixel and channel k: `OD_k = −log10(max(I_k, 1) / 255)` (background intensity 255, zero clamped to 1
/// so OD ≤ 2.41); stain amounts `c = OD · M⁻¹` with M the unit stain vectors (rows), negative amounts set to 0
/// (as scikit-image's `rgb2hed` does). The OD of the 256 possible byte values comes from a table, so the cost
/// is three loads and nine multiply-adds per pixel. Amounts are in OD units: a unit amount of a stain adds its
/// unit vector to the pixel's OD.
///
/// Example: the pixel (I_R, I_G, I_B) = 255·10^(−0.65·a), 255·10^(−0.70·a), 255·10^(−0.29·a) deconvolves to
/// hematoxylin ≈ a, other stains ≈ 0 (repeated in `DeconvolutionTests`).
///
/// Reference: A. C. Ruifrok, D. A. Johnston, Anal Quant Cytol Histol 23(4):291–299, 2001.
public enum ColourDeconvolution {
    /// `−log10(max(i, 1) / 255)` for every byte value i.
    static let opticalDensityTable: [Float] = (0..<256).map { i in Float(-log10(Double(max(i, 1)) / 255)) }

    /// Deconvolves `tile` with `matrix`; returns one plane per stain plus the total OD.
    public static func deconvolve(_ tile: RGBTile, matrix: StainMatrix) -> StainDensities {
        let n = tile.pixelCount
        let inv = matrix.inverse.map { $0.map(Float.init) }
        var p0 = [Float](repeating: 0, count: n), p1 = p0, p2 = p0, total = p0
        let table = opticalDensityTable
        let m00 = inv[0][0], m01 = inv[0][1], m02 = inv[0][2]
        let m10 = inv[1][0], m11 = inv[1][1], m12 = inv[1][2]
        let m20 = inv[2][0], m21 = inv[2][1], m22 = inv[2][2]
        tile.pixels.withUnsafeBufferPointer { rgb in
            table.withUnsafeBufferPointer { od in
                p0.withUnsafeMutableBufferPointer { a in
                    p1.withUnsafeMutableBufferPointer { b in
                        p2.withUnsafeMutableBufferPointer { c in
                            total.withUnsafeMutableBufferPointer { t in
                                for i in 0..<n {
                                    let r = od[Int(rgb[3 * i])], g = od[Int(rgb[3 * i + 1])], bl = od[Int(rgb[3 * i + 2])]
                                    // c_s = Σ_k OD_k · M⁻¹[k][s]
                                    a[i] = max(0, r * m00 + g * m10 + bl * m20)
                                    b[i] = max(0, r * m01 + g * m11 + bl * m21)
                                    c[i] = max(0, r * m02 + g * m12 + bl * m22)
                                    t[i] = r + g + bl
                                }
                            }
                        }
                    }
                }
            }
        }
        let w = tile.width, h = tile.height
        return StainDensities(
            matrix: matrix,
            planes: [p0, p1, p2].map { DensityPlane(unchecked: w, height: h, values: $0) },
            totalOpticalDensity: DensityPlane(unchecked: w, height: h, values: total))
    }

    /// Deconvolves optical densities given directly (three planes R, G, B), without clamping negatives:
    /// the exact linear inverse of `compose`, used to check the algebra and by callers with their own OD.
    public static func deconvolve(opticalDensity: [[Float]], matrix: StainMatrix) throws -> [[Float]] {
        guard opticalDensity.count == 3 else {
            throw TissueAnalysisError.sizeMismatch(what: "optical-density planes", expected: 3, found: opticalDensity.count)
        }
        let n = opticalDensity[0].count
        for plane in opticalDensity where plane.count != n {
            throw TissueAnalysisError.sizeMismatch(what: "optical-density plane length", expected: n, found: plane.count)
        }
        let inv = matrix.inverse
        var out = [[Float]](repeating: [Float](repeating: 0, count: n), count: 3)
        for s in 0..<3 {
            for i in 0..<n {
                var sum = 0.0
                for k in 0..<3 { sum += Double(opticalDensity[k][i]) * inv[k][s] }
                out[s][i] = Float(sum)
            }
        }
        return out
    }

    /// Beer–Lambert composition, the forward model: `OD_k = Σ_s c_s · M[s][k]`, `I_k = 255 · 10^(−OD_k)`
    /// rounded to the nearest byte. `amounts` holds one plane per row of `matrix`. Used to draw test tiles and
    /// to re-colour a deconvolved tile.
    public static func compose(amounts: [[Float]], matrix: StainMatrix, width: Int, height: Int,
                               calibration: PixelCalibration) throws -> RGBTile {
        guard amounts.count == 3 else {
            throw TissueAnalysisError.sizeMismatch(what: "stain amount planes", expected: 3, found: amounts.count)
        }
        let n = width * height
        for plane in amounts where plane.count != n {
            throw TissueAnalysisError.sizeMismatch(what: "stain amount plane length", expected: n, found: plane.count)
        }
        var pixels = [UInt8](repeating: 0, count: n * 3)
        let m = matrix.vectors
        for i in 0..<n {
            for k in 0..<3 {
                var od = 0.0
                for s in 0..<3 { od += Double(amounts[s][i]) * m[s][k] }
                let value = 255 * pow(10, -od)
                pixels[3 * i + k] = UInt8(max(0, min(255, value.rounded())))
            }
        }
        return try RGBTile(width: width, height: height, pixels: pixels, calibration: calibration)
    }
}
