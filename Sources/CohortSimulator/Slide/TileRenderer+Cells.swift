import Foundation

extension TileRenderer {
    /// Visits the pixels of the tile planes within `radius` of the cell centre; `body(index, u, v, t, sdPx)`
    /// receives the plane index, the rotated coordinates normalised by the semi-axes, the normalised radius
    /// t = r/R(φ) (1 on the perturbed boundary) and the approximate signed distance to it in pixels
    /// (positive inside). `scale` enlarges the shape (e.g. cytoplasm around a nucleus).
    @inline(__always)
    private func forEachPixel(_ c: SimulatedCell, a: Float, b: Float, harmonics: Float, reach: Float, ox: Int, oy: Int,
                              _ body: (Int, Int, Int, Float, Float, Float, Float) -> Void) {
        let x0 = max(0, Int((c.x - reach).rounded(.down)) - ox), x1 = min(span - 1, Int((c.x + reach).rounded(.up)) - ox)
        let y0 = max(0, Int((c.y - reach).rounded(.down)) - oy), y1 = min(span - 1, Int((c.y + reach).rounded(.up)) - oy)
        guard x0 <= x1, y0 <= y1 else { return }
        let ca = cos(c.angle), sa = sin(c.angle), invA = 1 / a, invB = 1 / b
        let plain = harmonics == 0
        let h2c = c.h2c * harmonics, h2s = c.h2s * harmonics, h3c = c.h3c * harmonics, h3s = c.h3s * harmonics
        for j in y0...y1 {
            let dy = Float(oy + j) + 0.5 - c.y
            for i in x0...x1 {
                let dx = Float(ox + i) + 0.5 - c.x
                let u = (dx * ca + dy * sa) * invA, v = (-dx * sa + dy * ca) * invB
                let r2 = u * u + v * v
                if r2 > 1.7 { continue }
                let r = r2.squareRoot() + 1e-6
                if plain { body(j * span + i, i, j, u, v, r, (1 - r) * b); continue }
                let cu = u / r, sv = v / r
                let bound = 1 + h2c * (cu * cu - sv * sv) + h2s * (2 * cu * sv)
                    + h3c * cu * (4 * cu * cu - 3) + h3s * sv * (3 - 4 * sv * sv)
                let t = r / bound
                body(j * span + i, i, j, u, v, t, (1 - t) * b)
            }
        }
    }

    // MARK: - Cytoplasm and membranes

    func paintCytoplasm(_ c: SimulatedCell, ox: Int, oy: Int) {
        let grain = grain, n = textureMask, tw = Textures.size, seed = Int(c.seed & 0xFFFF)
        let hPlane = hPlane, ePlane = ePlane, dPlane = dPlane
        let he = stain == .he
        if c.cellClass == .macrophage {
            let r = c.cytoplasmRadius
            let dab: Float = (stain == .cd68 && c.cd68) ? 0.45 : ((stain == .pdl1 && c.pdl1) ? 0.3 : 0)
            forEachPixel(c, a: r, b: r * 0.85, harmonics: 1.5, reach: r * 1.3, ox: ox, oy: oy) { k, i, j, _, _, t, sd in
                let alpha = min(1, max(0, sd / 1.5 + 0.5))
                guard alpha > 0 else { return }
                let g = grain[((j &+ seed) & n) * tw + ((i &+ seed >> 4) & n)]
                let foam: Float = g > 0.62 ? 0.4 : 1
                let ev: Float = he ? (0.09 + 0.12 * g) * foam : 0
                hPlane[k] += (0.035 - hPlane[k]) * alpha
                ePlane[k] += (ev - ePlane[k]) * alpha
                if dab > 0 {
                    let rim: Float = t > 0.8 ? 1.6 : 1
                    dPlane[k] = max(dPlane[k], alpha * dab * rim * (0.5 + g))
                }
            }
        } else if c.cellClass == .tumor, stain == .pdl1, c.pdl1 {
            let r = c.cytoplasmRadius
            forEachPixel(c, a: r, b: r * 0.9, harmonics: 0.8, reach: r * 1.3, ox: ox, oy: oy) { k, _, _, _, _, _, sd in
                let ring = max(0, 1 - abs(sd) / 1.6)
                let inside: Float = sd > 0 ? 0.08 : 0
                dPlane[k] = max(dPlane[k], 0.85 * ring + inside)
            }
        } else if c.cellClass == .tumor, he {
            // Cohesive epithelium: per-cell cytoplasm tone and a faint border.
            let r = c.cytoplasmRadius, tone = Float(Int(c.seed >> 20) & 0xFF) / 255 * 0.06 - 0.03
            forEachPixel(c, a: r, b: r * 0.9, harmonics: 0, reach: r * 1.15, ox: ox, oy: oy) { k, _, _, _, _, _, sd in
                guard sd > -1 else { return }
                let ring = max(0, 1 - abs(sd) / 1.2)
                ePlane[k] = max(0, ePlane[k] + (sd > 0 ? tone : 0) + 0.05 * ring)
            }
        }
    }

    // MARK: - Nuclei

    func paintNucleus(_ c: SimulatedCell, ox: Int, oy: Int) {
        let grain = grain, n = textureMask, tw = Textures.size
        let hPlane = hPlane, ePlane = ePlane, dPlane = dPlane
        let sx = Int(c.seed & 0xFF), sy = Int((c.seed >> 8) & 0xFF)
        let counter: Float = stain == .he ? 1 : 0.5
        let cls = c.cellClass
        // Nucleolus position (tumor cells), normalised coordinates.
        let nu = Float(Int((c.seed >> 16) & 0xFF)) / 255 * 0.6 - 0.3, nv = Float(Int(c.seed >> 24)) / 255 * 0.6 - 0.3
        let nucleolusR2: Float = pow(Float(0.9 / layout.geometry.micronsPerPixel) / c.radiusB, 2)
        let chroma = 0.2 + Float(Int(c.seed >> 12) & 0xFF) / 255 * 0.22
        let cd8 = stain == .cd8 && c.cd8
        let reach = c.radiusA * (cd8 ? 1.45 : 1.25)
        forEachPixel(c, a: c.radiusA, b: c.radiusB, harmonics: 1, reach: reach, ox: ox, oy: oy) { k, col, row, u, v, t, sd in
            if cd8 {
                let ring = max(0, 1 - abs(t - 1.18) / 0.14)
                if ring > 0 { dPlane[k] = max(dPlane[k], 0.7 * ring) }
            }
            var alpha = min(1, max(0, sd + 0.5))
            guard alpha > 0 else { return }
            let g = grain[((row &+ sy) & n) * tw + ((col &+ sx) & n)]
            var hn: Float, en: Float = 0.04
            switch cls {
            case .lymphocyte:
                hn = 0.95 + 0.25 * g
            case .stroma:
                hn = 0.80 + 0.2 * g
            case .macrophage:
                let du = u - 1.2, dist2 = du * du + v * v
                if dist2 < 0.36 { alpha *= max(0, min(1, (dist2.squareRoot() - 0.55) * 6 + 0.5)) }
                hn = 0.55 + 0.25 * g
            case .tumor:
                let rim = max(0, min(1, (t - 0.8) / 0.15))
                hn = chroma + 0.2 * rim + 0.5 * g * g * g
                let du = u - nu, dv = v - nv
                if du * du + dv * dv < nucleolusR2 { hn += 0.3; en += 0.3 }
            }
            hPlane[k] += (hn * counter - hPlane[k]) * alpha
            ePlane[k] += (en - ePlane[k]) * alpha * (stain == .he ? 1 : 0)
        }
    }
}
