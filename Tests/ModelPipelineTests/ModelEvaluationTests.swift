import Foundation
import FusionModel
import Pipeline
import Testing

@Suite struct ModelEvaluationTests {
    @Test func tileSamplerIsSeededSortedAndBounded() {
        #expect(TileSampler.positions(count: 3, limit: 5, seed: 1, slidePK: 9) == [0, 1, 2])
        let a = TileSampler.positions(count: 1000, limit: 500, seed: 1, slidePK: 9)
        #expect(a.count == 500 && Set(a).count == 500 && a == a.sorted() && a.allSatisfy { (0..<1000).contains($0) })
        #expect(a == TileSampler.positions(count: 1000, limit: 500, seed: 1, slidePK: 9))
        #expect(a != TileSampler.positions(count: 1000, limit: 500, seed: 2, slidePK: 9))
        #expect(a != TileSampler.positions(count: 1000, limit: 500, seed: 1, slidePK: 10))
    }

    @Test func encodings() throws {
        #expect(ModelInputEncoding.stageGroup("IIIB") == 3 && ModelInputEncoding.stageGroup("IV") == 4
                && ModelInputEncoding.stageGroup("stage II") == 2 && ModelInputEncoding.stageGroup("unknown") == nil)
        #expect(ModelInputEncoding.parseRealArray("{1.5,2,-0.25}") == [1.5, 2, -0.25])
        #expect(ModelInputEncoding.parseRealArray("{1,x}") == nil && ModelInputEncoding.parseRealArray("1,2") == nil)
        let g = ModelInputEncoding.GenomicValues(tmbPerMb: Foundation.exp(2) - 1, gepScore: 0.5, ifngScore: -1, cd274Value: 7,
                                                 cd274Unit: "linear", mutated: [true] + Array(repeating: false, count: 9),
                                                 cnvBurdenFraction: 0.2)
        let v = try ModelInputEncoding.genomic(g).get()
        #expect(abs(v[0] - 2) < 1e-6 && v[3] == 3 && v[4] == 1 && v[14] == 0.2)
        var noGEP = g
        noGEP.gepScore = nil
        #expect(throws: ModelInputEncoding.Missing("GEP score")) { try ModelInputEncoding.genomic(noGEP).get() }
        #expect(try ModelInputEncoding.clinical(ageYears: 61, sex: "female", ecog: 1, stage: "IIIA", line: 2).get() == [61, 0, 1, 3, 2])
    }

    /// Hand-computed: 4 patients, risks ordered exactly opposite to survival times → C = 1;
    /// probabilities [0.9, 0.8, 0.3, 0.1] for responses [T, F, T, F] → AUC = 3/4, Brier = (0.01+0.64+0.49+0.01)/4.
    @Test func evaluationOnKnownValues() {
        let e = VariantEvaluation.evaluate(
            probabilities: [0.9, 0.8, 0.3, 0.1], risks: [4, 3, 2, 1], responses: [true, false, true, false],
            survival: [SurvivalOutcome(timeMonths: 1, event: true), SurvivalOutcome(timeMonths: 2, event: true),
                       SurvivalOutcome(timeMonths: 3, event: true), SurvivalOutcome(timeMonths: 4, event: false)],
            parameters: EvaluationParameters(bootstrapReplicates: 200, seed: 1))
        #expect(e.cindex == 1 && e.auc == 0.75)
        #expect(abs(e.brier! - 1.15 / 4) < 1e-12)
        #expect(e.patients == 4 && e.events == 3 && e.responders == 2)
        let ci = try! #require(e.cindexCI)
        #expect(ci[0] <= 1 && ci[1] == 1)
    }

    @Test func simulatorTruthIsRead() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("tme-truth-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        try "patient_id\tx\tresponse_probability\tos_linear_predictor\nA\t1\t0.25\t-0.5\nB\t2\t0.75\t1.5\n"
            .write(toFile: dir + "/patients.tsv", atomically: true, encoding: .utf8)
        let t = try SimulatorTruth.read(directory: dir)
        #expect(t.patients["B"]?.responseProbability == 0.75 && t.patients["A"]?.osLinearPredictor == -0.5)
        #expect(SimulatorTruth.locate(explicit: nil, sourcePath: dir + "/..") == nil)
        try "patient_id\tresponse_probability\nA\t1\n".write(toFile: dir + "/patients.tsv", atomically: true, encoding: .utf8)
        #expect(throws: ModelPipelineError.self) { try SimulatorTruth.read(directory: dir) }
    }
}
