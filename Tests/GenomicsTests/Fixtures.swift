import Foundation
import Genomics

/// Paths of the committed fixtures (found from this source file, so no bundle resources are needed).
enum Fixtures {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")

    static func path(_ relative: String) -> String { root.appendingPathComponent(relative).path }

    /// Lines of a plain-text fixture.
    static func lines(_ relative: String) throws -> [String] {
        let data = try Data(contentsOf: root.appendingPathComponent(relative))
        var lines: [String] = []
        var splitter = LineSplitter()
        splitter.push(data) { line, _ in lines.append(line) }
        splitter.finish { line, _ in lines.append(line) }
        return lines
    }

    static func json(_ relative: String) throws -> Any {
        try JSONSerialization.jsonObject(with: Data(contentsOf: root.appendingPathComponent(relative)))
    }
}
