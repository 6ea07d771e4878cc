/// Steps 3–5 of ``InstanSegPostProcessing``: each seed's window through the ProbabilityNet and the cleanup,
/// the per-pixel winner (`convert`) and each seed's mask for the overlap merging.
struct WindowEvaluation {
    let fields: EmbeddingFields
    let halfSide: Int
    let parameters: InstanSegPostProcessingParameters
    private let net: ProbabilityNetEvaluator
    private let cleanup: WindowCleanup

    struct Result {
        /// Per image pixel the winning 1-based seed number, 0 where no window reaches `maskThreshold`.
        var winners: [Int32]
        /// Per seed the image pixels of its window with `p ≥ maskThreshold` after cleanup.
        var masks: [[Int32]]
    }

    init(fields: EmbeddingFields, probabilityNet: ProbabilityNetWeights, halfSide: Int,
         parameters: InstanSegPostProcessingParameters) {
        self.fields = fields
        self.halfSide = halfSide
        self.parameters = parameters
        let side = 2 * halfSide
        net = ProbabilityNetEvaluator(weights: probabilityNet, capacity: side * side)
        cleanup = WindowCleanup(side: side)
    }

    mutating func run(seeds: [PeakLocalMaxima.Peak]) -> Result {
        let (h, w) = (fields.height, fields.width)
        let side = 2 * halfSide, area = side * side
        let threshold = parameters.maskThreshold
        var best = [Float](repeating: 0, count: h * w)
        var winners = [Int32](repeating: 0, count: h * w)
        var masks: [[Int32]] = []
        masks.reserveCapacity(seeds.count)
        var features = [Float](repeating: 0, count: ProbabilityNetWeights.inputsPerPixel * area)
        var probabilities = [Float](repeating: 0, count: area)
        var filled = [Bool](repeating: false, count: area)
        var background = [Bool](repeating: false, count: area)
        for (index, seed) in seeds.enumerated() {
            // Window top-left: the seed clamped to [w, H − w] × [w, W − w], minus w.
            let top = min(max(seed.y, halfSide), h - halfSide) - halfSide
            let left = min(max(seed.x, halfSide), w - halfSide) - halfSide
            let centre = seed.y * w + seed.x
            let cx = fields.fieldX[centre], cy = fields.fieldY[centre]
            features.withUnsafeMutableBufferPointer { f in
                for i in 0..<side {
                    let row = (top + i) * w + left
                    for j in 0..<side {
                        let k = i * side + j, p = row + j
                        f[k] = fields.fieldX[p] - cx
                        f[area + k] = fields.fieldY[p] - cy
                        f[2 * area + k] = fields.sigma0[p]
                        f[3 * area + k] = fields.sigma1[p]
                    }
                }
            }
            features.withUnsafeBufferPointer { f in
                probabilities.withUnsafeMutableBufferPointer { p in
                    net.evaluate(features: f.baseAddress!, count: area, probabilities: p.baseAddress!)
                }
            }
            if parameters.cleanupFragments {
                let seedInWindow = (seed.y - top) * side + (seed.x - left)
                probabilities.withUnsafeMutableBufferPointer { p in
                    filled.withUnsafeMutableBufferPointer { fl in
                        background.withUnsafeMutableBufferPointer { bg in
                            cleanup.clean(probabilities: p.baseAddress!, seed: seedInWindow, threshold: threshold,
                                          filled: fl.baseAddress!, background: bg.baseAddress!)
                        }
                    }
                }
            }
            var mask: [Int32] = []
            let label = Int32(index + 1)
            for i in 0..<side {
                let row = (top + i) * w + left
                for j in 0..<side {
                    let p = probabilities[i * side + j]
                    guard p >= threshold else { continue }
                    let pixel = row + j
                    mask.append(Int32(pixel))
                    // Strictly greater: on equal probabilities the lower seed number, seen first, stays.
                    if winners[pixel] == 0 || p > best[pixel] {
                        best[pixel] = p
                        winners[pixel] = label
                    }
                }
            }
            masks.append(mask)
        }
        return Result(winners: winners, masks: masks)
    }
}

extension ProbabilityNetWeights {
    /// `[fx − cx, fy − cy, σ0, σ1]`.
    static let inputsPerPixel = 4
}
