import Foundation
import Pipeline
import Testing
import TissueAnalysis

/// The quantifier against the simulator's per-cell truth (issue 8's accuracy targets).
@Suite struct QuantifyValidationTests {
    @Test func matchingExampleFromTheDocComment() {
        let pairs = DetectionMatching.match(detections: [(1, 0), (9, 0), (50, 50)], truth: [(0, 0), (10, 0)], radiusPixels: 4)
        #expect(pairs.count == 2)
        #expect(Set(pairs.map { "\($0.0)-\($0.1)" }) == ["0-0", "1-1"])
        // One-to-one: two detections near one true cell match once.
        #expect(DetectionMatching.match(detections: [(0, 1), (0, -1.5)], truth: [(0, 0)], radiusPixels: 4).count == 1)
        // Radius is a hard limit.
        #expect(DetectionMatching.match(detections: [(4.01, 0)], truth: [(0, 0)], radiusPixels: 4).isEmpty)
    }

    @Test func simulatedCohortMeetsTheAccuracyTargets() throws {
        let results = try CohortValidation.run(directory: try SimulatedCohort.url().path)
        #expect(results.count == 6)
        let tp = results.reduce(0) { $0 + $1.truePositives }
        let errors = results.reduce(0) { $0 + $1.falsePositives + $1.falseNegatives }
        #expect(2 * Double(tp) / Double(2 * tp + errors) >= 0.90, "pooled nucleus F1")
        for r in results {
            #expect(r.f1 >= 0.85, "nucleus F1 of \(r.slideID): \(r.f1)")
            if r.stain == "H&E", let tumor = r.countError(.tumor) {
                #expect(abs(tumor) <= 0.10, "tumor count error of \(r.slideID): \(tumor)")
            }
            if r.stain == "PD-L1" {
                let t = try #require(r.trueTPS), d = try #require(r.detectedTPS)
                #expect(abs(d - t) <= 5, "TPS of \(r.slideID): \(d) vs \(t)")
            }
        }
        // Issue 8's per-slide targets on the H&E slides: macrophages within 20 %, immune phenotype as simulated,
        // lymphocytes within 10 % (SIM-0002-T1-HE, 38 lymphocytes, was −13 % before the pooled hematoxylin
        // reference: its 1280² px slide has 256 px edge tiles with too few fibroblasts to normalise on).
        let he = results.filter { $0.stain == "H&E" }
        for r in he {
            let macrophages = try #require(r.countError(.macrophage))
            #expect(abs(macrophages) <= 0.20, "macrophage count error of \(r.slideID): \(macrophages)")
            #expect(r.detectedPhenotype == r.truePhenotype, "phenotype of \(r.slideID)")
            let lymphocytes = try #require(r.countError(.lymphocyte))
            #expect(abs(lymphocytes) <= 0.10, "lymphocyte count error of \(r.slideID): \(lymphocytes)")
        }
        // The PD-L1 slides: lymphocytes and tumor cells within 10 % each (SIM-0001-T1-PDL1, a pale counterstain, was
        // −25.7 % before the pale-nucleus recovery and −12.0 % with H&E's fragment-centred rule; VALIDATION.md).
        let ihc = results.filter { $0.stain == "PD-L1" }
        for r in ihc {
            let lymphocytes = try #require(r.countError(.lymphocyte))
            #expect(abs(lymphocytes) <= 0.10, "lymphocyte count error of \(r.slideID): \(lymphocytes)")
            let tumor = try #require(r.countError(.tumor))
            #expect(abs(tumor) <= 0.10, "tumor count error of \(r.slideID): \(tumor)")
        }
        // The pooled confusion matrix is dominated by correct calls for every class.
        var matrix = [[Int]](repeating: [Int](repeating: 0, count: 5), count: 5)
        for r in results { for i in 0..<5 { for j in 0..<5 { matrix[i][j] += r.confusion[i][j] } } }
        for c in [CellClass.lymphocyte, .macrophage, .tumor, .stroma] {
            let row = matrix[c.index]
            #expect(Double(row[c.index]) >= 0.85 * Double(row.reduce(0, +)), "\(c) recall among matched cells")
        }
    }
}
