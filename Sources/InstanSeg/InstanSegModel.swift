import Foundation

/// InstanSeg brightfield_nuclei end to end: RGB pixels → instance labels, exactly as the published TorchScript
/// model's `forward` (network on the normalised, clamped, padded input, then seeds and pixel-embedding
/// clustering), built from one weights file whose SHA-256 is checked on load.
///
/// Immutable and `Sendable`: one model serves every thread; each thread passes its own `InstanSegWorkspace`.
/// Example: `try InstanSegModel(contentsOf: url).segment(rgb: bytes, width: 256, height: 256, normalisation:
/// PercentileNormalization(histograms: h))` gives the authors' shipped label image for their test input
/// (`InstanSegModelTests`).
public struct InstanSegModel: Sendable {
    /// Where the weights sit below a models folder (`scripts/fetch-models` puts them there).
    public static let relativePath = "instanseg/brightfield_nuclei/0.1.1/instanseg.pt"
    /// Name and version, for provenance.
    public let modelID = "brightfield_nuclei 0.1.1"
    /// SHA-256 of the weights file (lowercase hex), verified equal to the pinned one.
    public let weightsSHA256: String
    /// The settings the archive carries (pixel size, post-processing defaults).
    public let settings: InstanSegModelSettings
    public let network: InstanSegNetwork
    public let postProcessing: InstanSegPostProcessing

    /// Reads and verifies `url` (see `TorchScriptArchive`), builds the network and configures the
    /// post-processing from the archive's own defaults and pixel classifier.
    /// - Throws: `InstanSegError` (missing or corrupt weights, with the expected checksum and how to fetch them).
    public init(contentsOf url: URL) throws {
        let archive = try TorchScriptArchive(contentsOf: url)
        weightsSHA256 = archive.sha256
        settings = try InstanSegModelSettings(archive: archive)
        network = try InstanSegNetwork(archive: archive)
        let parameters = InstanSegPostProcessingParameters(
            maskThreshold: Float(settings.maskThreshold), peakDistancePixels: settings.peakDistance,
            seedThreshold: Float(settings.seedThreshold), overlapThreshold: Float(settings.overlapThreshold),
            windowSizePixels: settings.windowSize, cleanupFragments: settings.cleanupFragments)
        func layer(_ name: String, outputs: Int, inputs: Int) throws -> ProbabilityNetWeights.Layer {
            let weight = try archive.tensor("pixel_classifier.\(name).weight", shape: [outputs, inputs])
            let bias = try archive.tensor("pixel_classifier.\(name).bias", shape: [outputs])
            return .init(outputs: outputs, inputs: inputs, weight: weight.values, bias: bias.values)
        }
        let hidden = archive.tensors["pixel_classifier.fc1.weight"]?.shape.first ?? 0
        let net = ProbabilityNetWeights(fc1: try layer("fc1", outputs: hidden, inputs: 4),
                                        fc2: try layer("fc2", outputs: hidden, inputs: hidden),
                                        fc3: try layer("fc3", outputs: 1, inputs: hidden))
        do {
            postProcessing = try InstanSegPostProcessing(parameters: parameters, probabilityNet: net)
        } catch {
            throw InstanSegError.malformedArchive(path: archive.path, reason: "\(error)")
        }
    }

    /// Instance labels of an interleaved 8-bit RGB image at the model's pixel size (0.5 µm/px).
    ///
    /// - Parameters:
    ///   - rgb: `width × height × 3` bytes, row-major, R G B.
    ///   - normalisation: the per-channel percentiles to map to 0 and 1 (the image's own for a single image,
    ///     the slide's for its tiles).
    ///   - workspace: the calling thread's buffers (a fresh one when nil).
    ///   - threads: worker threads of the network for this image (see `InstanSegNetwork.predict`).
    /// - Returns: labels 0 (background) and 1…`count`, numbered in the order of the model's own labels.
    /// - Throws: `InstanSegError.invalidInput` for a wrong buffer size or an image smaller than 64 px on a side
    ///   (the post-processing windows need 2 × 32 px).
    public func segment(rgb: [UInt8], width: Int, height: Int, normalisation: PercentileNormalization,
                        workspace: InstanSegWorkspace? = nil, threads: Int = 1) throws -> (labels: [Int32], count: Int) {
        guard width > 0, height > 0, rgb.count == width * height * 3, normalisation.lower.count == 3 else {
            throw InstanSegError.invalidInput("expected \(width) × \(height) RGB pixels (\(width * height * 3) bytes) and 3 percentile pairs, "
                                              + "got \(rgb.count) bytes and \(normalisation.lower.count) pairs")
        }
        let planes = normalisation.planes(interleaved: rgb, channels: 3)
        let output = try network.predict(planes, height: height, width: width, workspace: workspace, threads: threads)
        let image: InstanceLabelImage
        do {
            image = try postProcessing.labels(networkOutput: output.values, height: height, width: width)
        } catch {
            throw InstanSegError.invalidInput("\(error)")
        }
        return Self.consecutive(image.labels)
    }

    /// Renumbers labels 1…n in increasing order of the original numbers (0 stays background).
    static func consecutive(_ labels: [Int32]) -> (labels: [Int32], count: Int) {
        guard let top = labels.max(), top > 0 else { return (labels, 0) }
        var map = [Int32](repeating: 0, count: Int(top) + 1)
        for l in labels where l > 0 { map[Int(l)] = 1 }
        var next: Int32 = 0
        for l in 1...Int(top) where map[l] != 0 { next += 1; map[l] = next }
        return (labels.map { map[Int($0)] }, Int(next))
    }
}
