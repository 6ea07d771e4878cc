import Foundation
@testable import TissueAnalysis

/// Draws H&E / H-DAB test tiles with known truth by the Beer–Lambert law: each pixel's stain amounts are summed
/// from the shapes covering it (coverage by 4×4 supersampling), then `OD = Σ amount × stain vector` and
/// `I = 255·10^(−OD)` (via `ColourDeconvolution.compose`). Noise is a fixed-seed uniform perturbation of the
/// amounts, so every run draws the same tile.
struct SyntheticTile {
    struct Ellipse {
        var x: Double, y: Double          // centre, µm
        var a: Double, b: Double          // semi-axes, µm
        var angle: Double = 0             // radians
        var amounts: [Float]              // per stain row
        var paleCentre: Float? = nil      // vesicular: amount of hematoxylin inside 0.7 of the radius
        var notch: Bool = false           // kidney shape: a disc of radius 0.45 a removed at the +major end
    }

    let width: Int, height: Int, micronsPerPixel: Double
    let matrix: StainMatrix
    var background: [Float]
    var shapes: [Ellipse] = []          // painted in order (later shapes replace earlier ones where they cover)
    var noise: Float = 0.02
    var seed: UInt64 = 42

    init(width: Int, height: Int, micronsPerPixel: Double, matrix: StainMatrix = .hematoxylinEosin,
         background: [Float] = [0.02, 0.25, 0]) {
        self.width = width; self.height = height; self.micronsPerPixel = micronsPerPixel
        self.matrix = matrix; self.background = background
    }

    func amounts() -> [[Float]] {
        let n = width * height
        var planes = (0..<3).map { s in [Float](repeating: background[s], count: n) }
        for e in shapes {
            let reach = max(e.a, e.b) / micronsPerPixel + 2
            let cxp = e.x / micronsPerPixel, cyp = e.y / micronsPerPixel
            let x0 = max(0, Int(cxp - reach)), x1 = min(width - 1, Int(cxp + reach))
            let y0 = max(0, Int(cyp - reach)), y1 = min(height - 1, Int(cyp + reach))
            guard x0 <= x1, y0 <= y1 else { continue }
            let c = cos(e.angle), s = sin(e.angle)
            for py in y0...y1 {
                for px in x0...x1 {
                    var covered = 0.0, pale = 0.0
                    for sy in 0..<4 {
                        for sx in 0..<4 {
                            let mx = (Double(px) + (Double(sx) + 0.5) / 4) * micronsPerPixel - e.x
                            let my = (Double(py) + (Double(sy) + 0.5) / 4) * micronsPerPixel - e.y
                            let u = (c * mx + s * my) / e.a, v = (-s * mx + c * my) / e.b
                            let r2 = u * u + v * v
                            guard r2 <= 1 else { continue }
                            if e.notch {
                                let du = (u - 1) * e.a, dv = v * e.b
                                if du * du + dv * dv < (0.45 * e.a) * (0.45 * e.a) { continue }
                            }
                            covered += 1 / 16
                            if r2 < 0.49 { pale += 1 / 16 }
                        }
                    }
                    guard covered > 0 else { continue }
                    let i = py * width + px
                    for k in 0..<3 {
                        var target = e.amounts[k]
                        if k == 0, let p = e.paleCentre, pale > 0 {
                            target = Float((Double(p) * pale + Double(e.amounts[0]) * (covered - pale)) / covered)
                        }
                        planes[k][i] = planes[k][i] * Float(1 - covered) + target * Float(covered)
                    }
                }
            }
        }
        var state = seed
        for k in 0..<3 {
            for i in 0..<n {
                state = state &* 6364136223846793005 &+ 1442695040888963407
                let u = Float(state >> 40) / Float(1 << 24) - 0.5
                planes[k][i] = max(0, planes[k][i] + 2 * noise * u)
            }
        }
        return planes
    }

    func render() throws -> RGBTile {
        try ColourDeconvolution.compose(amounts: amounts(), matrix: matrix, width: width, height: height,
                                        calibration: PixelCalibration(micronsPerPixel: micronsPerPixel))
    }

    // MARK: - Cell archetypes (sizes from the literature the default classifier cites)

    static func lymphocyte(x: Double, y: Double, radius: Double = 3.2) -> Ellipse {
        Ellipse(x: x, y: y, a: radius, b: radius * 0.93, angle: 0.3, amounts: [1.05, 0.05, 0])
    }
    static func tumor(x: Double, y: Double, a: Double = 6, b: Double = 4.8, angle: Double = 0.7) -> Ellipse {
        Ellipse(x: x, y: y, a: a, b: b, angle: angle, amounts: [0.62, 0.08, 0], paleCentre: 0.3)
    }
    static func spindle(x: Double, y: Double, angle: Double = 0.2) -> Ellipse {
        Ellipse(x: x, y: y, a: 7, b: 1.6, angle: angle, amounts: [0.85, 0.05, 0])
    }
    static func macrophage(x: Double, y: Double, angle: Double = 1.1) -> Ellipse {
        Ellipse(x: x, y: y, a: 5.6, b: 3.8, angle: angle, amounts: [0.6, 0.06, 0], notch: true)
    }
    /// Pale pink cytoplasm disc drawn before a nucleus.
    static func cytoplasm(x: Double, y: Double, radius: Double, eosin: Float = 0.5) -> Ellipse {
        Ellipse(x: x, y: y, a: radius, b: radius, amounts: [0.03, eosin, 0])
    }
}
