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
/// What is trained is what `tme train` ships for eval400, through its own code path
/// (`ModelTraining.fusionEnsemble`) with cohorts/eval400/training.json: 5 folds × 3 seeds per fold = 15 fusion
/// networks (tile MLP 32, gated attention 16, embedding 16, dropout 0.1, modality dropout 0.15, AdamW 1e-3 / 1e-4,
/// batch 32, 30 epochs, no validation split; the ridge-logistic response prior with the attention guide κ = 1,
/// `LinearPrior`), the product's default seed (1), trained on the first 200 patients; the Platt recalibration
/// is left out, as it cannot change attention (`productOptions`). Attention is the mean of the 15 members on the
/// 100 held-out patients (43 inflamed), as `tme score` stores it (`FoldEnsemble.predict`). Lymphocyte density is
/// the quantifier's `lymphocyte_density_per_mm2`, the tumor share its `tumor_patch_tissue_share`; top decile: the
/// ⌈n/10⌉ most attended tiles (as in cohorts/eval400/attention_lymphocytes.sql). About 270 s in a debug build
/// (15 networks; 8 s in release).
///
/// History (a throwaway release-built harness calling `measure`; top-decile / slide lymphocyte density of the
/// held-out inflamed slides and share of slides above 1; base seeds 10 apart, so no member seed is shared):
///
/// | configuration (2026-11-23/24) | seed 1 | seed 11 | seed 21 | seed 31 | seed 41 |
/// |---|---|---|---|---|---|
/// | network attention alone (sessions 3–5) | 1.04, 77 % | 1.19, 81 % | 0.95, 65 % | 0.95, 63 % | 1.03, 72 % |
/// | + linear response prior, no guide | 1.03, 74 % | 1.23, 91 % | 0.94, 63 % | 0.90, 56 % | 1.02, 79 % |
/// | + attention guide κ = 1 (shipped) | 1.40, 100 % | 1.39, 95 % | 1.31, 93 % | 1.26, 88 % | 1.32, 91 % |
/// | the same on eval400dev (41 of its patients 201–300) | 1.42, 98 % | 1.43, 100 % | 1.39, 98 % | 1.39, 100 % | 1.40, 98 % |
///
/// Without the guide the ensembles trained on these 200 patients attended macrophage-rich, cell-sparse stroma
/// (seed 21: macrophages 403 vs 197 /mm², lymphocytes 1131 vs 1104 /mm²), although the simulator gives
/// macrophages no signal: gated attention is free to pick any tiles whose pooled features predict the outcome,
/// and with a diffuse signal (the tissue's mean lymphocyte density) many choices predict equally well. The guide
/// adds the slide prior's per-tile evidence for response to the attention scores, so attention goes to the
/// tiles that carry that evidence (κ = 1 was fixed before these runs; MODEL_EVALUATION.md has its cost,
/// −0.011 held-out C on eval400). The control: the least attended decile is lymphocyte-poorer than the slide.
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

    /// What the attention of a model trained on the fixture's first 200 patients does on the 100 held-out ones.
    struct Measurement {
        /// Held-out inflamed slides; their top-decile / slide lymphocyte density (mean) and share above 1.
        var inflamed: Int
        var topRatio: Double
        var topAbove: Double
        /// The same for the least attended decile, and the share below 1.
        var bottomRatio: Double
        var bottomBelow: Double
        /// Top-decile / slide tumor share on inflamed slides; top-decile lymphocyte ratio of the other phenotypes.
        var tumorShareRatio: Double
        var excludedRatio: Double
        var desertRatio: Double
        /// Held-out response AUC of the ensemble's probability.
        var auc: Double
        var seconds: Double
    }

    /// `tme train`'s options for eval400 (cohorts/eval400/training.json: 5 folds × 3 seeds per fold, 30 epochs,
    /// no validation split, Platt recalibration) with the given seed of everything, minus the recalibration:
    /// Platt scaling maps only each member's response logit (`TrainedFusionModel.calibration`), so it leaves
    /// the members' weights and attention unchanged, and its 5 inner networks per fold would double the time.
    static func productOptions(seed: UInt64) throws -> ModelTrainingOptions {
        let root = fixtureDirectory.deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        var options = try ModelTrainingOptions.read(path: root.appendingPathComponent("cohorts/eval400/training.json").path)
        try #require(options.folds == 5 && options.seedsPerFold == 3 && options.training.epochs == 30
                     && options.linearPrior.enabled && options.linearPrior.attentionGuide == 1, "training.json changed")
        options.apply(folds: nil, seed: seed, epochs: nil)
        options.recalibration.method = .none
        return options
    }

    /// Trains the fusion fold ensemble as `tme train` does (`ModelTraining.fusionEnsemble`) on the first 200
    /// patients and reads its averaged attention on the other 100, as `tme score` stores it (`FoldEnsemble.predict`).
    static func measure(_ fixture: Fixture, options: ModelTrainingOptions) throws -> Measurement {
        let start = Date()
        let mean = AttentionLymphocyteTests.mean
        let lymphocyte = try #require(fixture.featureNames.firstIndex(of: "lymphocyte_density_per_mm2"))
        let tumor = try #require(fixture.featureNames.firstIndex(of: "tumor_patch_tissue_share"))
        let train = Array(fixture.patients.prefix(200)), test = Array(fixture.patients.dropFirst(200))
        let ensemble = try ModelTraining.fusionEnsemble(train.map(\.sample), featureNames: ModelFeatureNames(tile: fixture.featureNames),
                                                        options: options).ensemble
        let predictions = try ensemble.predict(test.map(\.sample))
        let auc = try #require(Metrics.rocAUC(scores: predictions.map(\.responseProbability), labels: test.map { $0.sample.response! }))

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
        let inflamed = ratio["inflamed"] ?? [], n = Double(max(inflamed.count, 1))
        return Measurement(inflamed: inflamed.count, topRatio: mean(inflamed), topAbove: Double(inflamed.filter { $0 > 1 }.count) / n,
                           bottomRatio: mean(bottom), bottomBelow: Double(bottom.filter { $0 < 1 }.count) / n,
                           tumorShareRatio: mean(tumorRatio), excludedRatio: mean(ratio["excluded"] ?? []),
                           desertRatio: mean(ratio["desert"] ?? []), auc: auc, seconds: Date().timeIntervalSince(start))
    }

    @Test func topDecileAttentionTilesAreLymphocyteRichOnQuantifiedTiles() throws {
        let fixture = try Self.loadFixture()
        try #require(fixture.patients.count == 300, "fixture patients: \(fixture.patients.count)")
        let options = try Self.productOptions(seed: ModelTrainingOptions().training.seed)
        let m = try Self.measure(fixture, options: options)
        FileHandle.standardError.write(Data(("attention/lymphocytes (quantified 128 µm tiles, fold ensemble 5 × 3, seed \(options.training.seed)): "
            + "\(m.inflamed) held-out inflamed slides, top-decile / slide lymphocyte density \(m.topRatio), share > 1: \(m.topAbove); "
            + "bottom decile \(m.bottomRatio), share < 1: \(m.bottomBelow); top-decile tumor share ratio \(m.tumorShareRatio); "
            + "excluded \(m.excludedRatio), desert \(m.desertRatio); AUC \(m.auc); \(m.seconds) s\n").utf8))
        try #require(m.inflamed >= 30, "held-out inflamed slides: \(m.inflamed)")
        #expect(m.auc > 0.7, "held-out response AUC \(m.auc)")
        // Issue 6's criterion, with margin: more than 1.2 × the slide's density, on at least 80 % of the slides.
        #expect(m.topRatio > 1.2 && m.topAbove >= 0.8, "top-decile / slide lymphocyte density \(m.topRatio), share of slides above 1: \(m.topAbove)")
        // Control: the least attended decile of the same slides is lymphocyte-poorer than the slide.
        #expect(m.bottomRatio < 0.7 && m.bottomBelow >= 0.9, "bottom-decile / slide lymphocyte density \(m.bottomRatio), share below 1: \(m.bottomBelow)")
    }
}
