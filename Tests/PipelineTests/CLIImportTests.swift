import Foundation
import Testing

/// `tme` is a thin CLI over Pipeline (DESIGN.md: tme → Pipeline → computation modules). SwiftPM lets a
/// target import any module built before it, so Package.swift alone does not stop the CLI from reaching
/// past Pipeline; this test does.
@Suite struct CLIImportTests {
    static let allowed: Set<String> = ["ArgumentParser", "Foundation", "Pipeline", "ProcessTuning"]

    @Test func theCLIImportsOnlyPipelineArgumentParserAndProcessTuning() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let cli = root.appendingPathComponent("Sources/tme")
        let files = try #require(FileManager.default.enumerator(at: cli, includingPropertiesForKeys: nil))
            .compactMap { $0 as? URL }.filter { $0.pathExtension == "swift" }
        #expect(files.count >= 20, "found only \(files.count) Swift files under \(cli.path)")
        for file in files {
            let text = try String(contentsOf: file, encoding: .utf8)
            for line in text.split(separator: "\n") {
                let words = line.split(separator: " ")
                // `import X`, `@testable import X`, `import struct X.Y`, `@_exported import X`
                guard let index = words.firstIndex(of: "import"), words[..<index].allSatisfy({ $0.hasPrefix("@") }),
                      index + 1 < words.count else { continue }
                let target = words.count > index + 2 && ["struct", "class", "enum", "func", "protocol", "typealias", "var", "let"]
                    .contains(String(words[index + 1])) ? words[index + 2] : words[index + 1]
                let module = String(target.split(separator: ".").first ?? target)
                #expect(Self.allowed.contains(module), "\(file.lastPathComponent) imports \(module); the CLI goes through Pipeline")
            }
        }
    }
}
