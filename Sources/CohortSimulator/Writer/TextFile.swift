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

/// Fixed-precision decimal text, locale-independent so files are identical everywhere: v rounded half away
/// from zero at `places` decimals (0…9). Example: fmt(-2.345, 2) = "-2.35", fmt(3, 0) = "3".
/// Integer arithmetic instead of `String(format:)`, which dominated truth writing.
func fmt(_ v: Double, _ places: Int = 4) -> String {
    guard v.isFinite else { return v.isNaN ? "NaN" : (v > 0 ? "Inf" : "-Inf") }
    let p = min(max(places, 0), 9)
    var scale: Int64 = 1
    for _ in 0..<p { scale *= 10 }
    let r = (abs(v) * Double(scale)).rounded()
    guard r < 9e15 else { return String(format: "%.\(p)f", v) }
    let n = Int64(r)
    var s = v < 0 && n != 0 ? "-" : ""
    s += String(n / scale)
    if p > 0 {
        let f = String(n % scale)
        s += "." + String(repeating: "0", count: p - f.count) + f
    }
    return s
}
