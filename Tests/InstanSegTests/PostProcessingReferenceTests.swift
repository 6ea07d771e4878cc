import InstanSeg
import Testing

/// The Swift post-processing against PyTorch's, on network outputs PyTorch computed
/// (scripts/peers/instanseg_postprocess_reference.py; Fixtures/PostProcessing/manifest.json).
@Suite struct PostProcessingReferenceTests {
    typealias F = PostProcessingFixtures

    func run(_ name: String) throws -> (labels: InstanceLabelImage, torch: [Int32], c: F.Case) {
        let c = try #require(try F.manifest().cases[name])
        let output = try F.networkOutput(name, c)
        let post = try InstanSegPostProcessing(probabilityNet: try F.probabilityNet())
        let labels = try post.labels(networkOutput: output, height: c.height, width: c.width)
        return (labels, try F.torchLabels(name, c), c)
    }

    /// The authors' own test input: the same instances (every pixel set identical) as their shipped label image
    /// and as PyTorch's forward, which equal each other; the label numbers match too.
    @Test func authorsTestInputGivesTheShippedInstances() throws {
        let (ours, torch, c) = try run("authors_test_input")
        let shipped = try F.shippedLabels()
        #expect(shipped == torch, "the fixture should be PyTorch's forward, equal to the shipped labels")
        #expect(ours.seedCount == 338)
        #expect(ours.instanceCount == c.instances)
        let oursSets = F.instanceSets(ours.labels), shippedSets = F.instanceSets(shipped)
        #expect(oursSets.count == shippedSets.count)
        let extra = oursSets.subtracting(shippedSets).count, missing = shippedSets.subtracting(oursSets).count
        #expect(extra == 0 && missing == 0, "\(extra) instances the authors' output lacks, \(missing) of theirs we lack")
        let differing = zip(ours.labels, shipped).filter { $0 != $1 }.count
        #expect(differing == 0, "same instances and the same label numbers (merged seed numbers): \(differing) pixels differ")
    }

    /// A real H&E crop (StarDist's histo.jpg, 150 × 136 px, sides not multiples of 16): at least 99 % of
    /// PyTorch's instances matched at IoU ≥ 0.9 (and the other way round).
    @Test func stardistCropMatchesPyTorch() throws {
        let (ours, torch, c) = try run("stardist_he_crop")
        #expect(c.instances >= 30)
        let forward = F.matchedFraction(reference: torch, labels: ours.labels, iou: 0.9)
        let backward = F.matchedFraction(reference: ours.labels, labels: torch, iou: 0.9)
        #expect(forward.count == c.instances)
        #expect(forward.fraction >= 0.99, "\(forward) of PyTorch's instances matched")
        #expect(backward.fraction >= 0.99, "\(backward) of ours matched")
        let differing = zip(ours.labels, torch).filter { $0 != $1 }.count
        print("stardist_he_crop: \(ours.instanceCount) instances (PyTorch \(c.instances)), \(differing) pixels differ")
    }
}
