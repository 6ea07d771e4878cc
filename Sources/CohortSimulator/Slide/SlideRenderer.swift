import Foundation

/// One slide to make: which patient, which stain, which file.
public struct SlideJob: Sendable, Hashable, Codable {
    public var slideID: String
    public var patientIndex: Int
    public var stain: SlideStain
    /// File name under `slides/`.
    public var fileName: String
}

/// The tissue of one patient: layout and cells, shared by all of that patient's slides (serial sections).
public struct SlideTissue: Sendable {
    public let layout: TissueLayout
    public let population: CellPopulation

    public init(patient: Patient, config: CohortConfig) {
        let s = config.slides
        let geometry = SlideGeometry(widthPx: s.widthPx, heightPx: s.heightPx, micronsPerPixel: s.micronsPerPixel,
                                     tileSize: s.tileSize)
        let seed = SimulatorRandom.mix(config.seed, 0x5EC7_1000_0000 | UInt64(patient.index))
        layout = TissueLayout(geometry: geometry, spec: s, seed: seed)
        population = CellPopulation(layout: layout, patient: patient, spec: s, seed: seed)
    }
}

/// Renders a slide tile by tile (bounded memory: the cells, one tile's planes and one RGB tile).
///
/// Cells are bucketed by the tiles their drawn extent (plus the blur apron) touches, so each tile visits only
/// its own cells. Every pixel depends only on (seed, position), so tiles may be rendered in any order or
/// split across renderers with identical results.
public final class SlideRenderer {
    public let tissue: SlideTissue
    public let stain: SlideStain
    private let renderer: TileRenderer
    private let buckets: [[Int32]]
    private var geometry: SlideGeometry { tissue.layout.geometry }

    public init(tissue: SlideTissue, stain: SlideStain, config: CohortConfig, textures: Textures, slideSeed: UInt64) {
        self.tissue = tissue
        self.stain = stain
        var rng = SimulatorRandom(seed: slideSeed, stream: 0x57A1)
        let model = StainModel(stain: stain, spec: config.slides, rng: &rng)
        renderer = TileRenderer(layout: tissue.layout, cells: tissue.population.cells, stain: stain, model: model,
                                textures: textures, spec: config.slides, noiseSeed: rng.next())
        let g = tissue.layout.geometry
        var b = [[Int32]](repeating: [], count: g.tilesAcross * g.tilesDown)
        let t = Float(g.tileSize), apron = Float(renderer.apron)
        for (k, c) in tissue.population.cells.enumerated() {
            let e = c.extent + apron
            let x0 = max(0, Int((c.x - e) / t)), x1 = min(g.tilesAcross - 1, Int((c.x + e) / t))
            let y0 = max(0, Int((c.y - e) / t)), y1 = min(g.tilesDown - 1, Int((c.y + e) / t))
            guard x0 <= x1, y0 <= y1 else { continue }
            for ty in y0...y1 { for tx in x0...x1 { b[ty * g.tilesAcross + tx].append(Int32(k)) } }
        }
        buckets = b
    }

    /// Renders every tile in row-major order into `sink`, then finishes it.
    public func render(into sink: any SlideTileSink) throws {
        let g = geometry
        var rgb = [UInt8](repeating: 255, count: g.tileSize * g.tileSize * 3)
        for ty in 0..<g.tilesDown {
            for tx in 0..<g.tilesAcross {
                renderer.render(tx: tx, ty: ty, cellIndices: buckets[ty * g.tilesAcross + tx], into: &rgb)
                try sink.append(column: tx, row: ty, rgb: rgb)
            }
        }
        try sink.finish()
    }

    /// A level-0 region as RGB (`width × height × 3`), cropped from the tiles that cover it
    /// (identical to the same pixels of the written slide before compression).
    public func renderRegion(x: Int, y: Int, width: Int, height: Int) -> [UInt8] {
        let g = geometry, ts = g.tileSize
        var out = [UInt8](repeating: 255, count: width * height * 3)
        var rgb = [UInt8](repeating: 255, count: ts * ts * 3)
        for ty in max(0, y / ts)...min(g.tilesDown - 1, (y + height - 1) / ts) {
            for tx in max(0, x / ts)...min(g.tilesAcross - 1, (x + width - 1) / ts) {
                renderer.render(tx: tx, ty: ty, cellIndices: buckets[ty * g.tilesAcross + tx], into: &rgb)
                for j in 0..<ts {
                    let gy = ty * ts + j
                    guard gy >= y, gy < y + height else { continue }
                    for i in 0..<ts {
                        let gx = tx * ts + i
                        guard gx >= x, gx < x + width else { continue }
                        let o = ((gy - y) * width + (gx - x)) * 3, s = (j * ts + i) * 3
                        out[o] = rgb[s]; out[o + 1] = rgb[s + 1]; out[o + 2] = rgb[s + 2]
                    }
                }
            }
        }
        return out
    }
}
