import Foundation
import Testing
@testable import FusionModel

/// The model learns known synthetic structure.
@Suite struct LearningTests {
    /// Responder bags hide 2 signal tiles among 20 (shifted +2.5 in two features); the label is
    /// "bag has signal tiles". A slide-only model must classify held-out bags and put most of its
    /// attention on the signal tiles (uniform attention would give them 2/20 = 10 %).
    @Test func attentionConcentratesOnSignalTiles() throws {
        let (samples, signal) = SyntheticCohort.signalTileBags(patients: 160, seed: 11)
        let configuration = FusionNetworkConfiguration(tileFeatures: 4, genomicFeatures: 1, clinicalFeatures: 1,
                                                       modalities: [.slide], tileHidden: 12, attentionHidden: 8,
                                                       embedding: 6, dropout: 0)
        let network = try FusionNetwork(configuration: configuration)
        let train = Array(0..<120), test = Array(120..<160)
        let result = try Trainer.train(train.map { samples[$0] }, network: network, parameters: TrainingParameters(
            epochs: 60, batchSize: 16, optimizer: AdamSettings(learningRate: 5e-3), modalityDropout: 0,
            patience: 10, survivalLossWeight: 0, seed: 3))
        let predictions = try result.model.predict(test.map { samples[$0] })
        let auc = try #require(Metrics.rocAUC(scores: predictions.map(\.responseProbability),
                                              labels: test.map { samples[$0].response! }))
        #expect(auc > 0.9)
        var mass: [Double] = []
        for (p, i) in zip(predictions, test) where !signal[i].isEmpty {
            let a = try #require(p.attention)
            mass.append(signal[i].reduce(0.0) { $0 + Double(a[$1]) })
        }
        let meanMass = mass.reduce(0, +) / Double(mass.count)
        #expect(meanMass > 0.5, "attention on signal tiles: \(meanMass)")
        print("attention test: held-out AUC \(auc), mean attention on signal tiles \(meanMass)")
    }

    /// The outcome is the sum of three independent latent parts, one per modality. On held-out
    /// patients the fused model must beat every single-modality model in response AUC and C-index.
    @Test func fusionBeatsSingleModalitiesWhenSignalIsSplit() throws {
        let (samples, _) = SyntheticCohort.splitSignal(patients: 300, tiles: 12, seed: 21)
        let train = Array(samples.prefix(220)), test = Array(samples.suffix(80))
        let params = TrainingParameters(epochs: 80, batchSize: 32, optimizer: AdamSettings(learningRate: 5e-3),
                                        modalityDropout: 0.1, patience: 12, seed: 9)
        func evaluate(_ modalities: [Modality]) throws -> (auc: Double, cindex: Double) {
            let c = FusionNetworkConfiguration(tileFeatures: 3, genomicFeatures: 3, clinicalFeatures: 2, modalities: modalities,
                                               tileHidden: 12, attentionHidden: 8, embedding: 8, dropout: 0.05)
            let model = try Trainer.train(train, network: FusionNetwork(configuration: c), parameters: params).model
            let p = try model.predict(test)
            let auc = Metrics.rocAUC(scores: p.map(\.responseProbability), labels: test.map { $0.response! })!
            let ci = Metrics.harrellC(risk: p.map(\.riskScore), times: test.map { $0.survival!.timeMonths },
                                      events: test.map { $0.survival!.event })!
            return (auc, ci)
        }
        let fusion = try evaluate(Modality.allCases)
        let singles = try [Modality.slide, .genomics, .clinical].map { try evaluate([$0]) }
        let bestAUC = singles.map(\.auc).max()!, bestC = singles.map(\.cindex).max()!
        #expect(fusion.auc > bestAUC + 0.05, "fusion AUC \(fusion.auc), best single \(bestAUC)")
        #expect(fusion.cindex > bestC + 0.03, "fusion C \(fusion.cindex), best single \(bestC)")
        #expect(fusion.auc > 0.85)
        print("split-signal test: fusion AUC \(fusion.auc) C \(fusion.cindex); singles \(singles)")
    }
}
