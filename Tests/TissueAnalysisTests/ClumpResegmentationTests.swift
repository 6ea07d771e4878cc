import Foundation
import Testing
@testable import TissueAnalysis

/// Two pale nuclei joined through hematoxylin-stained cytoplasm into one object larger than any nucleus:
/// the clump is split at its own Otsu level into the two nuclei instead of being dropped.
@Suite struct ClumpResegmentationTests {
    /// Discs of radius 12 px at (25, 25) and (55, 25) with OD 0.35 on a cytoplasm bridge of OD 0.2
    /// (x 25…55, y 15…35); the whole union is object 1.
    func clump() -> (labels: [Int32], smoothed: [Float], width: Int, height: Int) {
        let w = 80, h = 50
        var labels = [Int32](repeating: 0, count: w * h), smoothed = [Float](repeating: 0.02, count: w * h)
        for y in 0..<h {
            for x in 0..<w {
                let inA = hypot(Double(x - 25), Double(y - 25)) <= 12, inB = hypot(Double(x - 55), Double(y - 25)) <= 12
                let bridge = (25...55).contains(x) && (15...35).contains(y)
                if inA || inB { smoothed[y * w + x] = 0.35; labels[y * w + x] = 1 }
                else if bridge { smoothed[y * w + x] = 0.2; labels[y * w + x] = 1 }
            }
        }
        return (labels, smoothed, w, h)
    }

    @Test func clumpSplitsIntoItsNuclei() {
        var (labels, smoothed, w, h) = clump()
        let count = ClumpResegmentation.split(labels: &labels, count: 1, smoothed: smoothed, width: w, height: h,
                                              maximumPixels: 800, minimumSeedRadius: 1.8, mergeDepth: 1.6,
                                              maximumHolePixels: 40, globalThreshold: 0.15)
        #expect(count == 2)
        var sumX = [Double](repeating: 0, count: 3), n = [Double](repeating: 0, count: 3)
        for y in 0..<h { for x in 0..<w where labels[y * w + x] != 0 { sumX[Int(labels[y * w + x])] += Double(x); n[Int(labels[y * w + x])] += 1 } }
        let centres = (1...2).map { sumX[$0] / n[$0] }.sorted()
        #expect(abs(centres[0] - 25) < 1 && abs(centres[1] - 55) < 1, "centres \(centres)")
        // Each part is its disc (π·12² ≈ 452 px), not disc plus bridge.
        for l in 1...2 { #expect(abs(n[l] - 452) < 40, "part \(l): \(n[l]) px") }
    }

    @Test func objectsWithinTheLimitAreUntouched() {
        var (labels, smoothed, w, h) = clump()
        let before = labels
        let count = ClumpResegmentation.split(labels: &labels, count: 1, smoothed: smoothed, width: w, height: h,
                                              maximumPixels: 10_000, minimumSeedRadius: 1.8, mergeDepth: 1.6,
                                              maximumHolePixels: 40, globalThreshold: 0.15)
        #expect(count == 1)
        #expect(labels == before)
    }
}
