import Foundation
import TissueAnalysis

/// Labelled cell positions for training a classifier: the simulator's truth table or a QuPath GeoJSON of
/// classified cells.
///
/// - `.tsv` (the simulator's `truth/slides/<slide>_cells.tsv`, read by `TruthCell.load`): columns `x_px`, `y_px`
///   (level-0 pixels) and `class` (lymphocyte, macrophage, tumor, stroma, other).
/// - `.geojson` / `.json` (QuPath export, or `tme quantify --cells-out`): a FeatureCollection whose features have
///   Point geometry (level-0 pixels) or Polygon geometry (the mean of the outer ring's vertices is used) and
///   `properties.classification.name` (Lymphocyte, Macrophage, Tumor, Stroma, Other; any case). Features without a
///   classification are skipped (QuPath exports unclassified detections that way); an unknown class name is an error.
/// Errors name the file and the line (TSV) or the feature number (GeoJSON, from 1).
public enum LabelledCells {
    public struct Label: Sendable, Hashable {
        public var x: Double
        public var y: Double
        public var cellClass: CellClass

        public init(x: Double, y: Double, cellClass: CellClass) {
            self.x = x; self.y = y; self.cellClass = cellClass
        }
    }

    public static func load(path: String) throws -> [Label] {
        if path.lowercased().hasSuffix(".tsv") {
            return try TruthCell.load(path: path).map { Label(x: $0.xPixels, y: $0.yPixels, cellClass: $0.cellClass) }
        }
        let name = URL(fileURLWithPath: path).lastPathComponent
        guard let data = FileManager.default.contents(atPath: path) else {
            throw QuantifyError.invalidTruth(file: name, line: 0, expected: "a readable file")
        }
        return try geoJSON(data, name: name)
    }

    static func cellClass(_ text: String) -> CellClass? {
        CellClass.allCases.first { $0.rawValue == text.lowercased() }
    }

    static func geoJSON(_ data: Data, name: String) throws -> [Label] {
        guard let root = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
              let features = root["features"] as? [[String: Any]] else {
            throw QuantifyError.invalidTruth(file: name, line: 0, expected: "a GeoJSON FeatureCollection")
        }
        var labels: [Label] = []
        for (k, feature) in features.enumerated() {
            let properties = feature["properties"] as? [String: Any]
            guard let classification = properties?["classification"] as? [String: Any] else { continue }
            guard let className = classification["name"] as? String, let c = cellClass(className) else {
                throw QuantifyError.invalidTruth(file: name, line: k + 1, expected: "feature \(k + 1): classification.name one of "
                                                 + CellClass.allCases.map(\.displayName).joined(separator: ", "))
            }
            guard let geometry = feature["geometry"] as? [String: Any], let point = centre(geometry) else {
                throw QuantifyError.invalidTruth(file: name, line: k + 1, expected: "feature \(k + 1): Point or Polygon geometry")
            }
            labels.append(Label(x: point.0, y: point.1, cellClass: c))
        }
        return labels
    }

    private static func centre(_ geometry: [String: Any]) -> (Double, Double)? {
        func pair(_ v: Any) -> (Double, Double)? {
            guard let a = v as? [Any], a.count >= 2, let x = (a[0] as? NSNumber)?.doubleValue, let y = (a[1] as? NSNumber)?.doubleValue,
                  x.isFinite, y.isFinite else { return nil }
            return (x, y)
        }
        switch geometry["type"] as? String {
        case "Point": return geometry["coordinates"].flatMap(pair)
        case "Polygon":
            guard let rings = geometry["coordinates"] as? [Any], let ring = rings.first as? [Any] else { return nil }
            var points = ring.compactMap(pair)
            if points.count > 1, points.first! == points.last! { points.removeLast() }
            guard !points.isEmpty, points.count == ring.count || points.count == ring.count - 1 else { return nil }
            return (points.map(\.0).reduce(0, +) / Double(points.count), points.map(\.1).reduce(0, +) / Double(points.count))
        default: return nil
        }
    }
}
