import Foundation
import TissueAnalysis

// What `tme quantify` needs from TissueAnalysis, so the CLI depends on Pipeline only. (Kept outside
// Quantify/ on purpose: it is the CLI's view of the stage, not part of the stage.)

extension QuantifyParameters {
    /// The IHC marker named on the command line (`PD-L1`, `CD8`, `CD68`); nil for any other name.
    public static func ihcMarker(named name: String) -> IHCMarker? { IHCMarker(rawValue: name) }

    /// A trained cell classifier from the JSON `tme quantify --train-classifier` writes.
    public static func classifier(json: Data) throws -> any CellClassifier { try LogisticCellClassifier.decode(json: json) }
}

extension ClassifierTraining.Summary {
    /// Matched training cells per class, every class in `CellClass` order (0 when none matched).
    public var matchedPerClass: [(className: String, count: Int)] {
        CellClass.allCases.map { ($0.rawValue, matched[$0] ?? 0) }
    }
}
