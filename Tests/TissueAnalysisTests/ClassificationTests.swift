import Foundation
import Testing
@testable import TissueAnalysis

/// Detected nuclei of a labelled field paired with the class of the truth cell they match (within 4 µm).
func labelledNuclei(seed: UInt64, spacing: Double = 16) throws -> [(Nucleus, CellClass)] {
    let (drawing, truth) = labelledField(micronsPerPixel: 0.5, seed: seed, spacing: spacing)
    let tile = try drawing.render()
    let nuclei = try NucleusDetector().detect(ColourDeconvolution.deconvolve(tile, matrix: .hematoxylinEosin),
                                              calibration: tile.calibration).nuclei
    return nuclei.compactMap { n in
        let best = truth.min { hypot($0.x - n.xMicrons, $0.y - n.yMicrons) < hypot($1.x - n.xMicrons, $1.y - n.yMicrons) }
        guard let best, hypot(best.x - n.xMicrons, best.y - n.yMicrons) <= 4 else { return nil }
        return (n, best.cellClass)
    }
}

func accuracy(_ classifier: any CellClassifier, _ data: [(Nucleus, CellClass)], of cls: CellClass? = nil) -> Double {
    let subset = data.filter { cls == nil || $0.1 == cls }
    return Double(subset.filter { classifier.classify($0.0) == $0.1 }.count) / Double(max(1, subset.count))
}

@Suite struct ClassificationTests {
    @Test func ruleBasedSeparatesDrawnArchetypes() throws {
        let data = try labelledNuclei(seed: 5)
        let rules = RuleBasedCellClassifier()
        for cls in [CellClass.lymphocyte, .tumor, .stroma] {
            #expect(accuracy(rules, data, of: cls) >= 0.9, "\(cls) accuracy \(accuracy(rules, data, of: cls))")
        }
        #expect(accuracy(rules, data, of: .macrophage) >= 0.75, "macrophage accuracy \(accuracy(rules, data, of: .macrophage))")
    }

    @Test func ruleExampleFromDocComment() throws {
        var drawing = SyntheticTile(width: 120, height: 40, micronsPerPixel: 0.5)
        drawing.shapes = [SyntheticTile.lymphocyte(x: 10, y: 10), SyntheticTile.spindle(x: 30, y: 10), SyntheticTile.tumor(x: 48, y: 10)]
        let tile = try drawing.render()
        let nuclei = try NucleusDetector().detect(ColourDeconvolution.deconvolve(tile, matrix: .hematoxylinEosin),
                                                  calibration: tile.calibration).nuclei.sorted { $0.xMicrons < $1.xMicrons }
        #expect(RuleBasedCellClassifier().classify(nuclei) == [.lymphocyte, .stroma, .tumor])
    }

    @Test func logisticLearnsAndSurvivesJSON() throws {
        let train = try labelledNuclei(seed: 21), test = try labelledNuclei(seed: 22)
        let model = try LogisticCellClassifier(training: train.map(\.0), labels: train.map(\.1))
        #expect(model.trainingAccuracy >= 0.9)
        #expect(accuracy(model, test) >= 0.9, "held-out accuracy \(accuracy(model, test))")
        let reloaded = try LogisticCellClassifier.decode(json: model.jsonData())
        #expect(reloaded == model)
        #expect(test.map { reloaded.classify($0.0) } == test.map { model.classify($0.0) })
        let p = model.probabilities(test[0].0)
        #expect(abs(p.reduce(0, +) - 1) < 1e-12)
        // A file from a future format is refused, not misread.
        var object = try JSONSerialization.jsonObject(with: model.jsonData()) as! [String: Any]
        object["formatVersion"] = 99
        #expect(throws: TissueAnalysisError.self) {
            try LogisticCellClassifier.decode(json: JSONSerialization.data(withJSONObject: object))
        }
    }

    @Test func logisticRejectsDegenerateTraining() throws {
        let data = try labelledNuclei(seed: 21)
        #expect(throws: TissueAnalysisError.self) {
            try LogisticCellClassifier(training: data.map(\.0), labels: data.map { _ in CellClass.tumor })
        }
        #expect(throws: TissueAnalysisError.self) {
            try LogisticCellClassifier(training: data.map(\.0), labels: [.tumor])
        }
    }
}

@Suite struct CounterstainPresetTests {
    @Test func ihcPresetScalesOnlyHematoxylinThresholds() throws {
        let p = RuleBasedClassifierParameters.ihc, d = RuleBasedClassifierParameters()
        #expect(abs(p.lymphocyteMinimumHematoxylin - 0.6 * d.lymphocyteMinimumHematoxylin) < 1e-12)
        #expect(abs(p.tumorMaximumHematoxylin - 0.6 * d.tumorMaximumHematoxylin) < 1e-12)
        #expect(p.lymphocyteMaximumDiameterMicrons == d.lymphocyteMaximumDiameterMicrons)
        #expect(throws: TissueAnalysisError.self) { try RuleBasedClassifierParameters.counterstain(hematoxylinFactor: 0) }
        // A lymphocyte drawn with 60 % of the H&E hematoxylin is "other" by the H&E rules, a lymphocyte by the IHC ones.
        var drawing = SyntheticTile(width: 40, height: 40, micronsPerPixel: 0.5, matrix: .hematoxylinDAB, background: [0.03, 0, 0])
        drawing.shapes = [.init(x: 10, y: 10, a: 3.2, b: 3.0, amounts: [0.63, 0, 0])]
        let tile = try drawing.render()
        let nucleus = try #require(try NucleusDetector().detect(ColourDeconvolution.deconvolve(tile, matrix: .hematoxylinDAB),
                                                                calibration: tile.calibration).nuclei.first)
        #expect(RuleBasedCellClassifier().classify(nucleus) != .lymphocyte)
        #expect(try RuleBasedCellClassifier(parameters: .ihc).classify(nucleus) == .lymphocyte)
    }
}
