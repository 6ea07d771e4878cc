import Foundation
import FusionModel

/// Synthetic patients with known truth, generated in the tests.
enum SyntheticCohort {
    /// Bags of `tiles` tiles × `features` N(0, 1) features. In a responder's bag, `signalTiles`
    /// tiles (the first ones) are shifted by `shift` in features 0 and 1; non-responders have no
    /// signal tiles. The label is exactly "has signal tiles". Returns the samples and, per patient,
    /// the positions of the signal tiles.
    static func signalTileBags(patients: Int, tiles: Int = 20, features: Int = 4, signalTiles: Int = 2,
                               shift: Double = 2.5, seed: UInt64) -> (samples: [PatientSample], signal: [[Int]]) {
        var g = SeededGenerator(seed: seed)
        var samples: [PatientSample] = [], signal: [[Int]] = []
        for p in 0..<patients {
            let responder = p % 2 == 0
            var values = (0..<(tiles * features)).map { _ in Float(g.nextNormal()) }
            let positions = responder ? Array((0..<tiles).shuffled(using: &g).prefix(signalTiles)) : []
            for t in positions { values[t * features] += Float(shift); values[t * features + 1] += Float(shift) }
            samples.append(PatientSample(id: "P\(p)", tiles: Matrix(uncheckedValues: values, rows: tiles, columns: features),
                                         genomic: [0], clinical: [0], response: responder))
            signal.append(positions)
        }
        return (samples, signal)
    }

    /// A cohort whose outcome signal is split over the three modalities. Latent parts sₖ ~ N(0, 1):
    /// slide (feature 0 of 3 marker tiles, which carry +4 in feature 1, = 1.5·s₁ + noise), genomics
    /// (feature 0 = s₂ + N(0, 0.2²)), clinical (feature 0 = s₃ + N(0, 0.2²)); other features are noise.
    /// Linear predictor z = s₁ + s₂ + s₃. Response = (z + N(0, 0.3²) > 0); survival time
    /// ~ Exponential(rate 0.05·e^(0.7 z)) months, censored at 36 months.
    static func splitSignal(patients: Int, tiles: Int = 16, seed: UInt64) -> (samples: [PatientSample], truth: [Double]) {
        var g = SeededGenerator(seed: seed)
        var samples: [PatientSample] = [], truth: [Double] = []
        for p in 0..<patients {
            let s = (0..<3).map { _ in g.nextNormal() }
            var tileValues = (0..<(tiles * 3)).map { _ in Float(g.nextNormal()) }
            for t in (0..<tiles).shuffled(using: &g).prefix(3) {
                tileValues[t * 3] = Float(1.5 * s[0] + 0.2 * g.nextNormal())
                tileValues[t * 3 + 1] += 4
            }
            let genomic = [Float(s[1] + 0.2 * g.nextNormal()), Float(g.nextNormal()), Float(g.nextNormal())]
            let clinical = [Float(s[2] + 0.2 * g.nextNormal()), Float(g.nextNormal())]
            let z = s.reduce(0, +)
            let rate = 0.05 * Foundation.exp(0.7 * z)
            let time = -Foundation.log(max(g.nextUniform(), 1e-12)) / rate
            samples.append(PatientSample(
                id: "S\(p)", tiles: Matrix(uncheckedValues: tileValues, rows: tiles, columns: 3),
                genomic: genomic, clinical: clinical, response: z + 0.3 * g.nextNormal() > 0,
                survival: SurvivalOutcome(timeMonths: min(time, 36), event: time <= 36)))
            truth.append(z)
        }
        return (samples, truth)
    }
}
