import Foundation

/// Small tileable textures shared by all slides (256 × 256, values 0…1), built once from a fixed seed.
///
/// - `fibre`: white noise box-filtered 33 px along x and 3 px along y, contrast-stretched: collagen streaks.
/// - `grain`: white noise box-filtered 3 × 3: chromatin granules and cytoplasm mottling.
public struct Textures: Sendable {
    public static let size = 256
    public let fibre: [Float]
    public let grain: [Float]

    public init() {
        var rng = SimulatorRandom(seed: 0x7E47_0000)
        let n = Textures.size
        let white = (0..<(n * n)).map { _ in Float(rng.uniform()) }
        fibre = Textures.stretch(Textures.box(Textures.box(white, rx: 16, ry: 0), rx: 0, ry: 1))
        grain = Textures.stretch(Textures.box(white, rx: 1, ry: 1))
    }

    static func box(_ t: [Float], rx: Int, ry: Int) -> [Float] {
        let n = size
        var out = [Float](repeating: 0, count: n * n)
        let norm = 1 / Float((2 * rx + 1) * (2 * ry + 1))
        for y in 0..<n { for x in 0..<n {
            var s: Float = 0
            for dy in -ry...ry { for dx in -rx...rx { s += t[((y + dy) & (n - 1)) * n + ((x + dx) & (n - 1))] } }
            out[y * n + x] = s * norm
        } }
        return out
    }

    static func stretch(_ t: [Float]) -> [Float] {
        let lo = t.min() ?? 0, hi = t.max() ?? 1
        return t.map { ($0 - lo) / max(hi - lo, 1e-6) }
    }
}
