import Foundation
import Genomics

/// Paths of the committed fixtures (found from this source file, so no bundle resources are needed).
enum Fixtures {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")

    static func path(_ relative: String) -> String { root.appendingPathComponent(relative).path }

    /// Lines of a plain-text fixture (without their `\n` or `\r\n`).
    static func lines(_ relative: String) throws -> [String] {
        let text = String(decoding: try Data(contentsOf: root.appendingPathComponent(relative)), as: UTF8.self)
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map { $0.hasSuffix("\r") ? String($0.dropLast()) : String($0) }
        if lines.last == "" { lines.removeLast() }
        return lines
    }

    static func json(_ relative: String) throws -> Any {
        try JSONSerialization.jsonObject(with: Data(contentsOf: root.appendingPathComponent(relative)))
    }
}
