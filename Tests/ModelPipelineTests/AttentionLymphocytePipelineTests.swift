import Foundation
import FusionModel
import Pipeline
import Testing

/// Issue 6: "on simulated inflamed tumors, the top-decile attention tiles hold a higher lymphocyte density
/// than the slide average (tested)", on the pipeline's own tile features (golden file).
///
/// Fixture (Tests/ModelPipelineTests/Fixtures, 1.4 MB): the first 300 patients (by patient_id) of the eval400
/// cohort quantified by `tme quantify` at 128 µm (cohort `eval400t128`, MODEL_EVALUATION.md): per patient
/// every quantified tile's 39 features (`tme.slide_tme.tile_feature_names`, none trimmed; half precision,
/// ≈ 3.3 significant digits) in `eval400t128_tiles.f16`, and in `eval400t128_patients.tsv` the true immune
/// phenotype (simulator truth), objective response, OS, the number of tiles and the clinical and genomic values
/// `tme train` reads (encoded here by `ModelInputEncoding`, as there). Regenerated from the database
/// by `scripts/attention-fixture` (its header documents the format); not hand-made.
///
/// The network is the pipeline's fusion network with all three modalities (as in the measurement of
/// MODEL_EVALUATION.md; architecture and training settings of `tme train`: tile MLP 32, gated attention 16,
/// embedding 16, dropout 0.1, modality dropout 0.15, AdamW 1e-3 / 1e-4, batch 32, 30 epochs, no validation
/// split), trained once (seed 1) on the first 200 patients; attention is read on the 100 held-out ones (43
/// inflamed). Lymphocyte density is the quantifier's `lymphocyte_density_per_mm2`, the tumor share its
/// `tumor_patch_tissue_share`; top decile: the ⌈n/10⌉ most attended tiles (as in
/// cohorts/eval400/attention_lymphocytes.sql).
///
/// Why the criterion is still a known issue here. On the full pipeline it holds (1.26 ×, 88 % of 167 inflamed
/// slides) for the 15-member fold ensemble (5 folds × 3 seeds, each member trained on 320 patients, attention
/// averaged by `tme score`). The fixture reproduces that: the saved ensemble (models/eval400t128) scored on
/// this file's patients 201–300 gives 1.297 × on the 43 inflamed ones, as the database's attention rows do
/// (1.297 ×, 91 %). But its members, one by one, give 0.62–1.64 × (7 of 15 meet > 1.2 and ≥ 80 %): which tiles a
/// single network attends (stroma, where inflamed tumors are lymphocyte-richest, or tumor nests, whose
/// lymphocytes separate inflamed from excluded) depends on its training seed, and only the 15-member average is
/// reliably stroma-focused. A 15-member ensemble does not fit the test's time budget (≈ 15 s per member in a
/// debug build). Measured with networks trained here (2026-11-23, held-out inflamed slides, top-decile / slide
/// lymphocyte density and share of slides above 1):
///
/// | network | seed 1 | seed 2 | seed 3 |
/// |---|---|---|---|
/// | fusion, 30 epochs (this test: seed 1) | 1.03, 72 % | 1.17, 84 % | 0.82, 42 % |
/// | fusion, 60 epochs | 1.08, 70 % | 1.04, 67 % | 0.60, 7 % |
/// | fusion, trained on 320 of all 400 patients (34 held-out inflamed) | 0.76, 6 % | 0.74, 9 % | 1.05, 76 % |
/// | slide-only, 30 epochs | 1.07, 81 % | **1.39, 93 %** | 0.86, 42 % |
/// | fusion, mean attention of 3 seeds (10–12, 20–22, 30–32) | 0.56, 0 % | 0.75, 28 % | 1.05, 77 % |
///
/// One set-up in fifteen passes, so passing here would be seed luck; the criterion is recorded as a known issue
/// (it fails loudly once it holds). The control is a real expectation: with seed 1 the least attended decile
/// is lymphocyte-poorer than the slide (0.50 ×, all 43 slides), i.e. attention does rank tiles by their
/// lymphocytes, only not strongly enough at the top.
@Suite struct AttentionLymphocytePipelineTests {
    struct Patient {
        var sample: PatientSample
        var phenotype: String
    }

    struct Fixture {
        var featureNames: [String]
        var patients: [Patient]
    }

    static let fixtureDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")

    /// Reads the golden fixture; names file, line and what was expected when it is malformed.
    static func loadFixture() throws -> Fixture {
        let tsvURL = fixtureDirectory.appendingPathComponent("eval400t128_patients.tsv")
        let binURL = fixtureDirectory.appendingPathComponent("eval400t128_tiles.f16")
        let lines = try String(contentsOf: tsvURL, encoding: .utf8).split(separator: "\n").map(String.init)
        let names = try #require(lines.first.map { $0.split(separator: "\t").dropFirst().map(String.init) },
                                 "\(tsvURL.path):1: expected `# tile_feature_names<TAB>name…`")
        let bytes = try Data(contentsOf: binURL)
        let values: [Float] = bytes.withUnsafeBytes { raw in
            (0..<(raw.count / 2)).map { Float(Float16(bitPattern: UInt16(littleEndian: raw.loadUnaligned(fromByteOffset: 2 * $0, as: UInt16.self)))) }
        }
        var patients: [Patient] = [], offset = 0
        for (i, line) in lines.dropFirst(2).enumerated() {
            let f = line.split(separator: "\t").map(String.init)
            guard f.count == 8, let response = Int(f[2]), let os = Double(f[3]), let event = Int(f[4]), let n = Int(f[5]),
                  let clinical = try? encodeClinical(f[6]).get(), let genomic = try? encodeGenomic(f[7]).get() else {
                let message = "\(tsvURL.path):\(i + 3): expected patient_id, phenotype, response, os_months, os_event, tiles, "
                    + "clinical (5 values), genomic (16 values); got \(line)"
                Issue.record(Comment(rawValue: message))
                continue
            }
            let count = n * names.count
            try #require(offset + count <= values.count, "\(binURL.lastPathComponent): \(values.count) values, patient \(f[0]) needs \(offset + count)")
            let tiles = try Matrix(rows: n, columns: names.count, values: Array(values[offset..<(offset + count)]))
            offset += count
            patients.append(Patient(sample: PatientSample(id: f[0], tiles: tiles, genomic: genomic, clinical: clinical, response: response == 1,
                                                          survival: SurvivalOutcome(timeMonths: max(os, 1e-3), event: event == 1)),
                                    phenotype: f[1]))
        }
        try #require(offset == values.count, "\(binURL.lastPathComponent): \(values.count) values, patients.tsv accounts for \(offset)")
        return Fixture(featureNames: names, patients: patients)
    }

    /// `age_years,sex,ecog,stage,line_of_therapy` → the clinical vector `tme train` builds.
    static func encodeClinical(_ text: String) -> Result<[Float], ModelInputEncoding.Missing> {
        let v = text.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        guard v.count == 5 else { return .failure(ModelInputEncoding.Missing("5 clinical values")) }
        return ModelInputEncoding.clinical(ageYears: Double(v[0]), sex: v[1], ecog: Int(v[2]), stage: v[3], line: Int(v[4]))
    }

    /// `tmb,gep,ifng,cd274,unit,10 flags,cnv` → the genomic vector `tme train` builds.
    static func encodeGenomic(_ text: String) -> Result<[Float], ModelInputEncoding.Missing> {
        let v = text.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        guard v.count == 16 else { return .failure(ModelInputEncoding.Missing("16 genomic values")) }
        return ModelInputEncoding.genomic(ModelInputEncoding.GenomicValues(
            tmbPerMb: Double(v[0]), gepScore: Double(v[1]), ifngScore: Double(v[2]), cd274Value: Double(v[3]), cd274Unit: v[4],
            mutated: v[5..<15].map { Int($0).map { $0 == 1 } }, cnvBurdenFraction: Double(v[15])))
    }

    static let seed: UInt64 = 1

    @Test func topDecileAttentionTilesAreLymphocyteRichOnQuantifiedTiles() throws {
        let fixture = try Self.loadFixture()
        let mean = AttentionLymphocyteTests.mean
        try #require(fixture.patients.count == 300, "fixture patients: \(fixture.patients.count)")
        let lymphocyte = try #require(fixture.featureNames.firstIndex(of: "lymphocyte_density_per_mm2"))
        let tumor = try #require(fixture.featureNames.firstIndex(of: "tumor_patch_tissue_share"))
        let train = Array(fixture.patients.prefix(200)), test = Array(fixture.patients.dropFirst(200))

        let network = try FusionNetwork(configuration: FusionNetworkConfiguration(
            tileFeatures: fixture.featureNames.count, genomicFeatures: ModelInputEncoding.genomicNames.count,
            clinicalFeatures: ModelInputEncoding.clinicalNames.count))
        let result = try Trainer.train(train.map(\.sample), network: network, parameters: TrainingParameters(
            epochs: 30, batchSize: 32, optimizer: AdamSettings(learningRate: 1e-3, weightDecay: 1e-4),
            modalityDropout: 0.15, validationFraction: 0, seed: Self.seed))
        let predictions = try result.model.predict(test.map(\.sample))
        let auc = try #require(Metrics.rocAUC(scores: predictions.map(\.responseProbability), labels: test.map { $0.sample.response! }))
        #expect(auc > 0.7, "held-out response AUC \(auc)")

        var ratio: [String: [Double]] = [:], bottom: [Double] = [], tumorRatio: [Double] = []
        for (patient, p) in zip(test, predictions) {
            let a = try #require(p.attention), tiles = try #require(patient.sample.tiles)
            let lym = (0..<tiles.rows).map { Double(tiles[$0, lymphocyte]) }
            let share = (0..<tiles.rows).map { Double(tiles[$0, tumor]) }
            guard let top = AttentionLymphocyteTests.topDecileMean(attention: a, values: lym),
                  let low = AttentionLymphocyteTests.topDecileMean(attention: a, values: lym, lowest: true) else { continue }
            let slide = mean(lym)
            guard slide > 0 else { continue }
            ratio[patient.phenotype, default: []].append(top / slide)
            if patient.phenotype == "inflamed" {
                bottom.append(low / slide)
                if let t = AttentionLymphocyteTests.topDecileMean(attention: a, values: share), mean(share) > 0 {
                    tumorRatio.append(t / mean(share))
                }
            }
        }
        let inflamed = try #require(ratio["inflamed"]), n = inflamed.count
        try #require(n >= 30, "held-out inflamed slides: \(n)")
        let meanRatio = mean(inflamed), higher = Double(inflamed.filter { $0 > 1 }.count) / Double(n)
        let bottomRatio = mean(bottom), bottomLower = Double(bottom.filter { $0 < 1 }.count) / Double(n)
        print("attention/lymphocytes (quantified 128 µm tiles, fusion, seed \(Self.seed)): \(n) held-out inflamed slides, top-decile / slide "
              + "lymphocyte density \(meanRatio), share > 1: \(higher); bottom decile \(bottomRatio), share < 1: \(bottomLower); "
              + "top-decile tumor share ratio \(mean(tumorRatio)); excluded \(mean(ratio["excluded"] ?? [])), "
              + "desert \(mean(ratio["desert"] ?? [])); AUC \(auc)")
        // Issue 6's criterion, literally (see the doc comment for why it is a known issue).
        withKnownIssue("issue 6: a single held-out-read network's top-decile attention is not robustly lymphocyte-richer (seed-dependent)") {
            #expect(meanRatio > 1.2 && higher >= 0.8, "top-decile / slide lymphocyte density \(meanRatio), share of slides above 1: \(higher)")
        }
        // Control: the least attended decile of the same slides is lymphocyte-poorer than the slide.
        #expect(bottomRatio < 0.7 && bottomLower >= 0.9, "bottom-decile / slide lymphocyte density \(bottomRatio), share below 1: \(bottomLower)")
    }
}
