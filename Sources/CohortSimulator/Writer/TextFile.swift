import Foundation

/// Accumulates a text file and writes it in one go.
struct TextFile {
    var text = ""

    mutating func row(_ fields: [String]) { text += fields.joined(separator: "\t"); text += "\n" }
    mutating func line(_ s: String) { text += s; text += "\n" }

    func write(to path: String) throws {
        do { try text.write(toFile: path, atomically: false, encoding: .utf8) } catch {
            throw SimulatorError.writeFailed(path: path, reason: "I/O error")
        }
    }
}

/// Fixed-precision decimal text (locale-independent, so files are identical everywhere).
func fmt(_ v: Double, _ places: Int = 4) -> String { String(format: "%.\(places)f", v) }
