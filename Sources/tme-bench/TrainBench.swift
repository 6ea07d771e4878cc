import ArgumentParser
import Foundation
import Pipeline
import FusionModel
import TMECore

/// Fusion-model training speed against PyTorch (CPU) on the same synthetic cohort in the same run.
struct TrainBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "train",
        abstract: "Seconds per training epoch of the fusion model: TMEScope (OpenBLAS) vs PyTorch CPU, same data, same architecture, same thread count.")

    @Option(help: "Patients in the synthetic cohort.") var patients = 400
    @Option(help: "Tiles per patient (bag size).") var tiles = 500
    @Option(help: "Features per tile.") var features = 32
    @Option(help: "Epochs timed per implementation (the median epoch is reported).") var epochs = 5
    @Option(help: "Patients per mini-batch.") var batchSize = 32
    @Option(help: "Threads for OpenBLAS and for torch.set_num_threads.") var threads = 1
    @Option(help: "Python interpreter with torch, numpy and safetensors (pip install torch numpy safetensors).") var python = "python3"
    @Option(help: "Seed of the synthetic data and of both trainings.") var seed: UInt64 = 2026
    @Flag(help: "Time TMEScope only (for profiling; no PyTorch run).") var skipPeer = false
    @Flag(help: "Also time TMEScope with the linear response prior and attention guide κ = 1 of cohorts/eval400/training.json (LinearPrior; the peer has no such part): its cost per epoch.")
    var linearPrior = false

    func validate() throws {
        guard patients >= 4, tiles >= 1, features >= 1, epochs >= 1, batchSize >= 1, threads >= 1 else {
            throw ValidationError("need ≥ 4 patients and ≥ 1 tile, feature, epoch, batch size and thread")
        }
    }

    func run() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("tme-bench-train-\(getpid())")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        BLASThreads.set(threads)
        let cohort = BenchCohort.make(patients: patients, tiles: tiles, features: features, seed: seed)
        let dataFile = dir.appendingPathComponent("cohort.safetensors")
        try Data(SafeTensors.encode(cohort.tensors)).write(to: dataFile)
        note("train: \(patients) patients × \(tiles) tiles × \(features) features, batch \(batchSize), \(epochs) epochs, \(threads) thread(s)")

        let configuration = BenchCohort.networkConfiguration(features: features)
        let (ours, oursCPU, lastLoss) = try timeEpochs(cohort.samples, configuration)
        if linearPrior {
            var guided = configuration
            guided.linearPrior = LinearPriorSettings(enabled: true, attentionGuide: 1)
            let (wall, cpu, _) = try timeEpochs(cohort.samples, guided)
            print(String(format: "TMEScope with the linear prior and attention guide: wall %.3f s/epoch, CPU %.3f s/epoch "
                         + "(%.2fx / %.2fx the network alone, same run)", wall, cpu, wall / ours, cpu / oursCPU))
        }
        guard !skipPeer else {
            print(String(format: "TMEScope FusionModel: wall %.3f s/epoch, CPU %.3f s/epoch, %d thread(s)", ours, oursCPU, threads))
            return
        }
        let peer = try runPyTorch(dataFile: dataFile, dir: dir)

        print("implementation                     wall s/epoch  CPU s/epoch  last-epoch loss  threads")
        print(String(format: "TMEScope FusionModel (OpenBLAS)    %12.3f  %11.3f  %15.4f  %7d", ours, oursCPU, lastLoss, threads))
        print(String(format: "PyTorch %-12@ (batched)    %12.3f  %11.3f  %15.4f  %7d", peer.torchVersion, peer.secondsPerEpoch,
                     peer.cpuSecondsPerEpoch, peer.lastLoss, peer.threads))
        print(String(format: "ratio PyTorch / TMEScope: wall %.2fx, CPU %.2fx (> 1: TMEScope is faster)",
                     peer.secondsPerEpoch / ours, peer.cpuSecondsPerEpoch / oursCPU))
    }

    /// Median wall and CPU seconds per epoch of `Trainer.train`, and the last epoch's loss.
    private func timeEpochs(_ samples: [PatientSample], _ configuration: FusionNetworkConfiguration) throws
        -> (wall: Double, cpu: Double, lastLoss: Double) {
        let network = try FusionNetwork(configuration: configuration)
        let parameters = TrainingParameters(epochs: epochs, batchSize: batchSize, optimizer: AdamSettings(),
                                            modalityDropout: 0.15, validationFraction: 0, seed: seed)
        var stamps = [DispatchTime.now().uptimeNanoseconds], cpuStamps = [processCPUSeconds()]
        var lastLoss = Double.nan
        _ = try Trainer.train(samples, network: network, parameters: parameters) { record in
            stamps.append(DispatchTime.now().uptimeNanoseconds)
            cpuStamps.append(processCPUSeconds())
            lastLoss = record.trainingLoss
            note(String(format: "  TMEScope epoch %d: loss %.4f", record.epoch, record.trainingLoss))
        }
        return (SampleStatistics.median(zip(stamps.dropFirst(), stamps).map { Double($0 - $1) / 1e9 }),
                SampleStatistics.median(zip(cpuStamps.dropFirst(), cpuStamps).map { $0 - $1 }), lastLoss)
    }


    struct PeerResult: Decodable {
        var secondsPerEpoch: Double
        var cpuSecondsPerEpoch: Double
        var lastLoss: Double
        var threads: Int
        var torchVersion: String
    }

    private func runPyTorch(dataFile: URL, dir: URL) throws -> PeerResult {
        let script = try PeerScript.path("torch_fusion_train_bench.py")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [python, script, dataFile.path, String(epochs), String(threads), String(batchSize), String(seed)]
        var environment = ProcessInfo.processInfo.environment
        environment["OMP_NUM_THREADS"] = String(threads)
        process.environment = environment
        let out = Pipe()
        process.standardOutput = out
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw ValidationError("PyTorch run failed (exit \(process.terminationStatus)); install it with `pip install torch numpy safetensors`")
        }
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        return try decoder.decode(PeerResult.self, from: data)
    }
}

