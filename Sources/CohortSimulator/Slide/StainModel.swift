import Foundation

/// The stain a slide carries.
public enum SlideStain: String, Sendable, Hashable, Codable, CaseIterable {
    case he = "H&E", pdl1 = "PD-L1", cd8 = "CD8", cd68 = "CD68"
    /// Short form for file names.
    public var fileTag: String { ["HE", "PDL1", "CD8", "CD68"][SlideStain.allCases.firstIndex(of: self)!] }
}

/// Per-slide optical model (Beer–Lambert): optical density OD_c = Σ_s c_s · v_s,c + OD_glass,c, pixel value
/// I_c = 255 · 10^(−OD_c) written as 255·e^(−OD_c·ln 10) with OD in absorbance units.
///
/// Stain vectors: hematoxylin (0.5626, 0.7201, 0.4062) and eosin (0.2159, 0.8012, 0.5581), the reference
/// H&E matrix of Macenko et al. (2009, ISBI) as estimated from real slides (Ruifrok's pure eosin is too magenta),
/// and DAB (0.268, 0.570, 0.776) of Ruifrok & Johnston (2001, Anal Quant Cytol Histol 23:291); each slide perturbs every
/// component by N(0, stainAngleSD), renormalises, and scales each stain's amount by exp N(0, stainAmountSD).
public struct StainModel: Sendable, Hashable {
    public var hematoxylin: SIMD3<Float>
    public var eosin: SIMD3<Float>
    public var dab: SIMD3<Float>
    public var glass: SIMD3<Float>

    public init(stain: SlideStain, spec: SlideSpec, rng: inout SimulatorRandom) {
        func vector(_ v: SIMD3<Double>) -> SIMD3<Float> {
            var p = v
            for i in 0..<3 { p[i] = max(0.01, p[i] + rng.normal(0, spec.stainAngleSD)) }
            let n = (p * p).sum().squareRoot()
            return SIMD3<Float>(p / n) * Float(exp(rng.normal(0, spec.stainAmountSD)))
        }
        hematoxylin = vector([0.5626, 0.7201, 0.4062])
        eosin = vector([0.2159, 0.8012, 0.5581])
        dab = vector([0.268, 0.570, 0.776])
        let g = Float(rng.uniform(0.015, 0.04))
        glass = SIMD3<Float>(g, g * 1.05, g * 0.9)
    }
}
