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

/// Evaluates the ProbabilityNet on a batch of pixels held as feature planes (structure of arrays), eight pixels
/// at a time in SIMD lanes. Every lane computes exactly what the scalar definition does.
final class ProbabilityNetEvaluator {
    private struct Shape {
        var inputs: Int
        var outputs: Int
        var weightOffset: Int
        var biasOffset: Int
    }

    let capacity: Int
    private let shapes: [Shape]
    private let parameters: UnsafeMutablePointer<Float>
    private let width: Int
    private let current: UnsafeMutablePointer<SIMD8<Float>>
    private let next: UnsafeMutablePointer<SIMD8<Float>>

    init(weights: ProbabilityNetWeights, capacity: Int) {
        let layers = [weights.fc1, weights.fc2, weights.fc3]
        self.capacity = capacity
        var shapes: [Shape] = []
        var values: [Float] = []
        for layer in layers {
            shapes.append(Shape(inputs: layer.inputs, outputs: layer.outputs, weightOffset: values.count,
                                biasOffset: values.count + layer.weight.count))
            values += layer.weight + layer.bias
        }
        self.shapes = shapes
        parameters = .allocate(capacity: values.count)
        parameters.initialize(from: values, count: values.count)
        width = layers.map { max($0.inputs, $0.outputs) }.max() ?? 1
        current = .allocate(capacity: width)
        next = .allocate(capacity: width)
        current.initialize(repeating: .zero, count: width)
        next.initialize(repeating: .zero, count: width)
    }

    deinit {
        parameters.deallocate()
        current.deallocate()
        next.deallocate()
    }

    /// `features` holds the input planes of `count` pixels (plane k at `k * capacity`). Writes each pixel's
    /// `σ(logit)` into `probabilities[0..<count]`.
    ///
    /// Each output is accumulated in input order with one rounding per product and per sum (no fused
    /// multiply–add), then the bias is added; ReLU follows the first two layers.
    func evaluate(features: UnsafePointer<Float>, count: Int, probabilities: UnsafeMutablePointer<Float>) {
        let inputs = shapes[0].inputs
        var start = 0
        while start < count {
            let lanes = min(8, count - start)
            for k in 0..<inputs {
                let plane = features + k * capacity + start
                if lanes == 8 {
                    current[k] = UnsafeRawPointer(plane).loadUnaligned(as: SIMD8<Float>.self)
                } else {
                    var v = SIMD8<Float>.zero
                    for l in 0..<lanes { v[l] = plane[l] }
                    current[k] = v
                }
            }
            let logits = forward()
            for l in 0..<lanes { probabilities[start + l] = Sigmoid.value(logits[l]) }
            start += 8
        }
    }

    @inline(__always)
    private func forward() -> SIMD8<Float> {
        var input = current, output = next
        for (index, shape) in shapes.enumerated() {
            let w = parameters + shape.weightOffset, b = parameters + shape.biasOffset
            let relu = index < shapes.count - 1
            for o in 0..<shape.outputs {
                let row = w + o * shape.inputs
                var acc = input[0] * row[0]
                for k in 1..<shape.inputs { acc = acc + input[k] * row[k] }
                acc = acc + b[o]
                output[o] = relu ? acc.replacing(with: 0, where: acc .< 0) : acc  // ReLU; NaN stays NaN as in torch.relu
            }
            swap(&input, &output)
        }
        return input[0]
    }
}
