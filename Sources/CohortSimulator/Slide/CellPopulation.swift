import Foundation

/// Places every cell of one slide (the truth) from the patient's phenotype and the layout.
///
/// - Tumor cells: jittered hexagonal lattice in nests, spacing s = √(2/(√3·D)) for density D, jitter ±18 % s,
///   so the density is D exactly; nuclei radius 4.5–7 µm (≤ 0.46 s), aspect 0.65–1, harmonic pleomorphism ≤ 0.12.
/// - Macrophages, fibroblasts (spindle, aligned with the local fibre angle), lymphocytes: dart throwing with
///   count Poisson(density × compartment area) and a minimum centre distance 0.8·(rᵢ + rⱼ) (≤ 60 attempts per
///   cell). Excluded phenotype: stromal lymphocytes only within `marginMicrons` of a nest, at the density that
///   keeps the stromal average at the configured value.
/// Marker status: PD-L1 on tumor cells with probability TPS and on macrophages with the patient's macrophage
/// fraction; CD8 on lymphocytes with `cd8LymphocyteFraction`; CD68 on all macrophages.
public struct CellPopulation: Sendable {
    public let layout: TissueLayout
    public private(set) var cells: [SimulatedCell] = []
    /// Compartment areas from the node mask, mm².
    public let tumorAreaSquareMillimetres: Double
    public let stromaAreaSquareMillimetres: Double

    private var hash: [[Int32]]
    private let hashCell: Float = 32
    private let hashX: Int, hashY: Int

    public init(layout: TissueLayout, patient: Patient, spec: SlideSpec, seed: UInt64) {
        self.layout = layout
        let g = layout.geometry
        hashX = Int(Float(g.widthPx) / hashCell) + 1
        hashY = Int(Float(g.heightPx) / hashCell) + 1
        hash = [[Int32]](repeating: [], count: hashX * hashY)
        let regions = layout.nodeRegions()
        let nodeArea = g.squareMillimetres(pixels: Double(layout.step * layout.step))
        // Only nodes inside the slide count.
        var tumorNodes = 0, stromaNodes = 0, bandNodes = 0
        for j in 0..<layout.nodesY where j * layout.step < g.heightPx {
            for i in 0..<layout.nodesX where i * layout.step < g.widthPx {
                let k = j * layout.nodesX + i
                switch regions[k] {
                case .tumor: tumorNodes += 1
                case .stroma:
                    stromaNodes += 1
                    if layout.nestDistanceMicrons[k] <= Float(spec.marginMicrons) { bandNodes += 1 }
                case .background: break
                }
            }
        }
        tumorAreaSquareMillimetres = Double(tumorNodes) * nodeArea
        stromaAreaSquareMillimetres = Double(stromaNodes) * nodeArea
        var rng = SimulatorRandom(seed: seed, stream: 0xCE11)
        placeTumorCells(spec: spec, patient: patient, rng: &rng)
        let mac = spec.macrophageDensity
        scatter(.macrophage, .tumor, count: rng.poisson(mac.tumor * tumorAreaSquareMillimetres), spec, patient, &rng)
        scatter(.macrophage, .stroma, count: rng.poisson(mac.stroma * stromaAreaSquareMillimetres), spec, patient, &rng)
        scatter(.stroma, .stroma, count: rng.poisson(spec.fibroblastDensity * stromaAreaSquareMillimetres), spec, patient, &rng)
        let d = patient.lymphocyteDensity
        scatter(.lymphocyte, .tumor, count: rng.poisson(d.tumor * tumorAreaSquareMillimetres), spec, patient, &rng)
        let marginOnly = patient.phenotype == .excluded && bandNodes > 0
        scatter(.lymphocyte, .stroma, count: rng.poisson(d.stroma * stromaAreaSquareMillimetres), spec, patient, &rng,
                marginMicrons: marginOnly ? Float(spec.marginMicrons) : nil)
    }

    // MARK: - Placement

    private mutating func placeTumorCells(spec: SlideSpec, patient: Patient, rng: inout SimulatorRandom) {
        let g = layout.geometry
        let spacingMicrons = (2 / (3.0.squareRoot() * spec.tumorCellDensity)).squareRoot() * 1000
        let s = Float(g.pixels(spacingMicrons))
        let rowH = s * Float(3).squareRoot() / 2
        let rows = Int(Float(g.heightPx) / rowH) + 1, cols = Int(Float(g.widthPx) / s) + 1
        for r in 0..<rows {
            for c in 0..<cols {
                let jx = Float(rng.uniform(-0.18, 0.18)) * s, jy = Float(rng.uniform(-0.18, 0.18)) * s
                let x = Float(c) * s + (r % 2 == 1 ? s / 2 : 0) + jx, y = Float(r) * rowH + jy
                guard x >= 0, y >= 0, x < Float(g.widthPx), y < Float(g.heightPx),
                      layout.region(x: x, y: y) == .tumor else {
                    _ = rng.next(); continue
                }
                let cell = makeCell(.tumor, .tumor, x, y, spec, patient, &rng, maxRadius: 0.46 * s)
                insert(cell)
            }
        }
    }

    private mutating func scatter(_ cls: SimulatedCellClass, _ region: TissueRegion, count: Int, _ spec: SlideSpec,
                                  _ patient: Patient, _ rng: inout SimulatorRandom, marginMicrons: Float? = nil) {
        let g = layout.geometry
        for _ in 0..<count {
            for _ in 0..<60 {
                let x = Float(rng.uniform()) * Float(g.widthPx), y = Float(rng.uniform()) * Float(g.heightPx)
                guard layout.region(x: x, y: y) == region else { continue }
                if let m = marginMicrons, layout.marginDistance(x: x, y: y) > m { continue }
                let cell = makeCell(cls, region, x, y, spec, patient, &rng, maxRadius: .infinity)
                if fits(cell) { insert(cell); break }
            }
        }
    }

    private func makeCell(_ cls: SimulatedCellClass, _ region: TissueRegion, _ x: Float, _ y: Float, _ spec: SlideSpec,
                          _ patient: Patient, _ rng: inout SimulatorRandom, maxRadius: Float) -> SimulatedCell {
        let px = Float(1 / layout.geometry.micronsPerPixel)
        func u(_ a: Double, _ b: Double) -> Float { Float(rng.uniform(a, b)) }
        var a: Float, b: Float, angle = u(0, Double.pi), h: Float, cyto: Float = 0
        switch cls {
        case .tumor:
            a = u(4.5, 7) * px; b = a * u(0.65, 1); h = 0.12; cyto = maxRadius / 0.46 * u(0.5, 0.56)
            a = min(a, maxRadius)
        case .lymphocyte:
            a = u(2.9, 3.7) * px; b = a * u(0.85, 1); h = 0.04
        case .macrophage:
            a = u(4.5, 6) * px; b = a * u(0.6, 0.8); h = 0.08; cyto = u(10, 14) * px
        case .stroma:
            a = u(5.5, 9) * px; b = u(1.1, 1.8) * px; h = 0.05
            angle = layout.fibreAngle(x: x, y: y) + Float(rng.normal(0, 0.2))
        }
        let pdl1P = cls == .tumor ? patient.pdl1TPS : (cls == .macrophage ? patient.pdl1MacrophageFraction : 0)
        return SimulatedCell(x: x, y: y, cellClass: cls, region: region, radiusA: a, radiusB: min(a, b), angle: angle,
                             h2c: u(-1, 1) * h, h2s: u(-1, 1) * h, h3c: u(-1, 1) * h * 0.7, h3s: u(-1, 1) * h * 0.7,
                             cytoplasmRadius: cyto, seed: UInt32(truncatingIfNeeded: rng.next()),
                             pdl1: rng.bernoulli(pdl1P), cd8: cls == .lymphocyte && rng.bernoulli(spec.cd8LymphocyteFraction),
                             cd68: cls == .macrophage)
    }

    // MARK: - Spatial hash

    private func footprint(_ c: SimulatedCell) -> Float { c.cellClass == .stroma ? c.radiusB * 2 : c.radiusA }

    private func fits(_ c: SimulatedCell) -> Bool {
        let hx = Int(c.x / hashCell), hy = Int(c.y / hashCell), r = footprint(c)
        for j in max(0, hy - 1)...min(hashY - 1, hy + 1) {
            for i in max(0, hx - 1)...min(hashX - 1, hx + 1) {
                for k in hash[j * hashX + i] {
                    let o = cells[Int(k)]
                    let dx = o.x - c.x, dy = o.y - c.y, m = 0.8 * (r + footprint(o))
                    if dx * dx + dy * dy < m * m { return false }
                }
            }
        }
        return true
    }

    private mutating func insert(_ c: SimulatedCell) {
        let hx = min(hashX - 1, Int(c.x / hashCell)), hy = min(hashY - 1, Int(c.y / hashCell))
        hash[hy * hashX + hx].append(Int32(cells.count))
        cells.append(c)
    }
}
