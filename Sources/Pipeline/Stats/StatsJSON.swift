import Foundation

/// A JSON value with ordered object keys, so `tme stats --json` prints keys in the documented
/// order. Non-finite numbers and nil become `null`.
public indirect enum StatsJSON: Sendable, Hashable {
    case null
    case bool(Bool)
    case int(Int)
    case number(Double)
    case string(String)
    case array([StatsJSON])
    case object([(String, StatsJSON)])

    public static func number(_ value: Double?) -> StatsJSON {
        guard let value, value.isFinite else { return .null }
        return .number(value)
    }

    public static func == (a: StatsJSON, b: StatsJSON) -> Bool { a.rendered() == b.rendered() }
    public func hash(into hasher: inout Hasher) { hasher.combine(rendered()) }

    /// Compact JSON text. Doubles use Swift's shortest round-tripping representation.
    public func rendered() -> String {
        switch self {
        case .null: return "null"
        case .bool(let b): return b ? "true" : "false"
        case .int(let i): return String(i)
        case .number(let d):
            guard d.isFinite else { return "null" }
            if d == d.rounded(), abs(d) < 1e15 { return String(Int(d)) }
            return "\(d)"
        case .string(let s): return Self.quote(s)
        case .array(let items): return "[" + items.map { $0.rendered() }.joined(separator: ",") + "]"
        case .object(let pairs):
            return "{" + pairs.map { Self.quote($0.0) + ":" + $0.1.rendered() }.joined(separator: ",") + "}"
        }
    }

    static func quote(_ s: String) -> String {
        var out = "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 { out += String(format: "\\u%04x", scalar.value) } else { out.unicodeScalars.append(scalar) }
            }
        }
        return out + "\""
    }
}
