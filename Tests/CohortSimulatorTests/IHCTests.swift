import Foundation
import Testing
@testable import CohortSimulator

/// IHC slides put DAB on the right cells: deconvolving the rendered RGB with the slide's own stain vectors
/// (3 × 3 inverse of [H E DAB]) gives more DAB on marker-positive cells than on negative ones.
@Suite struct IHCTests {
    func dabSampler(_ rgb: [UInt8], side: Int, model: StainModel) -> (Int, Int) -> Float {
        let m = [model.hematoxylin, model.eosin, model.dab]
        // Solve OD = H·h + E·e + D·d by Cramer's rule.
        func det(_ a: SIMD3<Float>, _ b: SIMD3<Float>, _ c: SIMD3<Float>) -> Float {
            a.x * (b.y * c.z - b.z * c.y) - b.x * (a.y * c.z - a.z * c.y) + c.x * (a.y * b.z - a.z * b.y)
        }
        let d0 = det(m[0], m[1], m[2])
        return { x, y in
            let o = (y * side + x) * 3
            let od = SIMD3<Float>((0..<3).map { -log10(max(Float(rgb[o + $0]), 1) / 255) }) - model.glass
            return det(m[0], m[1], od) / d0
        }
    }

    func render(_ stain: SlideStain, patient: (Patient) -> Bool) throws -> (SlideTissue, [UInt8], StainModel, Int) {
        var config = try TestConfig.small(patients: 60, side: 640)
        config.slides.blurSigmaPx = 0; config.slides.noiseSD = 0
        let p = try #require(try CohortGenerator(config: config).patients().first(where: patient))
        let tissue = SlideTissue(patient: p, config: config)
        let renderer = SlideRenderer(tissue: tissue, stain: stain, config: config, textures: Textures(), slideSeed: 42)
        var rng = SimulatorRandom(seed: 42, stream: 0x57A1)
        let model = StainModel(stain: stain, spec: config.slides, rng: &rng)
        return (tissue, renderer.renderRegion(x: 0, y: 0, width: 640, height: 640), model, 640)
    }

    @Test func pdl1MembranesAreBrownOnPositiveTumorCellsOnly() throws {
        let (tissue, rgb, model, side) = try render(.pdl1) { $0.pdl1TPS > 0.3 && $0.pdl1TPS < 0.7 }
        let dab = dabSampler(rgb, side: side, model: model)
        var pos: [Float] = [], neg: [Float] = []
        for c in tissue.population.cells where c.cellClass == .tumor {
            let x = Int(c.x + c.cytoplasmRadius), y = Int(c.y)
            guard x >= 0, x < side, y >= 0, y < side else { continue }
            (c.pdl1 ? { pos.append(dab(x, y)) } : { neg.append(dab(x, y)) })()
        }
        try #require(pos.count > 20 && neg.count > 20)
        let mp = pos.reduce(0, +) / Float(pos.count), mn = neg.reduce(0, +) / Float(neg.count)
        #expect(mp > 0.4, "positive membranes carry DAB: \(mp)")
        #expect(mp > 2 * mn, "negative membranes carry less (neighbours may overlap): \(mn) vs \(mp)")
    }

    @Test func heSlidesCarryNoDAB() throws {
        let (tissue, rgb, model, side) = try render(.he) { $0.pdl1TPS > 0.3 }
        let dab = dabSampler(rgb, side: side, model: model)
        let values = tissue.population.cells.filter { $0.cellClass == .tumor && Int($0.x) < side && Int($0.y) < side }
            .map { dab(Int($0.x), Int($0.y)) }
        #expect(values.reduce(0, +) / Float(max(values.count, 1)) < 0.05)
    }

    @Test func cd8RingsMarkCD8Lymphocytes() throws {
        let (tissue, rgb, model, side) = try render(.cd8) { $0.phenotype == .inflamed }
        let dab = dabSampler(rgb, side: side, model: model)
        var pos: [Float] = [], neg: [Float] = []
        for c in tissue.population.cells where c.cellClass == .lymphocyte {
            let x = Int(c.x + c.radiusA * 1.18), y = Int(c.y)
            guard x >= 0, x < side, y >= 0, y < side else { continue }
            (c.cd8 ? { pos.append(dab(x, y)) } : { neg.append(dab(x, y)) })()
        }
        try #require(pos.count > 10 && neg.count > 5)
        let mp: Float = pos.reduce(0, +) / Float(pos.count)
        let mn: Float = neg.reduce(0, +) / Float(neg.count)
        #expect(mp > 2 * mn + 0.1, "CD8+ rings \(mp) vs CD8− \(mn)")
    }
}
