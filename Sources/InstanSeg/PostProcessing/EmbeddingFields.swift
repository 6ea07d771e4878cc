import Foundation

/// The logistic function in single precision, `1 / (1 + exp(−x))`, as PyTorch's scalar CPU kernel spells it.
enum Sigmoid {
    @inline(__always)
    static func value(_ x: Float) -> Float {
        1 / (1 + Foundation.exp(-x))
    }
}

/// The per-pixel planes InstanSeg's post-processing reads from the network's 5 × H × W output:
/// channel 0–1 offsets, 2–3 sigma, 4 seed logits (brightfield_nuclei: dim_coords 2, n_sigma 2, dim_seeds 1).
struct EmbeddingFields {
    let height: Int
    let width: Int
    /// `fields0 = (σ(offset) − 0.5) · 8 + coordinate map`: plane 0 along x (columns), plane 1 along y (rows).
    var fieldX: [Float]
    var fieldY: [Float]
    /// The two sigma channels, unchanged.
    var sigma0: [Float]
    var sigma1: [Float]
    /// `seed channel / 15 + 0.5`.
    var seedMap: [Float]

    init(networkOutput output: [Float], height: Int, width: Int) {
        self.height = height
        self.width = width
        let plane = height * width
        let xs = Self.linspace(count: width)
        let ys = Self.linspace(count: height)
        var fieldX = [Float](repeating: 0, count: plane)
        var fieldY = [Float](repeating: 0, count: plane)
        var seedMap = [Float](repeating: 0, count: plane)
        output.withUnsafeBufferPointer { out in
            for y in 0..<height {
                for x in 0..<width {
                    let i = y * width + x
                    fieldX[i] = (Sigmoid.value(out[i]) - 0.5) * 8 + xs[x]
                    fieldY[i] = (Sigmoid.value(out[plane + i]) - 0.5) * 8 + ys[y]
                    seedMap[i] = out[4 * plane + i] / 15 + 0.5
                }
            }
        }
        self.fieldX = fieldX
        self.fieldY = fieldY
        sigma0 = Array(output[(2 * plane)..<(3 * plane)])
        sigma1 = Array(output[(3 * plane)..<(4 * plane)])
        self.seedMap = seedMap
    }

    /// `torch.linspace(0, n · 64 / 256, n)` in float32 as PyTorch's CPU kernel computes it: step =
    /// end / (n − 1); the first half `step · i`, the second half `end − step · (n − 1 − i)` with one rounding
    /// (the kernel's compiled fused multiply–add). Checked against PyTorch 2.13 for every n < 300 and
    /// 500, 512, 777, 1000, 1024, 1500, 2048, 4096.
    static func linspace(count n: Int) -> [Float] {
        guard n > 1 else { return [Float](repeating: 0, count: n) }
        let end = Float(Double(n) * 64 / 256)
        let step = end / Float(n - 1)
        let halfway = n / 2
        return (0..<n).map { i in
            i < halfway ? step * Float(i) : end.addingProduct(-step, Float(n - 1 - i))
        }
    }
}
