import ArgumentParser
import Foundation
import TMECore

/// The peers' Python programs: files in the checkout's scripts/peers/ that a benchmark runs as they are
/// (readable, runnable and diffable on their own), never source text embedded in the binary.
enum PeerScript {
    /// The path of scripts/peers/`name` in the checkout `tme-bench` belongs to.
    static func path(_ name: String) throws -> String {
        let url = try ProjectDirectory.locate().root.appendingPathComponent("scripts/peers/\(name)")
        guard FileManager.default.fileExists(atPath: url.path) else {
            throw ValidationError("the peer script \(url.path) is missing; run tme-bench from a complete checkout")
        }
        return url.path
    }
}
