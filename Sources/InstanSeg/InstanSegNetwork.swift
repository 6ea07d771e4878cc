import COpenBLAS
import Foundation

/// The InstanSeg U-Net (`fcn` of the brightfield_nuclei TorchScript file), run natively on OpenBLAS.
///
/// Exactly the archive's graph (`code/__torch__/instanseg/utils/models/InstanSeg_UNet.py`): every
/// unit is conv → batch norm → ReLU (`convN` = 3×3 padding 1, `conv0`/`conv_skip` = 1×1), batch
/// norms folded into the convolutions (`FoldedConvolution`).
/// - Encoder block l (l = 0…3, 32/64/128/256 channels; block 0 without pooling):
///   `p = maxpool2(x)`, `a = conv0(p) + conv2(conv1(p))`, `out = a + conv4(conv3(a))`.
/// - Decoder block (256→128, 128→64, 64→32, with the encoder outputs of levels 2, 1, 0 as skips):
///   `u = upsample_nearest2(x)`, `b = conv1(u) + conv_skip(skip)`, `a = conv0(u) + conv2(b)`,
///   `out = a + conv4(conv3(a))`.
/// - Heads: three 1×1 conv → batch norm units without activation (2, 2 and 1 channels),
///   concatenated: coordinate offsets (channels 0–1), sigmas (2–3), seed logit (4).
///
/// Input handling is `InstanSeg_Torchscript.forward` before its post-processing: clamp to [−2, 3],
/// `_instanseg_padding(x, 0, 16, False)` (reflect padding at the bottom and right up to a multiple of
/// 16), the network, `_recover_padding` (crop back). Reference: Goldsborough et al., "InstanSeg: an
/// embedding-based instance segmentation algorithm optimized for accurate, efficient and portable
/// cell segmentation", arXiv 2408.15954 (2024).
///
/// Immutable and `Sendable`: one network serves many threads, each with its own `InstanSegWorkspace`.
public struct InstanSegNetwork: Sendable {
    /// Channels of encoder levels 0–3.
    public static let levelChannels = [32, 64, 128, 256]
    public static let inputChannels = 3
    /// Output channels: 2 coordinate offsets, 2 sigmas, 1 seed logit.
    public static let outputChannels = 5
    /// Inputs are reflect-padded to a multiple of this (four levels of 2× pooling).
    public static let sizeMultiple = 16
    /// The clamp applied to the normalised input (`torch.clamp` in `InstanSeg_Torchscript.forward`).
    public static let inputRange: ClosedRange<Float> = -2...3

    struct EncoderBlock: Sendable {
        var conv0, conv1, conv2, conv3, conv4: FoldedConvolution
    }

    struct DecoderBlock: Sendable {
        var conv0, convSkip, conv1, conv2, conv3, conv4: FoldedConvolution
    }

    let encoders: [EncoderBlock]
    /// `decoders[0]` is the deepest (256 → 128), as in the archive.
    let decoders: [DecoderBlock]
    let heads: FoldedConvolution

    /// Builds the network from the archive's `fcn.*` tensors, checking every name and shape.
    public init(archive: TorchScriptArchive) throws {
        let c = Self.levelChannels
        var encoders: [EncoderBlock] = []
        for level in 0..<4 {
            let p = "fcn.encoder.\(level)", cin = level == 0 ? Self.inputChannels : c[level - 1], cout = c[level]
            encoders.append(EncoderBlock(
                conv0: try FoldedConvolution(archive, "\(p).conv0", in: cin, out: cout, kernel: 1),
                conv1: try FoldedConvolution(archive, "\(p).conv1", in: cin, out: cout, kernel: 3),
                conv2: try FoldedConvolution(archive, "\(p).conv2", in: cout, out: cout, kernel: 3),
                conv3: try FoldedConvolution(archive, "\(p).conv3", in: cout, out: cout, kernel: 3),
                conv4: try FoldedConvolution(archive, "\(p).conv4", in: cout, out: cout, kernel: 3)))
        }
        var decoders: [DecoderBlock] = []
        for index in 0..<3 {
            let p = "fcn.decoders.0.decoder.\(index)", cin = c[3 - index], cout = c[2 - index]
            decoders.append(DecoderBlock(
                conv0: try FoldedConvolution(archive, "\(p).conv0", in: cin, out: cout, kernel: 1),
                convSkip: try FoldedConvolution(archive, "\(p).conv_skip", in: cout, out: cout, kernel: 1),
                conv1: try FoldedConvolution(archive, "\(p).conv1", in: cin, out: cout, kernel: 3),
                conv2: try FoldedConvolution(archive, "\(p).conv2", in: cout, out: cout, kernel: 3),
                conv3: try FoldedConvolution(archive, "\(p).conv3", in: cout, out: cout, kernel: 3),
                conv4: try FoldedConvolution(archive, "\(p).conv4", in: cout, out: cout, kernel: 3)))
        }
        let headParts = try zip(0..<3, [2, 2, 1]).map { index, channels in
            try FoldedConvolution(archive, "fcn.decoders.0.final_block.\(index)", in: c[0], out: channels, kernel: 1, relu: false)
        }
        self.encoders = encoders
        self.decoders = decoders
        self.heads = .stacked(headParts)
    }

    /// Reads the archive at `url` (checksum verified, see `TorchScriptArchive`) and builds the network.
    public init(contentsOf url: URL) throws {
        try self.init(archive: TorchScriptArchive(contentsOf: url))
    }

    /// Runs the network on one normalised image.
    ///
    /// - Parameters:
    ///   - image: `3 × height × width` Float32, channel-major (R plane, G plane, B plane), already
    ///     normalised (`PercentileNormalization`); values outside [−2, 3] are clamped.
    ///   - height, width: pixels; each at least 1 and, when not a multiple of 16, larger than the
    ///     padding to the next multiple (PyTorch's reflect padding needs that too).
    ///   - workspace: buffers reused across calls by one thread (a fresh one when nil).
    ///   - threads: worker threads (≥ 1). Bands of every convolution are shared among this many
    ///     workers, each calling single-threaded sgemm: OpenBLAS is set to one thread
    ///     (`openblas_set_num_threads(1)`, process-wide) so the total never exceeds `threads`.
    /// - Returns: `5 × height × width` Float32, channel-major.
    /// - Throws: `InstanSegError.invalidInput` for a wrong element count or an unpaddable size.
    public func predict(_ image: [Float], height: Int, width: Int, workspace: InstanSegWorkspace? = nil,
                        threads: Int = 1) throws -> InstanSegNetworkOutput {
        guard height > 0, width > 0, image.count == Self.inputChannels * height * width else {
            throw InstanSegError.invalidInput("expected 3 × \(height) × \(width) = \(3 * height * width) values, got \(image.count)")
        }
        let paddedHeight = Self.padded(height), paddedWidth = Self.padded(width)
        guard paddedHeight - height < height, paddedWidth - width < width else {
            throw InstanSegError.invalidInput("a \(width) × \(height) image cannot be reflect-padded to a multiple of 16 "
                                              + "(it needs at least \(paddedWidth - width + 1) × \(paddedHeight - height + 1) pixels)")
        }
        openblas_set_num_threads(1)
        let ws = workspace ?? InstanSegWorkspace()
        ws.prepare(height: paddedHeight, width: paddedWidth, workers: max(1, threads))
        image.withUnsafeBufferPointer { Self.clampAndPad($0.baseAddress!, height: height, width: width, into: ws) }
        forward(ws)
        return InstanSegNetworkOutput(cropping: ws.spare.pointer, paddedHeight: paddedHeight, paddedWidth: paddedWidth,
                                      height: height, width: width)
    }

    static func padded(_ size: Int) -> Int { (size + sizeMultiple - 1) / sizeMultiple * sizeMultiple }

    // MARK: - Forward pass

    /// Encoder, decoder and heads on `ws.input`; the 5 output planes end in `ws.spare`.
    private func forward(_ ws: InstanSegWorkspace) {
        let h = ws.paddedHeight, w = ws.paddedWidth
        var source = FeatureSource(base: ws.input.pointer, channels: Self.inputChannels, height: h, width: w, access: .direct)
        for (level, block) in encoders.enumerated() {
            encode(block, source, into: ws.skips[level].pointer, ws)
            source = FeatureSource(base: ws.skips[level].pointer, channels: Self.levelChannels[level],
                                   height: h >> level, width: w >> level, access: .maxPooled)
        }
        var below = FeatureSource(base: ws.skips[3].pointer, channels: Self.levelChannels[3], height: h >> 3, width: w >> 3, access: .direct)
        for (index, block) in decoders.enumerated() {
            let level = 2 - index
            decode(block, below, skipLevel: level, ws)
            below = FeatureSource(base: ws.skips[level].pointer, channels: Self.levelChannels[level],
                                  height: h >> level, width: w >> level, access: .direct)
        }
        ConvolutionKernel.run(heads, from: below, into: FeatureDestination(base: ws.spare.pointer, height: h, width: w),
                              scratch: ws.scratch)
    }

    /// `a = conv0(p) + conv2(conv1(p))`, `out = a + conv4(conv3(a))` with `a` and `out` in `output`.
    private func encode(_ b: EncoderBlock, _ p: FeatureSource, into output: UnsafeMutablePointer<Float>, _ ws: InstanSegWorkspace) {
        let h = p.viewHeight, w = p.viewWidth, c = b.conv0.outChannels, s = ws.scratch
        let out = FeatureDestination(base: output, height: h, width: w)
        var add = out
        add.accumulate = true
        let spare = FeatureDestination(base: ws.spare.pointer, height: h, width: w)
        let outView = FeatureSource(base: output, channels: c, height: h, width: w, access: .direct)
        let spareView = FeatureSource(base: ws.spare.pointer, channels: c, height: h, width: w, access: .direct)
        ConvolutionKernel.run(b.conv0, from: p, into: out, scratch: s)
        ConvolutionKernel.run(b.conv1, from: p, into: spare, scratch: s)
        ConvolutionKernel.run(b.conv2, from: spareView, into: add, scratch: s)
        ConvolutionKernel.run(b.conv3, from: outView, into: spare, scratch: s)
        ConvolutionKernel.run(b.conv4, from: spareView, into: add, scratch: s)
    }

    /// `b = conv1(up(x)) + conv_skip(skip)`, `a = conv0(up(x)) + conv2(b)`, `out = a + conv4(conv3(a))`.
    /// `a` and `out` overwrite the skip's buffer once `conv_skip` has read it; `b` lives in the spare buffer.
    /// Sums are formed in the archive's order, so only the convolutions' own rounding differs.
    private func decode(_ b: DecoderBlock, _ below: FeatureSource, skipLevel level: Int, _ ws: InstanSegWorkspace) {
        let h = below.height * 2, w = below.width * 2, c = b.conv1.outChannels, s = ws.scratch
        let skipBuffer = ws.skips[level].pointer
        let up = FeatureSource(base: below.base, channels: below.channels, height: below.height, width: below.width, access: .upsampled)
        let skipView = FeatureSource(base: skipBuffer, channels: c, height: h, width: w, access: .direct)
        let spareView = FeatureSource(base: ws.spare.pointer, channels: c, height: h, width: w, access: .direct)
        let spare = FeatureDestination(base: ws.spare.pointer, height: h, width: w)
        var spareAdd = spare
        spareAdd.accumulate = true
        let out = FeatureDestination(base: skipBuffer, height: h, width: w)
        var outAdd = out
        outAdd.accumulate = true
        var outUpsampled = out
        outUpsampled.upsampled = true

        ConvolutionKernel.run(b.conv1, from: up, into: spare, scratch: s)
        ConvolutionKernel.run(b.convSkip, from: skipView, into: spareAdd, scratch: s)
        ConvolutionKernel.run(b.conv0, from: below, into: outUpsampled, scratch: s)
        ConvolutionKernel.run(b.conv2, from: spareView, into: outAdd, scratch: s)
        ConvolutionKernel.run(b.conv3, from: skipView, into: spare, scratch: s)
        ConvolutionKernel.run(b.conv4, from: spareView, into: outAdd, scratch: s)
    }

    /// Clamps to [−2, 3] and reflect-pads (bottom and right, edge not repeated) into `ws.input`.
    private static func clampAndPad(_ image: UnsafePointer<Float>, height: Int, width: Int, into ws: InstanSegWorkspace) {
        let ph = ws.paddedHeight, pw = ws.paddedWidth, lo = inputRange.lowerBound, hi = inputRange.upperBound
        for c in 0..<inputChannels {
            let plane = image + c * height * width, out = ws.input.pointer + c * ph * pw
            for y in 0..<ph {
                let sy = y < height ? y : 2 * (height - 1) - y
                let src = plane + sy * width, dst = out + y * pw
                for x in 0..<pw {
                    let sx = x < width ? x : 2 * (width - 1) - x
                    dst[x] = min(max(src[sx], lo), hi)
                }
            }
        }
    }
}
