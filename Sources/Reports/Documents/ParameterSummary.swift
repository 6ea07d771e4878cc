import Foundation
import TMECore

/// A parameter set (JSON) reduced to what fits a provenance table: its SHA-256 (which identifies
/// the exact set; the full JSON stays in the database and the model folder) and the first scalar
/// settings as `key = value`, nested keys dotted. Long arrays (feature means, fold members) are
/// shown by their length only; printing them would fill pages without helping a reader.
struct ParameterSummary: Sendable, Hashable {
    var name: String
    var sha256: String
    var settings: [String]
    /// Settings not shown because of the limit.
    var omitted: Int

    init(_ set: Provenance.ParameterSet, limit: Int = 16) {
        name = set.name
        sha256 = SHA256.hex(Array(set.json.utf8))
        var flat: [String] = []
        if let value = try? JSONDecoder().decode(JSONValue.self, from: Data(set.json.utf8)) {
            value.flatten(prefix: "", into: &flat)
        } else {
            flat = ["(not valid JSON: \(set.json.count) characters)"]
        }
        settings = Array(flat.prefix(limit))
        omitted = max(0, flat.count - limit)
    }

    /// The provenance table of parameter sets (name, settings, hash) and a note on where the full
    /// sets are kept; nothing when there are none.
    static func addTable(_ sets: [Provenance.ParameterSet], to doc: ReportDocument) throws {
        guard !sets.isEmpty else { return }
        var style = TableStyle()
        style.fontSize = 7
        style.maxLinesPerCell = 5
        try doc.addTable(Table(columns: [TableColumn("Parameters", widthWeight: 1.1), TableColumn("Settings", widthWeight: 3.6),
                                         TableColumn("SHA-256 of the full set", widthWeight: 1.3)],
                               rows: sets.map { ParameterSummary($0) }.map { [$0.name, $0.text, $0.sha256] }, style: style))
        try doc.addParagraph("Full parameter sets are stored with the slide metrics and the model run in the database "
                             + "(tme.slide_tme, tme.model_runs) and in the model's config.json; the hash identifies them.",
                             style: TextStyle(sizePoints: 7, color: Palette.mutedInk))
    }

    /// One line per setting, "… and N more" at the end when the limit cut some.
    var text: String {
        var parts = settings
        if omitted > 0 { parts.append("… and \(omitted) more") }
        return parts.isEmpty ? "(empty)" : parts.joined(separator: "; ")
    }

}

/// Just enough of JSON to walk a parameter set in key order.
private indirect enum JSONValue: Decodable {
    case bool(Bool), number(Double), string(String), null, array([JSONValue]), object([String: JSONValue])

    init(from decoder: Decoder) throws {
        if var list = try? decoder.unkeyedContainer() {
            var items: [JSONValue] = []
            while !list.isAtEnd { items.append(try list.decode(JSONValue.self)) }
            self = .array(items)
            return
        }
        if let keyed = try? decoder.container(keyedBy: AnyKey.self) {
            var members: [String: JSONValue] = [:]
            for key in keyed.allKeys { members[key.stringValue] = try keyed.decode(JSONValue.self, forKey: key) }
            self = .object(members)
            return
        }
        let single = try decoder.singleValueContainer()
        if single.decodeNil() { self = .null }
        else if let b = try? single.decode(Bool.self) { self = .bool(b) }
        else if let d = try? single.decode(Double.self) { self = .number(d) }
        else { self = .string(try single.decode(String.self)) }
    }

    var scalar: String? {
        switch self {
        case .bool(let b): return b ? "true" : "false"
        case .number(let d): return d.rounded() == d && abs(d) < 1e15 ? String(Int64(d)) : String(format: "%.4g", d)
        case .string(let s): return s
        case .null: return "null"
        case .array, .object: return nil
        }
    }

    func flatten(prefix: String, into out: inout [String]) {
        switch self {
        case .object(let members):
            for key in members.keys.sorted() {
                members[key]!.flatten(prefix: prefix.isEmpty ? key : prefix + "." + key, into: &out)
            }
        case .array(let items):
            let scalars = items.compactMap(\.scalar)
            if scalars.count == items.count, items.count <= 4 {
                out.append(prefix + " = [" + scalars.joined(separator: ", ") + "]")
            } else {
                out.append(prefix + " = [\(items.count) " + (scalars.count == items.count ? "values]" : "entries]"))
            }
        default:
            let s = scalar ?? ""
            out.append(prefix.isEmpty ? s : prefix + " = " + s)
        }
    }
}

private struct AnyKey: CodingKey {
    var stringValue: String
    var intValue: Int? { nil }
    init?(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { nil }
}
