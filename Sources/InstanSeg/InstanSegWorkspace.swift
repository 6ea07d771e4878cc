import Foundation

/// The buffers one `InstanSegNetwork.predict` call works in, kept between calls so that a thread
/// running tile after tile allocates once.
///
/// For a padded tile of P pixels it holds the padded input (3 P floats), the encoder outputs of the
/// four levels (32 P, 64 P/4, 128 P/16, 256 P/64 floats, reused by the decoder), one spare map
/// (32 P): about 380 bytes per pixel; plus the convolution scratch, about 45 MiB per worker thread.
/// Measured for a 1024 × 1024 tile: 426 MiB with one worker, 473 MiB with two. Not thread-safe:
/// one workspace per calling thread (its workers are managed inside `predict`).
public final class InstanSegWorkspace {
    private(set) var paddedHeight = 0
    private(set) var paddedWidth = 0
    let input = ScratchBuffer()
    let skips = (0..<4).map { _ in ScratchBuffer() }
    let spare = ScratchBuffer()
    /// One per worker thread.
    private(set) var scratch = [ConvolutionScratch()]

    public init() {}

    /// Bytes currently allocated.
    public var allocatedBytes: Int {
        (input.count + skips.reduce(0) { $0 + $1.count } + spare.count + scratch.reduce(0) { $0 + $1.count }) * MemoryLayout<Float>.stride
    }

    /// Grows the buffers for a padded size (multiples of 16) and `workers` threads; never shrinks them.
    func prepare(height: Int, width: Int, workers: Int) {
        while scratch.count < workers { scratch.append(ConvolutionScratch()) }
        if scratch.count > workers { scratch.removeLast(scratch.count - workers) }
        paddedHeight = height
        paddedWidth = width
        let pixels = height * width
        input.reserve(InstanSegNetwork.inputChannels * pixels)
        for (level, buffer) in skips.enumerated() {
            buffer.reserve(InstanSegNetwork.levelChannels[level] * (pixels >> (2 * level)))
        }
        spare.reserve(max(InstanSegNetwork.levelChannels[0], InstanSegNetwork.outputChannels) * pixels)
    }
}

/// The network's raw output for one image: 5 planes of `height × width` Float32, channel-major.
///
/// Channels 0–1 are the coordinate offsets (`dim_coords`), 2–3 the sigmas (`n_sigma`), 4 the seed
/// logit (`dim_seeds`), exactly as `model.fcn` returns them (no activation applied).
public struct InstanSegNetworkOutput: Sendable {
    public let height: Int
    public let width: Int
    public let values: [Float]

    public init(height: Int, width: Int, values: [Float]) {
        precondition(values.count == InstanSegNetwork.outputChannels * height * width, "5 × height × width values expected")
        self.height = height
        self.width = width
        self.values = values
    }

    /// `_recover_padding`: the top-left `height × width` of each padded plane.
    init(cropping padded: UnsafePointer<Float>, paddedHeight: Int, paddedWidth: Int, height: Int, width: Int) {
        var values = [Float](repeating: 0, count: InstanSegNetwork.outputChannels * height * width)
        values.withUnsafeMutableBufferPointer { out in
            for c in 0..<InstanSegNetwork.outputChannels {
                for y in 0..<height {
                    memcpy(out.baseAddress! + (c * height + y) * width, padded + (c * paddedHeight + y) * paddedWidth,
                           width * MemoryLayout<Float>.stride)
                }
            }
        }
        self.init(height: height, width: width, values: values)
    }
}
