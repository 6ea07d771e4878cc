import Foundation
import TissueAnalysis

/// Trains a `LogisticCellClassifier` on slides with labelled cells (`LabelledCells`): every slide is segmented as
/// `tme quantify` does, each detection is matched one-to-one to a labelled cell within `matchMicrons`
/// (`DetectionMatching`), and the matched nuclei — as the classifier sees them, hematoxylin normalised by their
/// tile's reference factor (`Cell.classifierInput`) — train the model with the labels as targets.
public enum ClassifierTraining {
    public struct Summary: Sendable {
        public var classifier: LogisticCellClassifier
        /// Matched (training) cells per class, and labelled cells without a detection.
        public var matched: [CellClass: Int]
        public var unmatchedLabels: Int
    }

    public static func train(slides: [(path: String, labels: String)], parameters: QuantifyParameters,
                             micronsPerPixel: Double? = nil, matchMicrons: Double = 4,
                             training: LogisticTrainingParameters = LogisticTrainingParameters()) throws -> Summary {
        var nuclei: [Nucleus] = [], targets: [CellClass] = [], unmatched = 0
        for slide in slides {
            let labels = try LabelledCells.load(path: slide.labels)
            let collector = CellCollector<(detected: DetectedCell, input: Nucleus)>()
            let result = try SlideQuantifier(parameters: parameters).quantify(
                path: slide.path, micronsPerPixel: micronsPerPixel,
                cells: { cells, downsample in collector.add(cells.map { (DetectedCell($0, downsample: downsample), $0.classifierInput) }) })
            let cells = collector.items
            let levelZeroMicrons = result.micronsPerPixel / result.downsample
            let pairs = DetectionMatching.match(detections: cells.map { ($0.detected.xPixels, $0.detected.yPixels) }, truth: labels.map { ($0.x, $0.y) },
                                                radiusPixels: matchMicrons / levelZeroMicrons)
            for (d, t) in pairs {
                nuclei.append(cells[d].input)
                targets.append(labels[t].cellClass)
            }
            unmatched += labels.count - pairs.count
        }
        let classifier = try LogisticCellClassifier(training: nuclei, labels: targets, parameters: training)
        return Summary(classifier: classifier, matched: Dictionary(grouping: targets, by: { $0 }).mapValues(\.count),
                       unmatchedLabels: unmatched)
    }
}
