@testable import InstanSeg
import Testing

/// The pieces of the post-processing on hand-made arrays, each against the TorchScript rule written out literally.
@Suite struct PostProcessingPiecesTests {
    // MARK: - Peak local maxima

    /// The doc comment's example: (0, 2) ties with the earlier (0, 1), so only (0, 1) is a peak.
    @Test func peakTieGoesToTheFirstPixelInRowMajorOrder() {
        let peaks = PeakLocalMaxima.find(in: [1, 3, 3, 0, 2, 1], height: 2, width: 3, distance: 1, threshold: 0)
        #expect(peaks == [.init(y: 0, x: 1)])
    }

    @Test func peaksOnDiagonalTiesThresholdAndRowMajorOrder() {
        // 2 at (0,0) and (1,1) share every window: only the first. 5 at (3,3) is alone; 0.7 at (3,0) is a local
        // maximum but not > 0.7.
        let image: [Float] = [2, 1, 0, 0,
                              1, 2, 0, 0,
                              0, 0, 0, 0,
                              0.7, 0, 0, 5]
        #expect(PeakLocalMaxima.find(in: image, height: 4, width: 4, distance: 1, threshold: 0.7)
                == [.init(y: 0, x: 0), .init(y: 3, x: 3)])
        // With distance 0 every pixel is its own window: both 2s are peaks, in row-major order.
        #expect(PeakLocalMaxima.find(in: image, height: 4, width: 4, distance: 0, threshold: 1.5)
                == [.init(y: 0, x: 0), .init(y: 1, x: 1), .init(y: 3, x: 3)])
    }

    /// Against a literal max-pool with argmax (first maximum in row-major order), on random plateaus.
    @Test func peaksEqualALiteralMaxPoolOnRandomPlateaus() {
        var rng = SplitMix(seed: 7)
        for _ in 0..<50 {
            let (h, w) = (3 + Int(rng.next() % 9), 3 + Int(rng.next() % 9))
            let image = (0..<(h * w)).map { _ in Float(rng.next() % 4) / 3 }   // many ties
            let d = Int(rng.next() % 3)
            var expected: [PeakLocalMaxima.Peak] = []
            for y in 0..<h {
                for x in 0..<w {
                    var best = -Float.infinity, arg = -1
                    for yy in max(y - d, 0)..<min(y + d + 1, h) {
                        for xx in max(x - d, 0)..<min(x + d + 1, w) where image[yy * w + xx] > best {
                            best = image[yy * w + xx]
                            arg = yy * w + xx
                        }
                    }
                    if arg == y * w + x && best > 0.5 { expected.append(.init(y: y, x: x)) }
                }
            }
            #expect(PeakLocalMaxima.find(in: image, height: h, width: w, distance: d, threshold: 0.5) == expected)
        }
    }

    // MARK: - Flood fill and holes

    /// InstanSeg's flood_fill literally: dilate by a 3 × 3 max-pool, AND the mask, until stable or `n` times.
    static func literalFloodFill(mask: [Bool], seeds: [Bool], n: Int) -> [Bool] {
        var current = seeds
        for _ in 0..<n {
            var next = [Bool](repeating: false, count: n * n)
            for y in 0..<n {
                for x in 0..<n where mask[y * n + x] {
                    outer: for yy in max(y - 1, 0)...min(y + 1, n - 1) {
                        for xx in max(x - 1, 0)...min(x + 1, n - 1) where current[yy * n + xx] {
                            next[y * n + x] = true
                            break outer
                        }
                    }
                }
            }
            if next == current { return next }
            current = next
        }
        return current
    }

    func floodFill(_ mask: [Bool], sources: [Int], side: Int) -> [Bool] {
        let cleanup = WindowCleanup(side: side)
        var reached = [Bool](repeating: false, count: side * side)
        mask.withUnsafeBufferPointer { m in
            reached.withUnsafeMutableBufferPointer { cleanup.floodFill(mask: m.baseAddress!, sources: sources, reached: $0.baseAddress!) }
        }
        return reached
    }

    /// A serpentine 6 × 6 mask whose far end lies more than 6 steps from the seed: the fill stops after 6
    /// dilations, as the reference does, and a seed outside the mask still reaches its mask neighbours.
    @Test func floodFillStopsAfterSideIterationsAndStartsOutsideTheMask() {
        let rows = ["######",
                    ".....#",
                    "######",
                    "#.....",
                    "######",
                    "......"]
        let mask = rows.flatMap { $0.map { $0 == "#" } }
        var seeds = [Bool](repeating: false, count: 36)
        seeds[0] = true
        let expected = Self.literalFloodFill(mask: mask, seeds: seeds, n: 6)
        let ours = floodFill(mask, sources: [0], side: 6)
        #expect(ours == expected)
        #expect(ours[0] && ours[5] && !ours[4 * 6 + 5], "reaches the first row but not the end of the snake")
        // Seed at (1, 0), outside the mask: its mask neighbours (0,0), (0,1), (2,0), (2,1) start the fill.
        var outside = [Bool](repeating: false, count: 36)
        outside[6] = true
        let fromOutside = floodFill(mask, sources: [6], side: 6)
        #expect(fromOutside == Self.literalFloodFill(mask: mask, seeds: outside, n: 6))
        #expect(!fromOutside[6] && fromOutside[0] && fromOutside[12])
    }

    @Test func floodFillEqualsTheLiteralLoopOnRandomMasks() {
        var rng = SplitMix(seed: 11)
        for _ in 0..<100 {
            let n = 4 + Int(rng.next() % 13)
            let mask = (0..<(n * n)).map { _ in rng.next() % 100 < 60 }
            let sources = (0..<(1 + Int(rng.next() % 3))).map { _ in Int(rng.next() % UInt64(n * n)) }
            var seeds = [Bool](repeating: false, count: n * n)
            for s in sources { seeds[s] = true }
            #expect(floodFill(mask, sources: sources, side: n) == Self.literalFloodFill(mask: mask, seeds: seeds, n: n))
        }
    }

    /// A ring with a one-pixel hole, a second fragment, and low probability elsewhere: the fragment is
    /// dropped (0), the hole gets exactly the threshold, the ring keeps its probabilities.
    @Test func cleanupKeepsTheSeedComponentAndFillsItsHole() {
        let n = 12
        var p = [Float](repeating: 0.1, count: n * n)
        for y in 2...6 { for x in 2...6 where y == 2 || y == 6 || x == 2 || x == 6 || (y != 4 || x != 4) { p[y * n + x] = 0.9 } }
        p[4 * n + 4] = 0.2                                  // the hole
        p[10 * n + 10] = 0.95                               // a separate fragment
        let cleanup = WindowCleanup(side: n)
        var filled = [Bool](repeating: false, count: n * n), background = filled
        p.withUnsafeMutableBufferPointer { pp in
            filled.withUnsafeMutableBufferPointer { f in
                background.withUnsafeMutableBufferPointer { b in
                    cleanup.clean(probabilities: pp.baseAddress!, seed: 3 * n + 3, threshold: 0.53,
                                  filled: f.baseAddress!, background: b.baseAddress!)
                }
            }
        }
        #expect(p[4 * n + 4] == 0.53)
        #expect(p[10 * n + 10] == 0)
        #expect(p[2 * n + 2] == 0.9 && p[0] == 0)
        #expect(p.filter { $0 >= 0.53 }.count == 25)
    }

    /// The whole cleanup against the literal TorchScript sequence (flood_fill from the seed, fill_holes = flood
    /// the background from outside a 3-fold dilation, zero the rest, holes to the threshold) on random windows.
    @Test func cleanupEqualsTheLiteralSequenceOnRandomWindows() {
        var rng = SplitMix(seed: 5)
        for trial in 0..<200 {
            let n = 6 + Int(rng.next() % 20)
            let p = (0..<(n * n)).map { _ in Float(rng.next() % 1000) / 1000 }
            let seed = Int(rng.next() % UInt64(n * n))
            let threshold: Float = trial % 2 == 0 ? 0.3 : 0.53
            var seeds = [Bool](repeating: false, count: n * n)
            seeds[seed] = true
            let filled = Self.literalFloodFill(mask: p.map { $0 >= threshold }, seeds: seeds, n: n)
            var dilated = filled
            for _ in 0..<3 {
                var next = dilated
                for y in 0..<n { for x in 0..<n {
                    next[y * n + x] = (max(y - 1, 0)...min(y + 1, n - 1)).contains { yy in
                        (max(x - 1, 0)...min(x + 1, n - 1)).contains { dilated[yy * n + $0] } }
                } }
                dilated = next
            }
            let reached = Self.literalFloodFill(mask: filled.map { !$0 }, seeds: dilated.map { !$0 }, n: n)
            let expected = (0..<(n * n)).map { i in filled[i] ? p[i] : (reached[i] ? 0 : threshold) }
            var ours = p
            var scratchA = [Bool](repeating: false, count: n * n), scratchB = scratchA
            let cleanup = WindowCleanup(side: n)
            ours.withUnsafeMutableBufferPointer { o in
                scratchA.withUnsafeMutableBufferPointer { a in
                    scratchB.withUnsafeMutableBufferPointer { b in
                        cleanup.clean(probabilities: o.baseAddress!, seed: seed, threshold: threshold,
                                      filled: a.baseAddress!, background: b.baseAddress!)
                    }
                }
            }
            #expect(ours == expected, "trial \(trial), side \(n)")
        }
    }

    // MARK: - Overlap merging

    /// The doc comment's example, and 3 / 10 = 0.3 exactly, which is not > 0.3 in float32.
    @Test func intersectionOverMinimumAreaMergesAboveTheThresholdOnly() {
        let merged = OverlapMerging.mergedLabels(masks: [[0, 1, 2, 3], [2, 3, 4], [9]], pixelCount: 10, threshold: 0.3)
        #expect(merged == [1, 1, 3])
        let big: [Int32] = Array(0..<10), small: [Int32] = [0, 1, 2] + Array(20..<27)
        #expect(OverlapMerging.mergedLabels(masks: [big, small], pixelCount: 30, threshold: 0.3) == [1, 2])
        #expect(OverlapMerging.mergedLabels(masks: [big, small + [3]], pixelCount: 30, threshold: 0.3) == [1, 1])
    }

    /// A chain of 150 overlapping masks: the reference stops after 100 synchronous sweeps, so seed k keeps
    /// max(1, k − 100), not 1.
    @Test func componentsStopAfterOneHundredSweeps() {
        let masks = (0..<150).map { [Int32($0), Int32($0 + 1)] }
        let merged = OverlapMerging.mergedLabels(masks: masks, pixelCount: 151, threshold: 0.3)
        #expect(merged[0...100].allSatisfy { $0 == 1 })
        #expect(merged[101] == 2 && merged[149] == 50)
        #expect(OverlapMerging.mergedLabels(masks: Array(masks[0..<20]), pixelCount: 151, threshold: 0.3)
                == [Int32](repeating: 1, count: 20))
    }

    // MARK: - Coordinate map

    /// PyTorch 2.13's float32 linspace(0, n·64/256, n), bit for bit (the second half is end − step·k fused).
    @Test func linspaceMatchesPyTorchBits() {
        let cases: [(n: Int, i: Int, torch: Float)] = [(256, 161, 0x1.434342p+5), (256, 100, 0x1.919194p+4),
                                                       (1024, 544, 0x1.104412p+7), (150, 140, 0x1.19e112p+5),
                                                       (136, 70, 0x1.1a12f6p+4)]
        for c in cases { #expect(EmbeddingFields.linspace(count: c.n)[c.i] == c.torch, "n \(c.n), i \(c.i)") }
        #expect(EmbeddingFields.linspace(count: 256)[255] == 64)
        #expect(EmbeddingFields.linspace(count: 1) == [0])
    }

    // MARK: - Whole function

    @Test func noSeedsGiveBackgroundAndBadShapesThrow() throws {
        let net = try PostProcessingFixtures.probabilityNet()
        let post = try InstanSegPostProcessing(probabilityNet: net)
        let empty = try post.labels(networkOutput: [Float](repeating: 0, count: 5 * 64 * 64), height: 64, width: 64)
        #expect(empty.seedCount == 0 && empty.labels.allSatisfy { $0 == 0 })
        #expect(throws: InstanSegPostProcessingError.outputShape(values: 10, height: 64, width: 64)) {
            try post.labels(networkOutput: [Float](repeating: 0, count: 10), height: 64, width: 64)
        }
        #expect(throws: InstanSegPostProcessingError.imageTooSmall(height: 40, width: 80, windowSizePixels: 32)) {
            try post.labels(networkOutput: [Float](repeating: 0, count: 5 * 40 * 80), height: 40, width: 80)
        }
    }
}

/// A small deterministic generator for the randomized cases.
struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
