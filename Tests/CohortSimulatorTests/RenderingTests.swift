import Foundation
import SlideIO
import Testing
@testable import CohortSimulator

/// Physics of the renderer, checked by inverting Beer–Lambert with the slide's own stain vectors.
@Suite struct RenderingTests {
    @Test func opticalDensityDeconvolvesToTheStainsPainted() throws {
        var config = try TestConfig.small(patients: 30, side: 768)
        config.slides.blurSigmaPx = 0; config.slides.noiseSD = 0
        let p = try #require(try CohortGenerator(config: config).patients().first { $0.phenotype == .inflamed })
        let tissue = SlideTissue(patient: p, config: config)
        let seed: UInt64 = 99
        let renderer = SlideRenderer(tissue: tissue, stain: .he, config: config, textures: Textures(), slideSeed: seed)
        var rng = SimulatorRandom(seed: seed, stream: 0x57A1)
        let model = StainModel(stain: .he, spec: config.slides, rng: &rng)
        let side = 768
        let rgb = renderer.renderRegion(x: 0, y: 0, width: side, height: side)
        // Least-squares hematoxylin concentration from RGB (OD = −log10(I/255) − glass, solve 3×2 normal equations).
        func hematoxylin(_ x: Int, _ y: Int) -> Float {
            let o = (y * side + x) * 3
            let od = SIMD3<Float>((0..<3).map { -log10(max(Float(rgb[o + $0]), 1) / 255) }) - model.glass
            let h = model.hematoxylin, e = model.eosin
            let a11 = (h * h).sum(), a12 = (h * e).sum(), a22 = (e * e).sum()
            let b1 = (h * od).sum(), b2 = (e * od).sum()
            return (b1 * a22 - b2 * a12) / (a11 * a22 - a12 * a12)
        }
        func meanH(_ c: SimulatedCellClass) -> Float {
            let pts = tissue.population.cells.filter { $0.cellClass == c && Int($0.x) < side && Int($0.y) < side }
            return pts.map { hematoxylin(Int($0.x), Int($0.y)) }.reduce(0, +) / Float(max(pts.count, 1))
        }
        let lymph = meanH(.lymphocyte), tumor = meanH(.tumor)
        // Stroma between cells: random points in stroma farther than 12 px from any cell centre.
        var stroma: [Float] = []
        var prng = SimulatorRandom(seed: 3)
        while stroma.count < 200 {
            let x = Int(prng.next() % UInt64(side)), y = Int(prng.next() % UInt64(side))
            guard tissue.layout.region(x: Float(x), y: Float(y)) == .stroma,
                  tissue.population.cells.allSatisfy({ abs($0.x - Float(x)) > 12 || abs($0.y - Float(y)) > 12 }) else { continue }
            stroma.append(hematoxylin(x, y))
        }
        let bg = stroma.reduce(0, +) / Float(stroma.count)
        #expect(lymph > 0.8, "lymphocyte nuclei are dense: H = \(lymph)")
        #expect(lymph > tumor + 0.2, "vesicular tumor nuclei are paler than lymphocytes: \(tumor) vs \(lymph)")
        #expect(tumor > bg + 0.15, "nuclei carry hematoxylin above stroma: \(tumor) vs \(bg)")
        #expect(bg < 0.1)
    }

    @Test func backgroundIsNearWhiteAndRegionReadsAreTileIndependent() throws {
        let config = try TestConfig.small(patients: 5, side: 768)
        let p = try CohortGenerator(config: config).patients()[0]
        let tissue = SlideTissue(patient: p, config: config)
        let r = SlideRenderer(tissue: tissue, stain: .he, config: config, textures: Textures(), slideSeed: 5)
        let full = r.renderRegion(x: 0, y: 0, width: 768, height: 768)
        let part = r.renderRegion(x: 200, y: 300, width: 100, height: 90)
        for y in 0..<90 { for x in 0..<100 { for c in 0..<3 {
            #expect(part[(y * 100 + x) * 3 + c] == full[((300 + y) * 768 + 200 + x) * 3 + c])
        } } }
        var bright = 0, total = 0
        for y in stride(from: 0, to: 768, by: 7) { for x in stride(from: 0, to: 768, by: 7)
            where tissue.layout.sample(tissue.layout.tissueField, Float(x), Float(y)) < tissue.layout.tissueThreshold - 0.02 {
            total += 1
            let o = (y * 768 + x) * 3
            if full[o] > 215 && full[o + 1] > 215 && full[o + 2] > 215 { bright += 1 }
        } }
        if total > 0 { #expect(Double(bright) / Double(total) > 0.95, "glass is near white") }
    }

    @Test func pngEncoderChecksums() {
        #expect(PNGEncoder.crc32(Array("IEND".utf8)) == 0xAE42_6082)
        #expect(PNGEncoder.adler32(Array("Wikipedia".utf8)) == 0x11E6_0398)
        let png = PNGEncoder.encode(width: 2, height: 1, channels: 3, pixels: [255, 0, 0, 0, 255, 0])
        #expect(Array(png.prefix(8)) == [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
    }
}
