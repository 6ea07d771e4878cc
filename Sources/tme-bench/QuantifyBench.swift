import ArgumentParser
import Foundation
import Pipeline
import TissueAnalysis

/// Single-core throughput of the TME quantifier against a scikit-image pipeline of the same steps on the same
/// synthetic H&E image, in the same run (issue 8).
struct QuantifyBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "quantify",
        abstract: "Mpx/s of deconvolution + nuclei + features + classes on one core: TissueAnalysis vs scikit-image.")

    @Option(help: "Side of the square synthetic image, pixels (0.5 µm/px).") var size = 2048
    @Option(help: "Runs of each implementation (the best is reported).") var repeats = 3
    @Option(help: "Python interpreter with scikit-image installed (pip install scikit-image).") var python = "python3"

    func validate() throws {
        guard (256...16384).contains(size), repeats >= 1 else {
            throw ValidationError("--size must be 256–16384 px and --repeats ≥ 1")
        }
    }

    func run() throws {
        var image = QuantifyBenchImage(width: size, height: size, micronsPerPixel: 0.5)
        let tile = try image.render()
        let analyzer = try TileAnalyzer()
        note("quantify: \(size)×\(size) px synthetic H&E, \(image.cellCount) drawn nuclei; best of \(repeats), one thread")
        var cpu = Double.infinity, wall = Double.infinity
        var result: TileResult?
        for _ in 0..<repeats {
            let (c, w) = try measure { result = try analyzer.analyze(tile) }
            cpu = min(cpu, c)
            wall = min(wall, w)
        }
        let peer = try runScikitImage(tile)
        let megapixels = Double(size * size) / 1e6
        print("pipeline                      nuclei   CPU s   Mpx/s (CPU)   wall s   Mpx/s (wall)")
        print(String(format: "TMEScope TissueAnalysis     %8d  %6.3f  %12.2f  %7.3f  %13.2f",
                     result!.cells.count, cpu, megapixels / cpu, wall, megapixels / wall))
        print(String(format: "scikit-image 0.2x (skimage) %8d  %6.3f  %12.2f  %7.3f  %13.2f",
                     peer.nuclei, peer.cpuSeconds, megapixels / peer.cpuSeconds, peer.wallSeconds, megapixels / peer.wallSeconds))
        print(String(format: "speed-up (ours / skimage)   CPU %.1fx, wall %.1fx  (drawn nuclei: %d)",
                     peer.cpuSeconds / cpu, peer.wallSeconds / wall, image.cellCount))
    }

    /// Thread CPU time and wall time of `body`, seconds.
    private func measure(_ body: () throws -> Void) rethrows -> (Double, Double) {
        var c0 = timespec(), c1 = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &c0)
        let w0 = DispatchTime.now().uptimeNanoseconds
        try body()
        let w1 = DispatchTime.now().uptimeNanoseconds
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &c1)
        let cpu = Double(c1.tv_sec - c0.tv_sec) + Double(c1.tv_nsec - c0.tv_nsec) / 1e9
        return (cpu, Double(w1 - w0) / 1e9)
    }

    struct PeerResult: Decodable {
        var nuclei: Int
        var cpuSeconds: Double
        var wallSeconds: Double
    }

    private func runScikitImage(_ tile: RGBTile) throws -> PeerResult {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("tme-bench-quantify-\(getpid())")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let raw = dir.appendingPathComponent("image.rgb"), script = try PeerScript.path("skimage_quantify_bench.py")
        try Data(tile.pixels).write(to: raw)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [python, script, raw.path, String(tile.width), String(tile.height), String(repeats)]
        var environment = ProcessInfo.processInfo.environment
        environment["OMP_NUM_THREADS"] = "1"
        environment["OPENBLAS_NUM_THREADS"] = "1"
        process.environment = environment
        let out = Pipe()
        process.standardOutput = out
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw ValidationError("scikit-image run failed (exit \(process.terminationStatus)); install it with `pip install scikit-image`")
        }
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        return try decoder.decode(PeerResult.self, from: data)
    }
}

