import Foundation

/// A Swift value bound to a `$n` placeholder, sent in PostgreSQL's text format.
///
/// `nil` means SQL NULL. Values always travel as parameters (`PQexecParams`), never spliced into
/// statement text.
public protocol SQLParameter: Sendable {
    var sqlText: String? { get }
}

extension String: SQLParameter { public var sqlText: String? { self } }
extension Substring: SQLParameter { public var sqlText: String? { String(self) } }
extension Int: SQLParameter { public var sqlText: String? { String(self) } }
extension Int32: SQLParameter { public var sqlText: String? { String(self) } }
extension Int64: SQLParameter { public var sqlText: String? { String(self) } }
extension Bool: SQLParameter { public var sqlText: String? { self ? "true" : "false" } }

extension Double: SQLParameter {
    public var sqlText: String? { SQLFormat.double(self) }
}

extension Float: SQLParameter {
    public var sqlText: String? { SQLFormat.double(Double(self)) }
}

extension Date: SQLParameter {
    public var sqlText: String? { SQLFormat.timestamp(self) }
}

extension Optional: SQLParameter where Wrapped: SQLParameter {
    public var sqlText: String? { self.flatMap { $0.sqlText } }
}

/// A list of strings bound as a PostgreSQL `text[]` literal (used with `= ANY($n)`).
public struct SQLTextArray: SQLParameter {
    public let values: [String]
    public init(_ values: [String]) { self.values = values }
    public var sqlText: String? {
        let quoted = values.map { value -> String in
            var escaped = "\""
            for character in value {
                if character == "\"" || character == "\\" { escaped.append("\\") }
                escaped.append(character)
            }
            return escaped + "\""
        }
        return "{" + quoted.joined(separator: ",") + "}"
    }
}

/// Text encodings shared by parameters and the COPY writer, so both send identical values.
enum SQLFormat {
    static func double(_ value: Double) -> String {
        if value.isNaN { return "NaN" }
        if value.isInfinite { return value > 0 ? "Infinity" : "-Infinity" }
        return value.description
    }

    static func timestamp(_ date: Date) -> String {
        var style = Date.ISO8601FormatStyle(includingFractionalSeconds: true)
        style.timeZone = TimeZone(identifier: "UTC")!
        return date.formatted(style)
    }
}
