import ArgumentParser
import Foundation
import InstanSeg
import Pipeline
import TMECore

/// The InstanSeg network's speed against PyTorch CPU on the same tile with the same thread count.
struct InstanSegBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "instanseg",
        abstract: "Seconds per tile of the InstanSeg brightfield_nuclei network: TMEScope (OpenBLAS) vs PyTorch CPU "
            + "(scripts/peers/instanseg_torch_bench.py), same pixels, same thread count, interleaved in one run.")

    @Option(help: "Tile side in pixels (the authors' 256 × 256 test input, tiled).") var size = 1024
    @Option(parsing: .upToNextOption, help: "Thread counts to time (OpenBLAS threads; torch.set_num_threads for the peer).")
    var threads: [Int] = [1, 2]
    @Option(help: "Timed runs per implementation and thread count (the median is reported).") var repeats = 3
    @Option(help: "Folder holding instanseg.pt and test-input.npy (default: .tme/models/instanseg/brightfield_nuclei/0.1.1 of the checkout).")
    var models: String?
    @Option(help: "Python interpreter with torch and numpy for the peer.") var python = "python3"
    @Flag(help: "Time TMEScope only (no PyTorch run).") var skipPeer = false

    func validate() throws {
        guard size >= 32, repeats >= 1, !threads.isEmpty, threads.allSatisfy({ $0 >= 1 }) else {
            throw ValidationError("need a size ≥ 32, ≥ 1 repeat and thread counts ≥ 1")
        }
    }

    func run() throws {
        let root = try ProjectDirectory.locate()
        let dir = models.map { URL(fileURLWithPath: $0) }
            ?? root.stateDirectory.appendingPathComponent("models/instanseg/brightfield_nuclei/0.1.1")
        let network = try InstanSegNetwork(contentsOf: dir.appendingPathComponent("instanseg.pt"))
        let image = try tile(testInput: dir.appendingPathComponent("test-input.npy"))
        let workspace = InstanSegWorkspace()
        _ = try network.predict(Array(image.prefix(3 * 64 * 64)), height: 64, width: 64, workspace: workspace, threads: 1)
        note("instanseg: \(size) × \(size) tile, \(repeats) timed runs per implementation, threads \(threads)")
        print("implementation                 threads  wall s/tile  CPU s/tile  s/Mpx (wall)")
        for count in threads {
            var walls: [Double] = [], cpus: [Double] = []
            for _ in 0..<repeats {
                let c0 = processCPUSeconds()
                walls.append(try BenchSupport.seconds {
                    _ = try network.predict(image, height: size, width: size, workspace: workspace, threads: count)
                })
                cpus.append(processCPUSeconds() - c0)
            }
            let ours = (SampleStatistics.median(walls), SampleStatistics.median(cpus))
            let mpx = Double(size * size) / 1e6
            print(String(format: "TMEScope InstanSeg (OpenBLAS)  %7d  %11.2f  %10.2f  %12.2f", count, ours.0, ours.1, ours.0 / mpx))
            guard !skipPeer else { continue }
            let peer = try runPyTorch(dir: dir, root: root, threads: count)
            print(String(format: "PyTorch %-12@ fcn       %7d  %11.2f  %10.2f  %12.2f", peer.torchVersion, peer.threads,
                         peer.seconds, peer.cpuSeconds, peer.seconds / mpx))
            print(String(format: "ratio PyTorch / TMEScope at %d thread(s): wall %.2fx, CPU %.2fx (> 1: TMEScope is faster)",
                         count, peer.seconds / ours.0, peer.cpuSeconds / ours.1))
        }
        note(String(format: "workspace %.0f MiB", Double(workspace.allocatedBytes) / 1_048_576))
    }

    /// The authors' test tensor tiled to size × size and normalised with that tile's percentiles,
    /// exactly as the peer script does.
    private func tile(testInput url: URL) throws -> [Float] {
        guard let data = FileManager.default.contents(atPath: url.path), data.count == 128 + 3 * 256 * 256 * 4 else {
            throw ValidationError("\(url.path) is missing or not the 1×3×256×256 float32 test tensor; run scripts/fetch-models")
        }
        let raw = [UInt8](data).withUnsafeBytes { Array($0[128...].bindMemory(to: Float.self)) }
        var image = [Float](repeating: 0, count: 3 * size * size)
        for c in 0..<3 {
            for y in 0..<size {
                for x in 0..<size { image[(c * size + y) * size + x] = raw[(c * 256 + y % 256) * 256 + x % 256] }
            }
        }
        PercentileNormalization(image: image, channels: 3).apply(to: &image)
        return image
    }


    struct PeerResult: Decodable {
        var seconds: Double
        var cpuSeconds: Double
        var threads: Int
        var torchVersion: String
    }

    private func runPyTorch(dir: URL, root: ProjectDirectory, threads: Int) throws -> PeerResult {
        let script = URL(fileURLWithPath: try PeerScript.path("instanseg_torch_bench.py"))
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [python, script.path, dir.path, String(size), String(threads), String(repeats)]
        var environment = ProcessInfo.processInfo.environment
        environment["OMP_NUM_THREADS"] = String(threads)
        process.environment = environment
        let out = Pipe()
        process.standardOutput = out
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw ValidationError("PyTorch run failed (exit \(process.terminationStatus)); install it with `pip install torch numpy`")
        }
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        return try decoder.decode(PeerResult.self, from: data)
    }
}
