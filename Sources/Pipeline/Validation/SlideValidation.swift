import Foundation
import TissueAnalysis

/// The quantifier's output on one simulated slide compared with the simulator's per-cell truth.
///
/// - Detection: `DetectionMatching` within `radiusMicrons` (default 4 µm), precision, recall, F1.
/// - Classes: confusion matrix over matched cells, rows = true class, columns = detected class
///   (`CellClass.allCases` order; the truth has no "other").
/// - Counts: relative error (detected − true) / true per class over the whole slide (all detections, all truth).
/// - Phenotype: detected slide phenotype vs the simulated patient's; TPS: detected vs 100 × PD-L1+ tumor / tumor.
public struct SlideValidation: Sendable, Hashable, Codable {
    public var slideID: String
    public var stain: String
    public var truePositives: Int, falsePositives: Int, falseNegatives: Int
    /// confusion[true class][detected class], `CellClass.allCases` order.
    public var confusion: [[Int]]
    public var trueCounts: CellCounts
    public var detectedCounts: CellCounts
    public var truePhenotype: String?
    public var detectedPhenotype: String?
    public var trueTPS: Double?
    public var detectedTPS: Double?
    public var seconds: Double

    public var precision: Double { Double(truePositives) / Double(max(1, truePositives + falsePositives)) }
    public var recall: Double { Double(truePositives) / Double(max(1, truePositives + falseNegatives)) }
    public var f1: Double { 2 * Double(truePositives) / Double(max(1, 2 * truePositives + falsePositives + falseNegatives)) }

    /// (detected − true) / true, nil when the truth has none of the class.
    public func countError(_ c: CellClass) -> Double? {
        trueCounts[c] > 0 ? Double(detectedCounts[c] - trueCounts[c]) / Double(trueCounts[c]) : nil
    }

    public init(slideID: String, stain: String, quantification q: SlideQuantification, detected: [DetectedCell],
                truth: [TruthCell], truePhenotype: String?, micronsPerPixel mpp0: Double, radiusMicrons: Double = 4) {
        self.slideID = slideID
        self.stain = stain
        let pairs = DetectionMatching.match(detections: detected.map { ($0.xPixels, $0.yPixels) },
                                            truth: truth.map { ($0.xPixels, $0.yPixels) }, radiusPixels: radiusMicrons / mpp0)
        truePositives = pairs.count
        falsePositives = detected.count - pairs.count
        falseNegatives = truth.count - pairs.count
        var matrix = [[Int]](repeating: [Int](repeating: 0, count: CellClass.allCases.count), count: CellClass.allCases.count)
        for (d, t) in pairs { matrix[truth[t].cellClass.index][detected[d].cellClass.index] += 1 }
        confusion = matrix
        var trueCounts = CellCounts(), detectedCounts = CellCounts()
        for t in truth { trueCounts[t.cellClass] += 1 }
        for d in detected { detectedCounts[d.cellClass] += 1 }
        self.trueCounts = trueCounts
        self.detectedCounts = detectedCounts
        self.truePhenotype = truePhenotype
        detectedPhenotype = q.metrics.phenotype?.rawValue
        if q.marker == .pdl1 {
            let tumor = truth.filter { $0.cellClass == .tumor }
            trueTPS = tumor.isEmpty ? nil : 100 * Double(tumor.filter(\.pdl1).count) / Double(tumor.count)
            detectedTPS = q.metrics.pdl1?.tumorProportionScore
        }
        seconds = q.wallSeconds
    }
}
