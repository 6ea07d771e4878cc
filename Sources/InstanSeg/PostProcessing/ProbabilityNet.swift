/// The weights of InstanSeg's `ProbabilityNet`, the pixel classifier that turns a pixel's embedding relative
/// to a seed into the probability that the pixel belongs to that seed's instance.
///
/// Definition (TorchScript `ProbabilityNet.forward`, then `sigmoid` in the caller):
/// `p = σ(fc3(relu(fc2(relu(fc1(x))))))`, each `fc(x) = W·x + b` as in `torch.nn.Linear`, with `W` stored
/// row-major as `outputs × inputs`. For brightfield_nuclei the shapes are 4 → 5 → 5 → 1; the input is
/// `[fx − cx, fy − cy, σ0, σ1]` (see ``InstanSegPostProcessing``).
public struct ProbabilityNetWeights: Sendable, Hashable, Codable {
    /// One fully connected layer: `weight` is `outputs × inputs`, row-major; `bias` has `outputs` values.
    public struct Layer: Sendable, Hashable, Codable {
        public var outputs: Int
        public var inputs: Int
        public var weight: [Float]
        public var bias: [Float]

        public init(outputs: Int, inputs: Int, weight: [Float], bias: [Float]) {
            self.outputs = outputs
            self.inputs = inputs
            self.weight = weight
            self.bias = bias
        }
    }

    public var fc1: Layer
    public var fc2: Layer
    public var fc3: Layer

    public init(fc1: Layer, fc2: Layer, fc3: Layer) {
        self.fc1 = fc1
        self.fc2 = fc2
        self.fc3 = fc3
    }

    /// Throws unless the layers chain `inputs → … → 1` with consistent array sizes.
    func validate(inputs expected: Int) throws {
        var width = expected
        for (name, layer) in [("fc1", fc1), ("fc2", fc2), ("fc3", fc3)] {
            guard layer.inputs == width, layer.outputs > 0, layer.weight.count == layer.outputs * layer.inputs,
                  layer.bias.count == layer.outputs else {
                throw InstanSegPostProcessingError.probabilityNetShape(
                    layer: name, outputs: layer.outputs, inputs: layer.inputs, weights: layer.weight.count,
                    biases: layer.bias.count, expectedInputs: width)
            }
            width = layer.outputs
        }
        guard width == 1 else {
            throw InstanSegPostProcessingError.probabilityNetShape(
                layer: "fc3", outputs: fc3.outputs, inputs: fc3.inputs, weights: fc3.weight.count,
                biases: fc3.bias.count, expectedInputs: fc3.inputs)
        }
    }
}

/// Evaluates the ProbabilityNet on a batch of pixels held as feature planes (structure of arrays), so the
/// loops over pixels vectorise. The scratch planes are allocated once and reused for every window.
struct ProbabilityNetEvaluator {
    private let layers: [ProbabilityNetWeights.Layer]
    let capacity: Int
    /// Every layer's output planes, layer after layer; plane o of layer l at `(offsets[l] + o) * capacity`.
    private var scratch: [Float]
    private let offsets: [Int]

    init(weights: ProbabilityNetWeights, capacity: Int) {
        layers = [weights.fc1, weights.fc2, weights.fc3]
        self.capacity = capacity
        var offsets: [Int] = []
        var total = 0
        for layer in layers {
            offsets.append(total)
            total += layer.outputs
        }
        self.offsets = offsets
        scratch = [Float](repeating: 0, count: total * capacity)
    }

    /// `features` holds the input planes of `count` pixels (plane k at `k * capacity`). Writes each pixel's
    /// `σ(logit)` into `probabilities[0..<count]`.
    ///
    /// Each output is accumulated in input order with one rounding per product and per sum (no fused
    /// multiply–add), then the bias is added; ReLU follows the first two layers.
    mutating func evaluate(features: UnsafePointer<Float>, count: Int, probabilities: UnsafeMutablePointer<Float>) {
        let capacity = capacity
        scratch.withUnsafeMutableBufferPointer { planes in
            let base = planes.baseAddress!
            for (index, layer) in layers.enumerated() {
                let input = index == 0 ? features : UnsafePointer(base + offsets[index - 1] * capacity)
                let output = base + offsets[index] * capacity
                let relu = index < layers.count - 1
                layer.weight.withUnsafeBufferPointer { w in
                    for o in 0..<layer.outputs {
                        let dst = output + o * capacity
                        let w0 = w[o * layer.inputs]
                        for n in 0..<count { dst[n] = input[n] * w0 }
                        for k in 1..<layer.inputs {
                            let wk = w[o * layer.inputs + k]
                            let src = input + k * capacity
                            for n in 0..<count { dst[n] = dst[n] + src[n] * wk }
                        }
                        let b = layer.bias[o]
                        if relu {
                            for n in 0..<count { dst[n] = max(dst[n] + b, 0) }
                        } else {
                            for n in 0..<count { dst[n] = dst[n] + b }
                        }
                    }
                }
            }
            let logits = base + offsets[layers.count - 1] * capacity
            for n in 0..<count { probabilities[n] = Sigmoid.value(logits[n]) }
        }
    }
}
