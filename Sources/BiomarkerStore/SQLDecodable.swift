import Foundation

/// A Swift type a result column can be read as (PostgreSQL text format).
///
/// `decode` returns `nil` when the text is not a value of this type. SQL NULL arrives as a nil
/// `text`; only `Optional` accepts it.
public protocol SQLDecodable {
    static func decode(sqlText text: String?) -> Self?
    static var sqlTypeName: String { get }
}

extension String: SQLDecodable {
    public static func decode(sqlText text: String?) -> String? { text }
    public static var sqlTypeName: String { "text" }
}

extension Int: SQLDecodable {
    public static func decode(sqlText text: String?) -> Int? { text.flatMap { Int($0) } }
    public static var sqlTypeName: String { "integer" }
}

extension Double: SQLDecodable {
    public static func decode(sqlText text: String?) -> Double? {
        guard let text else { return nil }
        switch text {
        case "NaN": return .nan
        case "Infinity": return .infinity
        case "-Infinity": return -.infinity
        default: return Double(text)
        }
    }
    public static var sqlTypeName: String { "double precision" }
}

extension Bool: SQLDecodable {
    public static func decode(sqlText text: String?) -> Bool? {
        switch text {
        case "t", "true": true
        case "f", "false": false
        default: nil
        }
    }
    public static var sqlTypeName: String { "boolean" }
}

extension Date: SQLDecodable {
    /// Reads `date` ("2024-01-15") and `timestamptz` ("2024-01-15 10:20:30.5+00") columns; dates
    /// are midnight UTC. The session time zone is UTC (set at connect), so offsets are "+00".
    public static func decode(sqlText text: String?) -> Date? {
        guard let text else { return nil }
        var iso = text.replacingOccurrences(of: " ", with: "T")
        if iso.count == 10 { iso += "T00:00:00Z" }
        if iso.hasSuffix("+00") { iso = String(iso.dropLast(3)) + "Z" }
        var fractional = Date.ISO8601FormatStyle(includingFractionalSeconds: true)
        fractional.timeZone = TimeZone(identifier: "UTC")!
        if let date = try? fractional.parse(iso) { return date }
        var whole = Date.ISO8601FormatStyle()
        whole.timeZone = TimeZone(identifier: "UTC")!
        return try? whole.parse(iso)
    }
    public static var sqlTypeName: String { "date or timestamptz" }
}

extension Optional: SQLDecodable where Wrapped: SQLDecodable {
    public static func decode(sqlText text: String?) -> Wrapped?? {
        guard let text else { return .some(nil) }
        return Wrapped.decode(sqlText: text).map { .some($0) }
    }
    public static var sqlTypeName: String { Wrapped.sqlTypeName + " or NULL" }
}
