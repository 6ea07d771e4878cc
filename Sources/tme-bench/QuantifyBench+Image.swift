import Foundation
import TissueAnalysis

/// The benchmark's synthetic H&E field: tumor nests (large vesicular nuclei) in stroma (spindle nuclei) with
/// scattered lymphocytes and macrophages, drawn by the Beer–Lambert law with the Ruifrok–Johnston H&E vectors.
/// Deterministic (fixed-seed generator), so both pipelines of a run, and runs on different days, see one image.
struct QuantifyBenchImage {
    let width: Int, height: Int, micronsPerPixel: Double
    private(set) var cellCount = 0

    init(width: Int, height: Int, micronsPerPixel: Double) {
        self.width = width; self.height = height; self.micronsPerPixel = micronsPerPixel
    }

    mutating func render() throws -> RGBTile {
        let n = width * height
        var h = [Float](repeating: 0.03, count: n), e = [Float](repeating: 0.35, count: n)
        let residual = [Float](repeating: 0, count: n)
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func uniform() -> Double {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Double(state >> 11) / Double(1 << 53)
        }
        let um = micronsPerPixel, widthUM = Double(width) * um, heightUM = Double(height) * um
        // Nest centres: a coarse jittered grid, nests 60–110 µm in radius.
        var nests: [(Double, Double, Double)] = []
        var y = 80.0
        while y < heightUM { var x = 80.0; while x < widthUM { nests.append((x + uniform() * 60 - 30, y + uniform() * 60 - 30, 60 + uniform() * 50)); x += 260 }; y += 260 }
        func inNest(_ x: Double, _ y: Double) -> Bool { nests.contains { ($0.0 - x) * ($0.0 - x) + ($0.1 - y) * ($0.1 - y) < $0.2 * $0.2 } }
        var cy = 6.0
        while cy < heightUM - 6 {
            var cx = 6.0
            while cx < widthUM - 6 {
                let x = cx + uniform() * 5, y = cy + uniform() * 5, r = uniform(), angle = uniform() * Double.pi
                if inNest(x, y) {
                    if r < 0.12 { paint(&h, &e, x, y, 3.2, 3.0, angle, 1.05, nil) } else { paint(&h, &e, x, y, 5.5 + uniform(), 4.3 + uniform(), angle, 0.62, 0.3) }
                    cellCount += 1
                } else if r < 0.35 {
                    let kind = uniform()
                    if kind < 0.5 { paint(&h, &e, x, y, 7, 1.6, angle, 0.85, nil) }
                    else if kind < 0.85 { paint(&h, &e, x, y, 3.2, 3.0, angle, 1.05, nil) }
                    else { paint(&h, &e, x, y, 5.6, 3.8, angle, 0.6, nil) }
                    cellCount += 1
                }
                cx += 13
            }
            cy += 13
        }
        return try ColourDeconvolution.compose(amounts: [h, e, residual], matrix: .hematoxylinEosin, width: width, height: height,
                                               calibration: PixelCalibration(micronsPerPixel: micronsPerPixel))
    }

    /// Paints an ellipse (semi-axes a, b µm) of hematoxylin `amount` (pale centre `pale` inside 0.7 of the radius).
    private func paint(_ h: inout [Float], _ e: inout [Float], _ x: Double, _ y: Double, _ a: Double, _ b: Double,
                       _ angle: Double, _ amount: Float, _ pale: Float?) {
        let um = micronsPerPixel, c = cos(angle), s = sin(angle)
        let x0 = max(0, Int((x - a) / um) - 1), x1 = min(width - 1, Int((x + a) / um) + 1)
        let y0 = max(0, Int((y - a) / um) - 1), y1 = min(height - 1, Int((y + a) / um) + 1)
        guard x0 <= x1, y0 <= y1 else { return }
        for py in y0...y1 {
            for px in x0...x1 {
                let dx = (Double(px) + 0.5) * um - x, dy = (Double(py) + 0.5) * um - y
                let u = (c * dx + s * dy) / a, v = (-s * dx + c * dy) / b, r2 = u * u + v * v
                guard r2 <= 1 else { continue }
                let i = py * width + px
                h[i] = r2 < 0.49 ? (pale ?? amount) : amount
                e[i] = 0.06
            }
        }
    }
}
