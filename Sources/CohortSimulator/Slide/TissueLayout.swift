import Foundation

/// Tissue compartment of a point.
public enum TissueRegion: UInt8, Sendable, Hashable, Codable {
    case background = 0, stroma = 1, tumor = 2
    public var name: String { ["background", "stroma", "tumor"][Int(rawValue)] }
}

/// The slide's architecture on a coarse lattice (one node every `step` level-0 pixels).
///
/// Two fractal value-noise fields (3 octaves, smoothstep interpolation; Perlin 1985) define tissue and nests:
/// a point is background where the tissue field is below its `whitespaceFraction` quantile, tumor where the
/// nest field is above its (1 − tumorFraction) quantile among tissue nodes, stroma otherwise. Fields are
/// interpolated bilinearly between nodes, so borders are smooth at any pixel. A chamfer (3-4) distance
/// transform gives each stroma node its distance to the nearest nest (the invasive margin), and a third field
/// warps the collagen fibres (domain warping, no swirl artefacts).
public struct TissueLayout: Sendable {
    public let geometry: SlideGeometry
    /// Level-0 pixels between lattice nodes.
    public let step: Int
    public let nodesX: Int, nodesY: Int
    public let tissueField: [Float]
    public let nestField: [Float]
    /// Fibre warp field (0…1); fibres are the level sets of v + warpPx·warp(x, y) in a frame rotated by `fibreBaseAngle`.
    public let orientation: [Float]
    public let fibreBaseAngle: Float
    public let warpPx: Float = 90
    public let tissueThreshold: Float
    public let nestThreshold: Float
    /// Distance from each node to the nearest tumor node, µm (0 inside nests).
    public let nestDistanceMicrons: [Float]

    public init(geometry: SlideGeometry, spec: SlideSpec, seed: UInt64) {
        self.geometry = geometry
        step = 16
        nodesX = geometry.widthPx / step + 2
        nodesY = geometry.heightPx / step + 2
        let nestScalePx = geometry.pixels(spec.nestScaleMicrons)
        tissueField = Self.fractal(nodesX, nodesY, step: step, scalePx: nestScalePx * 3, seed: seed ^ 0x7155)
        nestField = Self.fractal(nodesX, nodesY, step: step, scalePx: nestScalePx * 1.6, seed: seed ^ 0x4E57)
        orientation = Self.fractal(nodesX, nodesY, step: step, scalePx: nestScalePx * 2, seed: seed ^ 0x0F1B)
        var arng = SimulatorRandom(seed: seed, stream: 0xA41E)
        fibreBaseAngle = Float(arng.uniform(0, Double.pi))
        let sortedTissue = tissueField.sorted()
        tissueThreshold = sortedTissue[min(sortedTissue.count - 1, Int(Double(sortedTissue.count) * spec.whitespaceFraction))]
        let tt = tissueThreshold
        let tissueNest = zip(tissueField, nestField).filter { $0.0 >= tt }.map(\.1).sorted()
        let nt = tissueNest.isEmpty ? 1 : tissueNest[min(tissueNest.count - 1, Int(Double(tissueNest.count) * (1 - spec.tumorFraction)))]
        nestThreshold = nt
        var dist = [Float](repeating: 1e9, count: nodesX * nodesY)
        for i in dist.indices where nestField[i] >= nt { dist[i] = 0 }
        Self.chamfer(&dist, nodesX, nodesY)
        let micronsPerNode = Float(geometry.microns(Double(step)))
        nestDistanceMicrons = dist.map { $0 / 3 * micronsPerNode }
    }

    // MARK: - Queries (level-0 pixel coordinates)

    @inline(__always)
    func sample(_ field: [Float], _ x: Float, _ y: Float) -> Float {
        let fx = max(0, x / Float(step)), fy = max(0, y / Float(step))
        let ix = min(Int(fx), nodesX - 2), iy = min(Int(fy), nodesY - 2)
        let tx = min(fx - Float(ix), 1), ty = min(fy - Float(iy), 1)
        let i = iy * nodesX + ix
        let a = field[i] + (field[i + 1] - field[i]) * tx
        let b = field[i + nodesX] + (field[i + nodesX + 1] - field[i + nodesX]) * tx
        return a + (b - a) * ty
    }

    /// Compartment at a level-0 pixel position.
    public func region(x: Float, y: Float) -> TissueRegion {
        if sample(tissueField, x, y) < tissueThreshold { return .background }
        return sample(nestField, x, y) >= nestThreshold ? .tumor : .stroma
    }

    /// Distance to the nearest nest, µm (bilinear between nodes).
    public func marginDistance(x: Float, y: Float) -> Float { sample(nestDistanceMicrons, x, y) }

    /// Local fibre angle, radians: θ0 + atan(−warpPx·∂warp/∂u) (the tangent of the warped level sets).
    public func fibreAngle(x: Float, y: Float) -> Float {
        let c = cos(fibreBaseAngle), s = sin(fibreBaseAngle), h: Float = 8
        let d = (sample(orientation, x + h * c, y + h * s) - sample(orientation, x - h * c, y - h * s)) / (2 * h)
        return fibreBaseAngle + atan(-warpPx * d)
    }

    /// Compartment of every lattice node (row-major `nodesX × nodesY`), the low-resolution region mask.
    public func nodeRegions() -> [TissueRegion] {
        (0..<(nodesX * nodesY)).map { i in
            tissueField[i] < tissueThreshold ? .background : (nestField[i] >= nestThreshold ? .tumor : .stroma)
        }
    }

    // MARK: - Construction helpers

    /// Fractal value noise in [0, 1): Σ_o 0.5^o · noise(2^o · p / scale), normalised.
    static func fractal(_ nx: Int, _ ny: Int, step: Int, scalePx: Double, seed: UInt64) -> [Float] {
        var out = [Float](repeating: 0, count: nx * ny)
        var amp: Float = 1, total: Float = 0
        for octave in 0..<3 {
            let cell = max(scalePx / pow(2, Double(octave)), Double(step))
            let lx = Int(Double(nx * step) / cell) + 2, ly = Int(Double(ny * step) / cell) + 2
            var rng = SimulatorRandom(seed: seed, stream: UInt64(octave))
            let lattice = (0..<(lx * ly)).map { _ in Float(rng.uniform()) }
            for j in 0..<ny {
                let fy = Double(j * step) / cell, iy = Int(fy), ty = Float(fy - Double(iy))
                let sy = ty * ty * (3 - 2 * ty)
                for i in 0..<nx {
                    let fx = Double(i * step) / cell, ix = Int(fx), tx = Float(fx - Double(ix))
                    let sx = tx * tx * (3 - 2 * tx)
                    let a = lattice[iy * lx + ix], b = lattice[iy * lx + ix + 1]
                    let c = lattice[(iy + 1) * lx + ix], d = lattice[(iy + 1) * lx + ix + 1]
                    out[j * nx + i] += amp * ((a + (b - a) * sx) * (1 - sy) + (c + (d - c) * sx) * sy)
                }
            }
            total += amp
            amp *= 0.5
        }
        return out.map { $0 / total }
    }

    /// Two-pass 3-4 chamfer distance transform (Borgefors 1986), in units of 1/3 node.
    static func chamfer(_ d: inout [Float], _ nx: Int, _ ny: Int) {
        for y in 0..<ny { for x in 0..<nx {
            let i = y * nx + x
            if x > 0 { d[i] = min(d[i], d[i - 1] + 3) }
            if y > 0 {
                d[i] = min(d[i], d[i - nx] + 3)
                if x > 0 { d[i] = min(d[i], d[i - nx - 1] + 4) }
                if x < nx - 1 { d[i] = min(d[i], d[i - nx + 1] + 4) }
            }
        } }
        for y in stride(from: ny - 1, through: 0, by: -1) { for x in stride(from: nx - 1, through: 0, by: -1) {
            let i = y * nx + x
            if x < nx - 1 { d[i] = min(d[i], d[i + 1] + 3) }
            if y < ny - 1 {
                d[i] = min(d[i], d[i + nx] + 3)
                if x < nx - 1 { d[i] = min(d[i], d[i + nx + 1] + 4) }
                if x > 0 { d[i] = min(d[i], d[i + nx - 1] + 4) }
            }
        } }
    }
}
