import Foundation
import Pipeline
import Testing
import TissueAnalysis

/// The quantifier on real stained tissue that ships inside installable packages (scikit-image's IHC image and
/// StarDist's H&E image; provenance, licences and hand counts in Fixtures/public/README.md), checked against
/// nucleus counts made by eye in a 128 × 128 px box.
@Suite struct PublicImageTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/public")

    struct Detection: Sendable { var x: Double, y: Double, dabPositive: Bool? }

    /// Every detected cell (level-0 pixels) of `file` quantified at 0.5 µm/px.
    static func detections(_ file: String, stain: QuantifyStain) throws -> [Detection] {
        let box = DetectionBox()
        _ = try SlideQuantifier(parameters: QuantifyParameters(stain: stain)).quantify(
            path: fixtures.appendingPathComponent(file).path, micronsPerPixel: 0.5,
            cells: { cells, downsample in
                box.add(cells.map { Detection(x: $0.nucleus.xPixels * downsample, y: $0.nucleus.yPixels * downsample,
                                              dabPositive: $0.dabPositive) })
            })
        return box.all
    }

    static func inside(_ d: [Detection], x: ClosedRange<Double>, y: ClosedRange<Double>) -> [Detection] {
        d.filter { x.contains($0.x) && y.contains($0.y) }
    }

    @Test func ihcGlandNucleiAreFoundAndDABPositive() throws {
        let all = try Self.detections("skimage_ihc_crop.tif", stain: .ihcDAB)
        let counted = Self.inside(all, x: 32...160, y: 32...160)
        // Hand count 17–24 nuclei in the box; allow a fifth more either way for where a centre falls.
        #expect((14...29).contains(counted.count), "detected \(counted.count) nuclei in the gland box, hand count 17–24")
        // The gland's epithelium has DAB on every membrane: at least three quarters of its cells must be positive.
        let positive = counted.filter { $0.dabPositive == true }.count
        #expect(counted.allSatisfy { $0.dabPositive != nil })
        #expect(Double(positive) >= 0.75 * Double(max(1, counted.count)), "\(positive) of \(counted.count) DAB-positive")
    }

    @Test func heTumorNucleiCountMatchesTheHandCount() throws {
        let all = try Self.detections("stardist_he.tif", stain: .he)
        let counted = Self.inside(all, x: 198...326, y: 88...216)
        // Hand count 20–26 nuclei in the box; allow a fifth more either way.
        #expect((16...31).contains(counted.count), "detected \(counted.count) nuclei in the H&E box, hand count 20–26")
        #expect(counted.allSatisfy { $0.dabPositive == nil })
        // Nuclei cover the whole image (densely packed tumour): ≥ 100 detections over its 0.0375 mm².
        #expect(all.count >= 100, "only \(all.count) nuclei in the whole H&E image")
    }
}

/// Collects detections from the quantifier's worker threads.
private final class DetectionBox: @unchecked Sendable {
    private let lock = NSLock()
    private var items: [PublicImageTests.Detection] = []
    func add(_ d: [PublicImageTests.Detection]) { lock.withLock { items += d } }
    var all: [PublicImageTests.Detection] { lock.withLock { items } }
}
