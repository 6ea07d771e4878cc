import Foundation
import Testing
@testable import FusionModel

@Suite struct LinearPriorTests {
    static let settings = LinearPriorSettings(enabled: true, ridge: 0.5, slidePenaltyFactor: 9)
    static let guidedSettings = LinearPriorSettings(enabled: true, ridge: 0.5, slidePenaltyFactor: 9, attentionGuide: 0.8)
    static var withPrior: FusionNetworkConfiguration {
        var c = TrainingTests.small
        c.linearPrior = settings
        return c
    }

    /// scikit-learn 1.9.1 `LogisticRegression(C = 1/(λn), tol 1e-12)` on the columns standardised
    /// (population s.d.) and divided by √cⱼ — the same objective — mapped back to the raw columns.
    @Test func penalisedFitMatchesScikitLearn() throws {
        let x: [[Double]] = [[0.2, 1.5, 3.0], [1.1, 0.3, 2.2], [-0.7, 2.1, 1.0], [0.5, -0.4, 4.1], [1.9, 1.2, 0.3],
                             [-1.2, 0.8, 2.8], [0.0, -1.1, 1.7], [2.3, 0.5, 3.3], [-0.4, 1.9, 0.9], [1.4, -0.8, 2.5],
                             [0.9, 2.4, 1.2], [-1.6, 0.1, 3.8], [0.3, 1.0, 2.0], [1.7, -0.2, 0.6], [-0.9, 1.4, 3.1],
                             [0.6, 0.7, 1.4]]
        let y: [Double] = [1, 1, 0, 1, 1, 0, 0, 1, 0, 1, 1, 0, 0, 1, 0, 1]
        let fit = try #require(LinearPrior.fitLogistic(x: x, y: y, penalties: [0.5, 0.5, 4.5]))
        let expected = [0.49293025, -0.06669915, 0.00142514]
        for (b, e) in zip(fit.beta, expected) { #expect(abs(b - e) < 2e-6) }
        #expect(abs(fit.intercept - 0.12696071891288582) < 2e-6)
    }

    @Test func everySubsetOfModalitiesGetsAPrior() throws {
        let data = SyntheticCohort.splitSignal(patients: 60, tiles: 5, seed: 2).samples
        let priors = try LinearPrior.fit(data, configuration: Self.withPrior, settings: Self.settings)
        #expect(priors.names == ["clinical", "genomics", "genomics_clinical", "slide", "slide_clinical",
                                 "slide_genomics", "slide_genomics_clinical"].flatMap {
            ["prior.\($0).coefficients", "prior.\($0).intercept"]
        }.sorted())
        #expect(priors["prior.slide_genomics_clinical.coefficients"]?.columns == 3 + 3 + 2)
    }

    /// Training never moves the prior (it equals a fresh fit on the standardised patients), and each
    /// patient's response logit is the network's plus exactly the prior of the modalities it has.
    @Test func priorIsFrozenAndAddedForThePresentModalities() throws {
        let data = SyntheticCohort.splitSignal(patients: 60, tiles: 5, seed: 5).samples
        let network = try FusionNetwork(configuration: Self.withPrior)
        let result = try Trainer.train(data, network: network,
                                       parameters: TrainingParameters(epochs: 3, batchSize: 8, modalityDropout: 0.3))
        let model = result.model
        let standardized = data.map(model.standardizer.apply)
        // Fitted on the fitting patients only (not the early-stopping split).
        let refit = try LinearPrior.fit(result.fittingIndices.map { standardized[$0] }, configuration: Self.withPrior,
                                        settings: Self.settings)
        for name in refit.names { #expect(model.parameters[name] == refit[name]) }

        var scoring = data
        scoring[0].genomic = nil
        scoring[1].tiles = nil
        var withoutPrior = model
        for name in refit.names { withoutPrior.parameters[name] = nil }
        let with = try model.responseLogits(scoring), without = try withoutPrior.responseLogits(scoring)
        for i in 0..<6 {
            let s = model.standardizer.apply(scoring[i])
            let present = s.availableModalities.sorted()
            let k = "prior." + present.map(\.rawValue).joined(separator: "_")
            let beta = try #require(refit[k + ".coefficients"]).values, b0 = try #require(refit[k + ".intercept"]).values[0]
            let row = LinearPrior.design(s, present)
            let byHand = zip(row, beta).reduce(Double(b0)) { $0 + $1.0 * Double($1.1) }
            #expect(abs((with[i] - without[i]) - byHand) < 1e-4, "patient \(i), prior \(k)")
        }
        #expect(LinearPrior.design(standardized[0], [.slide, .genomics, .clinical]).count == 8)
    }

    /// The prior alone ranks held-out patients of the split-signal cohort (genomic and clinical feature 0
    /// carry two thirds of the linear predictor), far above chance.
    @Test func priorAloneRanksHeldOutPatients() throws {
        let data = SyntheticCohort.splitSignal(patients: 300, tiles: 6, seed: 8).samples
        let (train, test) = (Array(data[..<200]), Array(data[200...]))
        let standardizer = try FeatureStandardizer.fit(train, configuration: Self.withPrior)
        let priors = try LinearPrior.fit(train.map(standardizer.apply), configuration: Self.withPrior, settings: Self.settings)
        let scores = test.map { s -> Double in
            let z = standardizer.apply(s)
            return Double(LinearPrior.logit(z, present: z.availableModalities, parameters: { priors[$0] }))
        }
        let auc = try #require(Metrics.rocAUC(scores: scores, labels: test.map { $0.response! }))
        #expect(auc > 0.85)
    }

    /// ẽᵢ by hand, and the guided attention is the network's tilted by exp(κ·ẽᵢ): same parameters with
    /// κ = 0.8 and κ = 0 give log(aᵢ/a′ᵢ) − log(a₀/a′₀) = κ(ẽᵢ − ẽ₀).
    @Test func attentionGuideTiltsAttentionByTheTileEvidence() throws {
        let data = SyntheticCohort.splitSignal(patients: 60, tiles: 6, seed: 9).samples
        var guided = Self.withPrior
        guided.linearPrior?.attentionGuide = 0.8
        let model = try Trainer.train(data, network: try FusionNetwork(configuration: guided),
                                      parameters: TrainingParameters(epochs: 2, batchSize: 8)).model
        let plain = TrainedFusionModel(network: try FusionNetwork(configuration: Self.withPrior), standardizer: model.standardizer,
                                       parameters: model.parameters)
        let a = try model.predict(Array(data[..<4])), b = try plain.predict(Array(data[..<4]))
        let beta = try #require(model.parameters["prior.slide.coefficients"]).values
        for (i, s) in data[..<4].enumerated() {
            let tiles = try #require(model.standardizer.apply(s).tiles)
            let e = (0..<tiles.rows).map { r in (0..<tiles.columns).reduce(0.0) { $0 + Double(tiles[r, $1]) * Double(beta[$1]) } }
            let mean = e.reduce(0, +) / Double(e.count)
            let sd = (e.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(e.count)).squareRoot()
            let evidence = try #require(LinearPrior.tileEvidence(tiles, parameters: { model.parameters[$0] })).values
            for r in e.indices { #expect(abs(Double(evidence[r]) - (e[r] - mean) / sd) < 1e-4) }
            let ga = try #require(a[i].attention), pa = try #require(b[i].attention)
            for r in 1..<ga.count {
                let tilt = log(Double(ga[r]) / Double(pa[r])) - log(Double(ga[0]) / Double(pa[0]))
                #expect(abs(tilt - 0.8 * Double(evidence[r] - evidence[0])) < 1e-3)
            }
        }
        let constant = try Matrix(rows: 4, columns: 3, values: [Float](repeating: 0.5, count: 12))
        #expect(LinearPrior.tileEvidence(constant, parameters: { model.parameters[$0] })?.values == [0, 0, 0, 0])
        #expect(throws: FusionModelError.self) { try LinearPriorSettings(enabled: true, attentionGuide: -1).validate() }
    }

    @Test func badSettingsAndOldConfigurations() throws {
        #expect(throws: FusionModelError.self) { try LinearPriorSettings(enabled: true, ridge: 0).validate() }
        #expect(throws: FusionModelError.self) { try LinearPriorSettings(enabled: true, slidePenaltyFactor: -1).validate() }
        var json = try JSONSerialization.jsonObject(with: JSONEncoder().encode(Self.withPrior)) as! [String: Any]
        #expect(json["linearPrior"] != nil)
        json["linearPrior"] = nil
        let old = try JSONDecoder().decode(FusionNetworkConfiguration.self, from: JSONSerialization.data(withJSONObject: json))
        #expect(old.linearPrior == nil)
        #expect(old == TrainingTests.small)
    }

    @Test func archiveWithPriorReloadsBitForBit() throws {
        let data = SyntheticCohort.splitSignal(patients: 30, tiles: 5, seed: 3).samples
        let model = try Trainer.train(data, network: try FusionNetwork(configuration: Self.withPrior),
                                      parameters: TrainingParameters(epochs: 2, batchSize: 8)).model
        let (weights, json) = try ModelArchive.encode(model)
        let loaded = try ModelArchive.decode(weights: weights, configuration: json)
        #expect(loaded == model)
        #expect(try loaded.predict(data) == model.predict(data))

        var broken = model
        broken.parameters["prior.slide_genomics.coefficients"] = Matrix(row: [1, 2])
        let (badWeights, badJSON) = try ModelArchive.encode(broken)
        #expect(throws: FusionModelError.missingParameter(name: "prior.slide_genomics.coefficients", expectedShape: [1, 6])) {
            try ModelArchive.decode(weights: badWeights, configuration: badJSON)
        }
    }
}
