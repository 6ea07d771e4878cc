import Foundation
import Testing
@testable import FusionModel

/// safetensors interoperability: a file written by Python's `safetensors` (fixture made by
/// Fixtures/make_safetensors_fixture.py) is read exactly; a file we write is read by Python when
/// python3 with safetensors is installed (Fixtures/read_safetensors.py).
@Suite struct SafeTensorsTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")

    @Test func readsFileWrittenByPython() throws {
        let bytes = try [UInt8](Data(contentsOf: Self.fixtures.appendingPathComponent("python_reference.safetensors")))
        let (tensors, metadata) = try SafeTensors.decode(bytes)
        #expect(metadata == ["producer": "numpy", "format": "np"])
        #expect(Set(tensors.keys) == ["matrix", "vector", "scalar", "empty"])
        #expect(tensors["matrix"]?.shape == [3, 4])
        #expect(tensors["matrix"]?.values == (0..<12).map { Float($0) * 0.25 - 1 })
        #expect(tensors["vector"]?.shape == [5])
        let v = try #require(tensors["vector"]?.values)
        #expect(v[0] == 1.5 && v[1] == -2 && v[2] == Float(1e-8) && v[3] == Float.greatestFiniteMagnitude)
        #expect(v[4] == 0 && v[4].sign == .minus)
        #expect(tensors["scalar"]?.shape == [] && tensors["scalar"]?.values == [42])
        #expect(tensors["empty"]?.shape == [0, 3] && tensors["empty"]?.values == [])
        #expect(try tensors["vector"]!.matrix().shape == [1, 5])
    }

    @Test func roundTripIsExactAndHeaderAligned() throws {
        var g = SeededGenerator(seed: 3)
        let params = ParameterSet(["a.weight": GradientCheck.random(4, 3, seed: 1),
                                   "a.bias": Matrix(row: [0, -0.0, .leastNonzeroMagnitude]),
                                   "z": Matrix(scalar: Float(g.nextNormal()))])
        let bytes = try SafeTensors.encode(params, metadata: ["config": "{\"x\": 1}"])
        let headerLength = bytes[0..<8].enumerated().reduce(0) { $0 | Int($1.element) << (8 * $1.offset) }
        #expect((8 + headerLength) % 8 == 0)
        #expect(bytes[8] == UInt8(ascii: "{"))
        #expect(bytes.count == 8 + headerLength + 4 * (12 + 3 + 1))
        let (decoded, metadata) = try SafeTensors.decodeParameters(bytes)
        #expect(decoded == params)
        #expect(metadata["config"] == "{\"x\": 1}")
    }

    @Test func rejectsMalformedBuffers() throws {
        let good = try SafeTensors.encode(["t": SafeTensor(shape: [2], values: [1, 2])])
        #expect(throws: FusionModelError.self) { try SafeTensors.decode(Array(good.prefix(5))) }
        #expect(throws: FusionModelError.self) { try SafeTensors.decode(Array(good.dropLast(4))) }
        #expect(throws: FusionModelError.self) { try SafeTensors.decode(good + [0, 0, 0, 0]) }
        var hugeLength = good
        hugeLength[6] = 0xFF
        #expect(throws: FusionModelError.self) { try SafeTensors.decode(hugeLength) }
        let f64 = try SafeTensors.encode(["t": SafeTensor(shape: [2], values: [1, 2])])
        let text = String(decoding: f64, as: UTF8.self).replacingOccurrences(of: "F32", with: "F64")
        #expect(throws: FusionModelError.self) { try SafeTensors.decode(Array(text.utf8)) }
        #expect(throws: FusionModelError.self) { try SafeTensors.encode(["t": SafeTensor(shape: [3], values: [1])]) }
    }

    @Test(.enabled(if: SafeTensorsTests.pythonWithSafetensors() != nil, "needs python3 with safetensors and numpy"))
    func pythonReadsOurFile() throws {
        let python = try #require(Self.pythonWithSafetensors())
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("fusion-st-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let m = GradientCheck.random(5, 7, seed: 9)
        let file = dir.appendingPathComponent("ours.safetensors")
        try Data(SafeTensors.encode(["w": SafeTensor(m), "b": SafeTensor(shape: [3], values: [1, 2, 3.5])],
                                    metadata: ["tme": "1"])).write(to: file)
        let out = try Self.run(python, [Self.fixtures.appendingPathComponent("read_safetensors.py").path, file.path])
        let json = try #require(try JSONSerialization.jsonObject(with: Data(out.utf8)) as? [String: Any])
        let tensors = try #require(json["tensors"] as? [String: [String: Any]])
        #expect(tensors["w"]?["dtype"] as? String == "float32")
        #expect(tensors["w"]?["shape"] as? [Int] == [5, 7])
        let sum = m.values.reduce(0.0) { $0 + Double($1) }
        #expect(abs((tensors["w"]?["sum"] as? Double ?? .nan) - sum) < 1e-9)
        #expect(tensors["w"]?["first"] as? Double == Double(m.values[0]))
        #expect(tensors["b"]?["sum"] as? Double == 6.5)
        #expect((json["metadata"] as? [String: String]) == ["tme": "1"])
    }

    static func pythonWithSafetensors() -> String? {
        for candidate in ["/usr/bin/python3", "/usr/local/bin/python3"] + pathCandidates() {
            guard FileManager.default.isExecutableFile(atPath: candidate) else { continue }
            if (try? run(candidate, ["-c", "import safetensors, numpy"])) != nil { return candidate }
        }
        return nil
    }

    private static func pathCandidates() -> [String] {
        (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":").map { "\($0)/python3" }
    }

    struct ProcessFailed: Error { let status: Int32 }

    static func run(_ executable: String, _ arguments: [String]) throws -> String {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: executable)
        p.arguments = arguments
        let pipe = Pipe()
        p.standardOutput = pipe
        p.standardError = FileHandle.nullDevice
        try p.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        guard p.terminationStatus == 0 else { throw ProcessFailed(status: p.terminationStatus) }
        return String(decoding: data, as: UTF8.self)
    }
}
