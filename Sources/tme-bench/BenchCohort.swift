import Foundation
import FusionModel

/// The synthetic cohort of `tme-bench train`: every patient has all three modalities. Latent
/// sₖ ~ N(0, 1); 5 % of a bag's tiles are marked (+3 in feature 1) and carry s₁ in feature 0;
/// genomic feature 0 = s₂ + noise, clinical feature 0 = s₃ + noise; z = s₁ + s₂ + s₃;
/// response = (z + N(0, 0.5²) > 0); time ~ Exponential(0.05·e^(0.7 z)) censored at 36 months.
struct BenchCohort {
    static let genomicFeatures = 8
    static let clinicalFeatures = 6

    var samples: [PatientSample]
    /// The same data for the peer: tiles [P, T, F], genomic [P, G], clinical [P, C], response, time, event [P].
    var tensors: [String: SafeTensor]

    static func networkConfiguration(features: Int) -> FusionNetworkConfiguration {
        FusionNetworkConfiguration(tileFeatures: features, genomicFeatures: genomicFeatures,
                                   clinicalFeatures: clinicalFeatures, tileHidden: 32, attentionHidden: 16,
                                   embedding: 16, dropout: 0.1)
    }

    static func make(patients: Int, tiles: Int, features: Int, seed: UInt64) -> BenchCohort {
        var g = SeededGenerator(seed: seed)
        var samples: [PatientSample] = []
        var allTiles: [Float] = [], genomic: [Float] = [], clinical: [Float] = []
        var response: [Float] = [], time: [Float] = [], event: [Float] = []
        let marked = max(1, tiles / 20)
        for p in 0..<patients {
            let s = (0..<3).map { _ in g.nextNormal() }
            var values = (0..<(tiles * features)).map { _ in Float(g.nextNormal()) }
            for t in (0..<tiles).shuffled(using: &g).prefix(marked) {
                values[t * features] = Float(s[0] + 0.2 * g.nextNormal())
                if features > 1 { values[t * features + 1] += 3 }
            }
            var gen = (0..<genomicFeatures).map { _ in Float(g.nextNormal()) }
            gen[0] = Float(s[1] + 0.2 * g.nextNormal())
            var cli = (0..<clinicalFeatures).map { _ in Float(g.nextNormal()) }
            cli[0] = Float(s[2] + 0.2 * g.nextNormal())
            let z = s.reduce(0, +)
            let responder = z + 0.5 * g.nextNormal() > 0
            let t = -log(max(g.nextUniform(), 1e-12)) / (0.05 * exp(0.7 * z))
            // Times pass through Float so both implementations see identical values (and ties).
            let outcome = SurvivalOutcome(timeMonths: Double(Float(min(t, 36))), event: t <= 36)
            let bag = try! Matrix(rows: tiles, columns: features, values: values)  // sizes built above
            samples.append(PatientSample(id: "B\(p)", tiles: bag, genomic: gen, clinical: cli,
                                         response: responder, survival: outcome))
            allTiles += values
            genomic += gen
            clinical += cli
            response.append(responder ? 1 : 0)
            time.append(Float(outcome.timeMonths))
            event.append(outcome.event ? 1 : 0)
        }
        return BenchCohort(samples: samples, tensors: [
            "tiles": SafeTensor(shape: [patients, tiles, features], values: allTiles),
            "genomic": SafeTensor(shape: [patients, genomicFeatures], values: genomic),
            "clinical": SafeTensor(shape: [patients, clinicalFeatures], values: clinical),
            "response": SafeTensor(shape: [patients], values: response),
            "time": SafeTensor(shape: [patients], values: time),
            "event": SafeTensor(shape: [patients], values: event),
        ])
    }
}
