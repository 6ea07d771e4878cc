/// One `Conv2d → BatchNorm2d (→ ReLU)` unit of the network with the batch norm folded into the
/// convolution at load time.
///
/// Batch norm in evaluation mode is an affine map per output channel c:
/// `bn(z) = γ_c (z − μ_c) / √(σ²_c + ε) + β_c` with ε = 1e-5 (the archive's `torch.batch_norm`
/// call). With `s_c = γ_c / √(σ²_c + ε)` the unit equals a convolution with weights `s_c · W_c`
/// and bias `s_c (b_c − μ_c) + β_c`, computed here in double precision and stored as Float.
struct FoldedConvolution: Sendable {
    let inChannels: Int
    let outChannels: Int
    /// 1 or 3 (3×3 convolutions use zero padding 1, as the archive's `_convolution` calls say).
    let kernelSize: Int
    /// Row-major `outChannels × (inChannels · k · k)`, columns ordered (input channel, ky, kx) as PyTorch stores them.
    let weights: [Float]
    let bias: [Float]
    /// Whether a ReLU follows the batch norm (every unit but the three output heads).
    let relu: Bool
    /// The Winograd F(4×4, 3×3) transform of the weights (`WinogradKernel`), for 3×3 units with at
    /// least `winogradMinimumInputs` input channels; nil for the others, which use im2col.
    let winograd: [Float]?

    /// Below this many input channels the 36 small products of Winograd cost more than they save.
    static let winogradMinimumInputs = 16

    static let batchNormEpsilon = 1e-5

    var columns: Int { inChannels * kernelSize * kernelSize }

    /// Reads `<prefix>.0.weight`, `<prefix>.0.bias` (the convolution) and `<prefix>.1.{weight, bias,
    /// running_mean, running_var}` (its batch norm) from the archive.
    init(_ archive: TorchScriptArchive, _ prefix: String, in inChannels: Int, out outChannels: Int, kernel: Int, relu: Bool = true) throws {
        let w = try archive.tensor("\(prefix).0.weight", shape: [outChannels, inChannels, kernel, kernel]).values
        let b = try archive.tensor("\(prefix).0.bias", shape: [outChannels]).values
        let gamma = try archive.tensor("\(prefix).1.weight", shape: [outChannels]).values
        let beta = try archive.tensor("\(prefix).1.bias", shape: [outChannels]).values
        let mean = try archive.tensor("\(prefix).1.running_mean", shape: [outChannels]).values
        let variance = try archive.tensor("\(prefix).1.running_var", shape: [outChannels]).values
        self.init(inChannels: inChannels, outChannels: outChannels, kernelSize: kernel, weights: w, bias: b,
                  gamma: gamma, beta: beta, mean: mean, variance: variance, relu: relu)
    }

    init(inChannels: Int, outChannels: Int, kernelSize: Int, weights w: [Float], bias b: [Float],
         gamma: [Float], beta: [Float], mean: [Float], variance: [Float], relu: Bool) {
        self.inChannels = inChannels
        self.outChannels = outChannels
        self.kernelSize = kernelSize
        self.relu = relu
        let k = inChannels * kernelSize * kernelSize
        var weights = [Float](repeating: 0, count: outChannels * k)
        var bias = [Float](repeating: 0, count: outChannels)
        for c in 0..<outChannels {
            let scale = Double(gamma[c]) / (Double(variance[c]) + Self.batchNormEpsilon).squareRoot()
            for j in 0..<k { weights[c * k + j] = Float(Double(w[c * k + j]) * scale) }
            bias[c] = Float((Double(b[c]) - Double(mean[c])) * scale + Double(beta[c]))
        }
        self.weights = weights
        self.bias = bias
        winograd = kernelSize == 3 && inChannels >= Self.winogradMinimumInputs
            ? WinogradKernel.transformWeights(weights, outChannels: outChannels, inChannels: inChannels) : nil
    }

    /// The three output heads (1×1, no activation) stacked into one unit whose output channels are
    /// the heads' channels in order.
    static func stacked(_ parts: [FoldedConvolution]) -> FoldedConvolution {
        FoldedConvolution(inChannels: parts[0].inChannels, outChannels: parts.map(\.outChannels).reduce(0, +),
                          kernelSize: parts[0].kernelSize, weights: parts.flatMap(\.weights), bias: parts.flatMap(\.bias),
                          relu: parts[0].relu)
    }

    private init(inChannels: Int, outChannels: Int, kernelSize: Int, weights: [Float], bias: [Float], relu: Bool) {
        self.inChannels = inChannels
        self.outChannels = outChannels
        self.kernelSize = kernelSize
        self.weights = weights
        self.bias = bias
        self.relu = relu
        winograd = nil
    }
}
