/// An instance label image: `labels[y * width + x]` is 0 for background, otherwise an instance's label.
public struct InstanceLabelImage: Sendable, Hashable {
    public var width: Int
    public var height: Int
    public var labels: [Int32]
    /// Seeds found before merging (one per window evaluated).
    public var seedCount: Int

    public init(width: Int, height: Int, labels: [Int32], seedCount: Int) {
        self.width = width
        self.height = height
        self.labels = labels
        self.seedCount = seedCount
    }

    /// Distinct non-zero labels.
    public var instanceCount: Int { Set(labels).subtracting([0]).count }
}

/// Errors of the InstanSeg post-processing. Messages name shapes and sizes only.
public enum InstanSegPostProcessingError: Error, Equatable, CustomStringConvertible {
    case outputShape(values: Int, height: Int, width: Int)
    case imageTooSmall(height: Int, width: Int, windowSizePixels: Int)
    case invalidParameters(String)
    case probabilityNetShape(layer: String, outputs: Int, inputs: Int, weights: Int, biases: Int, expectedInputs: Int)

    public var description: String {
        switch self {
        case let .outputShape(values, height, width):
            return "the network output holds \(values) values; 5 × \(height) × \(width) = \(5 * height * width) "
                + "expected (channels: 2 offsets, 2 sigma, 1 seed, after the padding is removed)"
        case let .imageTooSmall(height, width, window):
            return "a \(width) × \(height) px image is smaller than one \(2 * window) px window on a side; "
                + "pad the tile to at least \(2 * window) × \(2 * window) px before running InstanSeg"
        case let .invalidParameters(what):
            return "invalid InstanSeg post-processing parameters: \(what)"
        case let .probabilityNetShape(layer, outputs, inputs, weights, biases, expected):
            return "ProbabilityNet layer \(layer) is \(outputs) × \(inputs) with \(weights) weights and \(biases) "
                + "biases; \(expected) inputs and outputs × inputs weights expected, ending in 1 output"
        }
    }
}

/// InstanSeg's post-processing (Goldsborough et al. 2024, arXiv 2408.15954), exactly as the TorchScript
/// `InstanSeg_Torchscript.forward` of brightfield_nuclei 0.1.1 computes it after the network: from the network's
/// 5 × H × W output to an instance label image.
///
/// Definition, with `o` the output (channels: x and y offsets, two sigma, seed logits) and `w` =
/// `windowSizePixels` (limited to H and W):
/// 1. Seed map `m = o₄ / 15 + 0.5`; seeds are ``PeakLocalMaxima`` of `m` with distance `peakDistancePixels`
///    and values > `seedThreshold`, in row-major order, numbered 1, 2, ….
/// 2. Embedding `f = (σ(o₀,₁) − 0.5) · 8 + (X, Y)` with the coordinate map `X = linspace(0, W·64/256, W)` along
///    columns and `Y = linspace(0, H·64/256, H)` along rows (PyTorch's float32 `linspace`, bit for bit);
///    a seed's centre `c = f(seed)`.
/// 3. Each seed's window is the 2w × 2w square centred on the seed clamped to `[w, H − w] × [w, W − w]`; each
///    window pixel gets `p = σ(ProbabilityNet([f − c, o₂, o₃]))`.
/// 4. With `cleanupFragments`, a window keeps only the pixels connected to its seed (see ``WindowCleanup``),
///    its holes get `p = maskThreshold`, the rest `p = 0`.
/// 5. Each image pixel takes the seed whose window gives it the highest `p ≥ maskThreshold`; ties go to the
///    lower seed number (`convert`: a stable sort by descending p, then a stable sort by pixel).
/// 6. Seeds whose masks `{p ≥ maskThreshold}` overlap are merged (``OverlapMerging``); an instance keeps the
///    smallest seed number of its group, so labels are seed numbers and need not be consecutive.
///
/// Exactness: seeds, windows, clamps, ties, the iteration limits of the flood fills (window side) and of the
/// merging (100 sweeps) and the float32 threshold comparisons follow the TorchScript code. Two things may differ
/// in the last bit: the sigmoid (glibc `expf` here, PyTorch's vectorised SLEEF `exp` there; 1 ulp on ~4 % of
/// values) and the ProbabilityNet's summation order (PyTorch's sgemm), so a probability within an ulp of
/// `maskThreshold`, or of a tie, could flip a pixel. On the authors' test input, a StarDist H&E crop and a
/// 1024² tile no pixel differs from PyTorch.
///
/// Returns the label image; throws ``InstanSegPostProcessingError`` on a wrong output size or an image
/// smaller than a window (where the reference indexes outside the image). No seeds → all background.
public struct InstanSegPostProcessing: Sendable {
    public var parameters: InstanSegPostProcessingParameters
    public var probabilityNet: ProbabilityNetWeights

    /// The network's output channels this post-processing reads: 2 offsets, 2 sigma, 1 seed map.
    public static let outputChannels = InstanSegNetwork.outputChannels
    static let featureCount = 4

    public init(parameters: InstanSegPostProcessingParameters = .brightfieldNuclei,
                probabilityNet: ProbabilityNetWeights) throws {
        try probabilityNet.validate(inputs: Self.featureCount)
        guard parameters.windowSizePixels >= 1, parameters.peakDistancePixels >= 0 else {
            throw InstanSegPostProcessingError.invalidParameters(
                "windowSizePixels must be ≥ 1 and peakDistancePixels ≥ 0")
        }
        self.parameters = parameters
        self.probabilityNet = probabilityNet
    }

    /// Labels from the network's output `output` (5 planes of `height × width` float32, channel-major,
    /// row-major, padding already removed).
    public func labels(networkOutput output: [Float], height: Int, width: Int) throws -> InstanceLabelImage {
        guard height > 0, width > 0, output.count == Self.outputChannels * height * width else {
            throw InstanSegPostProcessingError.outputShape(values: output.count, height: height, width: width)
        }
        let w = min(parameters.windowSizePixels, height, width)
        guard height >= 2 * w, width >= 2 * w else {
            throw InstanSegPostProcessingError.imageTooSmall(height: height, width: width,
                                                            windowSizePixels: parameters.windowSizePixels)
        }
        let fields = EmbeddingFields(networkOutput: output, height: height, width: width)
        let seeds = PeakLocalMaxima.find(in: fields.seedMap, height: height, width: width,
                                         distance: parameters.peakDistancePixels, threshold: parameters.seedThreshold)
        guard !seeds.isEmpty else {
            return InstanceLabelImage(width: width, height: height, labels: [Int32](repeating: 0, count: height * width),
                                      seedCount: 0)
        }
        var windows = WindowEvaluation(fields: fields, probabilityNet: probabilityNet, halfSide: w,
                                       parameters: parameters)
        let perSeed = windows.run(seeds: seeds)
        let merged = OverlapMerging.mergedLabels(masks: perSeed.masks, pixelCount: height * width,
                                                 threshold: parameters.overlapThreshold)
        let labels = perSeed.winners.map { $0 == 0 ? 0 : merged[Int($0) - 1] }
        return InstanceLabelImage(width: width, height: height, labels: labels, seedCount: seeds.count)
    }
}
