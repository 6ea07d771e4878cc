import Foundation

/// Renders one tile of a slide into an 8-bit RGB buffer by Beer–Lambert composition of stain concentrations.
///
/// Per pixel: background concentrations from the compartment (stroma: eosin collagen with warped fibre
/// texture; nest: amphophilic cytoplasm; background: glass), then macrophage/tumor cytoplasm and IHC
/// membranes, then nuclei (α-blended with a 1-px soft edge); a separable Gaussian blur (σ = blurSigmaPx) on
/// the concentration planes; OD_c = H·h_c + E·e_c + D·d_c + glass_c + noise; I_c = 255·10^(−OD_c) from a
/// lookup table (1/512 OD steps). Noise is uniform with SD `noiseSD` from a per-slide table indexed by
/// (x mod 1024, y mod 1024), so a pixel never depends on the order tiles are rendered in. A renderer owns its scratch planes (allocated once,
/// freed in deinit, no per-pixel allocation); use one per thread.
public final class TileRenderer {
    let layout: TissueLayout
    let cells: [SimulatedCell]
    let stain: SlideStain
    let model: StainModel
    let noiseSeed: UInt64
    let noiseAmplitude: Float
    let kernel: [Float]
    let apron: Int
    let tile: Int
    let span: Int
    let textureMask = Textures.size - 1
    // Owned scratch memory.
    let hPlane: UnsafeMutablePointer<Float>, ePlane: UnsafeMutablePointer<Float>, dPlane: UnsafeMutablePointer<Float>
    let scratch: UnsafeMutablePointer<Float>
    let fibre: UnsafeMutablePointer<Float>, grain: UnsafeMutablePointer<Float>
    let lut: UnsafeMutablePointer<UInt8>
    let lutCount: Int
    let rowFields: UnsafeMutablePointer<Float>
    let rowCapacity: Int
    /// Per tile column: lattice cell (relative to the tile's first node) and fraction, shared by all rows.
    let columnCell: UnsafeMutablePointer<Int>, columnFrac: UnsafeMutablePointer<Float>
    /// Per-slide noise table: 3 channels of uniform OD noise, `noiseSide`² entries, indexed by position mod side.
    let noise: UnsafeMutablePointer<Float>
    static let noiseSide = 1024
    static let lutScale: Float = 512

    init(layout: TissueLayout, cells: [SimulatedCell], stain: SlideStain, model: StainModel, textures: Textures,
         spec: SlideSpec, noiseSeed: UInt64) {
        self.layout = layout; self.cells = cells; self.stain = stain; self.model = model
        self.noiseSeed = noiseSeed
        noiseAmplitude = Float(spec.noiseSD) * Float(3).squareRoot()
        let sigma = spec.blurSigmaPx
        let radius = sigma <= 0 ? 0 : max(1, min(3, Int((2 * sigma).rounded())))
        var k = (-radius...radius).map { Float(exp(-Double($0 * $0) / (2 * max(sigma * sigma, 1e-6)))) }
        let total = k.reduce(0, +); k = k.map { $0 / total }
        kernel = k
        apron = radius + 1
        tile = layout.geometry.tileSize
        span = tile + 2 * apron
        func plane(_ n: Int) -> UnsafeMutablePointer<Float> {
            let p = UnsafeMutablePointer<Float>.allocate(capacity: n); p.initialize(repeating: 0, count: n); return p
        }
        hPlane = plane(span * span); ePlane = plane(span * span); dPlane = plane(span * span); scratch = plane(span * span)
        let t = Textures.size * Textures.size
        fibre = plane(t); grain = plane(t)
        for i in 0..<t { fibre[i] = textures.fibre[i]; grain[i] = textures.grain[i] }
        lutCount = 8 * Int(Self.lutScale)
        lut = UnsafeMutablePointer<UInt8>.allocate(capacity: lutCount)
        for i in 0..<lutCount {
            lut[i] = UInt8(max(0, min(255, (255 * pow(10, -Double(i) / Double(Self.lutScale))).rounded())))
        }
        rowCapacity = span / layout.step + 4
        rowFields = plane(3 * rowCapacity)
        columnCell = UnsafeMutablePointer<Int>.allocate(capacity: span); columnCell.initialize(repeating: 0, count: span)
        columnFrac = plane(span)
        let ns = Self.noiseSide
        noise = plane(3 * ns * ns)
        var nrng = SimulatorRandom(seed: noiseSeed)
        let amplitude = noiseAmplitude
        for i in 0..<(3 * ns * ns) { noise[i] = Float(nrng.uniform(-1, 1)) * amplitude }
    }

    deinit {
        for p in [hPlane, ePlane, dPlane, scratch, fibre, grain, rowFields, columnFrac, noise] { p.deallocate() }
        lut.deallocate(); columnCell.deallocate()
    }

    /// Renders tile (tx, ty) from the cells listed in `cellIndices` into `rgb` (tile² × 3 bytes, row-major).
    /// Pixels beyond the slide edge are white.
    func render(tx: Int, ty: Int, cellIndices: [Int32], into rgb: inout [UInt8]) {
        let ox = tx * tile - apron, oy = ty * tile - apron
        paintBackground(ox: ox, oy: oy)
        cells.withUnsafeBufferPointer { all in
            for k in cellIndices where all[Int(k)].cytoplasmRadius > 0 { paintCytoplasm(all[Int(k)], ox: ox, oy: oy) }
            for k in cellIndices { paintNucleus(all[Int(k)], ox: ox, oy: oy) }
        }
        if kernel.count > 1 {
            blur(hPlane); blur(ePlane)
            if stain != .he { blur(dPlane) }
        }
        compose(tx: tx, ty: ty, into: &rgb)
    }

    // MARK: - Background

    private func paintBackground(ox: Int, oy: Int) {
        let ihc = stain != .he
        let n = textureMask, tw = Textures.size
        let tissueT = layout.tissueThreshold, nestT = layout.nestThreshold
        let fc = cos(layout.fibreBaseAngle), fs = sin(layout.fibreBaseAngle), warp = layout.warpPx
        let h = hPlane, e = ePlane, d = dPlane, fib = fibre, grain = grain
        let step = Float(layout.step), inv = 1 / step, nx = layout.nodesX
        let k0 = min(Int(max(0, (Float(ox) + 0.5) * inv)), nx - 2)
        let rowT = rowFields, rowN = rowFields + rowCapacity, rowW = rowFields + 2 * rowCapacity
        d.update(repeating: 0, count: span * span)
        let colCell = columnCell, colFrac = columnFrac
        for i in 0..<span {
            let fx = max(0, (Float(ox + i) + 0.5) * inv), ix = min(Int(fx), nx - 2)
            colCell[i] = ix - k0; colFrac[i] = min(fx - Float(ix), 1)
        }
        for j in 0..<span {
            let y = Float(oy + j) + 0.5
            // Fields interpolated along y once per row, at the node columns this tile spans.
            let fy = max(0, y * inv), iy = min(Int(fy), layout.nodesY - 2), ty = min(fy - Float(iy), 1)
            layout.tissueField.withUnsafeBufferPointer { tf in
            layout.nestField.withUnsafeBufferPointer { nf in
            layout.orientation.withUnsafeBufferPointer { of in
                for c in 0..<min(rowCapacity, nx - k0) {
                    let a = iy * nx + k0 + c, b = a + nx
                    rowT[c] = tf[a] + (tf[b] - tf[a]) * ty
                    rowN[c] = nf[a] + (nf[b] - nf[a]) * ty
                    rowW[c] = of[a] + (of[b] - of[a]) * ty
                }
            } } }
            let gy = (oy + j) & n
            for i in 0..<span {
                let x = Float(ox + i) + 0.5
                let idx = j * span + i
                let c = colCell[i], tx = colFrac[i]
                let gx = (ox + i) & n
                let detail = (grain[gy * tw + gx] - 0.5) * 0.012
                let tissue = rowT[c] + (rowT[c + 1] - rowT[c]) * tx + detail - tissueT
                if tissue < -0.004 { h[idx] = 0; e[idx] = 0; continue }
                let edge = min(1, (tissue + 0.004) / 0.008)
                let nest = rowN[c] + (rowN[c + 1] - rowN[c]) * tx + detail - nestT
                let mottle = grain[((gy &* 3) & n) * tw + ((gx &* 3 &+ 17) & n)]
                let depth = 0.8 + 2 * min(tissue, 0.2)
                var hv: Float, ev: Float
                if nest >= 0 {
                    hv = ihc ? 0.03 : 0.05 + 0.03 * mottle
                    ev = ihc ? 0 : (0.16 + 0.07 * mottle) * depth
                } else {
                    let w = rowW[c] + (rowW[c + 1] - rowW[c]) * tx
                    let u = x * fc + y * fs, v = -x * fs + y * fc + warp * w
                    // Truncation of a shifted positive value = floor, without a libm call.
                    let f1 = fib[(Int(v + 1_048_576) & n) * tw + (Int(u * 0.5 + 1_048_576) & n)]
                    let f2 = fib[((Int(v * 0.37 + 1_048_576) &+ 101) & n) * tw + (Int(u * 0.2 + 1_048_576) & n)]
                    let f = 0.55 * f1 + 0.45 * f2
                    hv = ihc ? 0.015 + 0.03 * f : 0.02
                    ev = ihc ? 0 : (0.05 + 0.42 * f * f) * depth
                }
                h[idx] = hv * edge; e[idx] = ev * edge
            }
        }
    }

    // MARK: - Compose

    private func compose(tx: Int, ty: Int, into rgb: inout [UInt8]) {
        let g = layout.geometry
        let hv = model.hematoxylin, ev = model.eosin, dv = model.dab, glass = model.glass
        let scale = Self.lutScale, maxIdx = lutCount - 1, ns = Self.noiseSide, nm = ns - 1
        let h = hPlane, e = ePlane, d = dPlane, table = lut, ihc = stain != .he, noise = noise
        rgb.withUnsafeMutableBufferPointer { out in
            for j in 0..<tile {
                let gy = ty * tile + j
                for i in 0..<tile {
                    let o = (j * tile + i) * 3
                    let gx = tx * tile + i
                    if gx >= g.widthPx || gy >= g.heightPx { out[o] = 255; out[o + 1] = 255; out[o + 2] = 255; continue }
                    let idx = (j + apron) * span + (i + apron)
                    let hc = h[idx], ec = e[idx], dc = ihc ? d[idx] : 0
                    let q = 3 * ((gy & nm) * ns + (gx & nm))
                    let n0 = noise[q], n1 = noise[q + 1], n2 = noise[q + 2]
                    let odR = hc * hv.x + ec * ev.x + dc * dv.x + glass.x + n0
                    let odG = hc * hv.y + ec * ev.y + dc * dv.y + glass.y + n1
                    let odB = hc * hv.z + ec * ev.z + dc * dv.z + glass.z + n2
                    out[o] = table[min(maxIdx, max(0, Int(odR * scale)))]
                    out[o + 1] = table[min(maxIdx, max(0, Int(odG * scale)))]
                    out[o + 2] = table[min(maxIdx, max(0, Int(odB * scale)))]
                }
            }
        }
    }

    // MARK: - Blur

    /// Separable convolution with `kernel` over the interior [r, span − r) of each axis (the apron absorbs
    /// the border, so output pixels never see a clamped neighbour).
    private func blur(_ p: UnsafeMutablePointer<Float>) {
        let r = kernel.count / 2, s = span, t = scratch
        if r == 1 {
            // The common case (σ ≤ 0.5…1): unrolled 3-tap kernel, vectorisable.
            let k0 = kernel[0], k1 = kernel[1]
            for j in 0..<s {
                let row = p + j * s, out = t + j * s
                for i in 1..<(s - 1) { out[i] = k1 * row[i] + k0 * (row[i - 1] + row[i + 1]) }
            }
            for j in 1..<(s - 1) {
                let out = p + j * s, up = t + (j - 1) * s, mid = t + j * s, down = t + (j + 1) * s
                for i in 1..<(s - 1) { out[i] = k1 * mid[i] + k0 * (up[i] + down[i]) }
            }
            return
        }
        kernel.withUnsafeBufferPointer { k in
            for j in 0..<s {
                let row = p + j * s, out = t + j * s
                for i in r..<(s - r) {
                    var acc: Float = 0
                    for q in 0..<(2 * r + 1) { acc += k[q] * row[i + q - r] }
                    out[i] = acc
                }
            }
            for j in r..<(s - r) {
                let out = p + j * s
                for i in r..<(s - r) {
                    var acc: Float = 0
                    for q in 0..<(2 * r + 1) { acc += k[q] * t[(j + q - r) * s + i] }
                    out[i] = acc
                }
            }
        }
    }
}
