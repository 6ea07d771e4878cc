import Foundation
import Testing
@testable import TissueAnalysis
import TMECore

@Suite struct ImageOperationTests {
    @Test func otsuMatchesScikitImage() {
        // skimage.filters.threshold_otsu of the same values = 0.7515303 (Fixtures/make_reference.py).
        let v: [Float] = (0..<1000).map { (i: Int) -> Float in
            let base: Double = Double((i * i) % 97) / 97
            let shift: Double = i % 3 == 0 ? 0.8 : 0
            return Float(base + shift)
        }
        #expect(abs(OtsuThreshold.threshold(v) - 0.7515303) < 1e-5)
    }

    @Test func otsuLeavesOutValuesAtOrAboveTheCeiling() {
        // Cytoplasm 0.1 (500 px), pale nuclei 0.35 (200 px), lymphocyte chromatin 1.0 (300 px). Between-class
        // variance: {0.1} | {0.35, 1.0} gives 0.5 · 0.5 · (0.74 − 0.1)² = 0.1024, {0.1, 0.35} | {1.0} gives
        // 0.7 · 0.3 · (1 − 0.1714)² = 0.1442, so the whole histogram puts the pale nuclei below the level.
        let v = [Float](repeating: 0.1, count: 500) + [Float](repeating: 0.35, count: 200) + [Float](repeating: 1.0, count: 300)
        let whole = OtsuThreshold.threshold(v)
        #expect(whole > 0.35 && whole < 1.0, "whole histogram: \(whole)")
        // Without the 1.0 pixels the level separates cytoplasm from the pale nuclei, exactly as Otsu of the rest.
        let capped = OtsuThreshold.threshold(v, below: 0.75)
        #expect(capped > 0.1 && capped < 0.35, "ceiling 0.75: \(capped)")
        #expect(capped == OtsuThreshold.threshold(v.filter { $0 < 0.75 }))
        // Both levels from one read, as the detector takes them.
        let both = OtsuThreshold.thresholds(v, below: 0.75)
        #expect(both.all == whole && both.belowCeiling == capped)
        #expect(OtsuThreshold.thresholds([1.0, 1.2], below: 0.75).belowCeiling == 0.75)
        // Nothing below the ceiling: the ceiling itself (or the constant below it).
        #expect(OtsuThreshold.threshold([1.0, 1.2], below: 0.75) == 0.75)
        #expect(OtsuThreshold.threshold([0.2, 0.2, 0.9], below: 0.75) == 0.2)
    }

    @Test func distanceTransformEqualsBruteForce() {
        let w = 37, h = 23
        var mask = [UInt8](repeating: 1, count: w * h)
        var state: UInt64 = 3
        for i in 0..<(w * h) {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            if state >> 61 == 0 { mask[i] = 0 }
        }
        let d = DistanceTransform.euclidean(mask: mask, width: w, height: h)
        for y in 0..<h { for x in 0..<w {
            var best = Double.infinity
            for yy in 0..<h { for xx in 0..<w where mask[yy * w + xx] == 0 {
                best = min(best, Double((x - xx) * (x - xx) + (y - yy) * (y - yy)).squareRoot())
            } }
            #expect(abs(Double(d[y * w + x]) - (mask[y * w + x] == 0 ? 0 : best)) < 1e-4)
        } }
    }

    @Test func gaussianPreservesMassAndMatchesKernel() {
        let w = 21, h = 21
        var impulse = [Float](repeating: 0, count: w * h)
        impulse[10 * w + 10] = 1
        let out = GaussianFilter.smooth(impulse, width: w, height: h, sigma: 1.5)
        #expect(abs(out.reduce(0, +) - 1) < 1e-5)
        // Separable: out(x, y) = g(x) g(y).
        let k = GaussianFilter.kernel(sigma: 1.5), r = k.count / 2
        #expect(abs(out[(10 + 2) * w + 10 + 1] - k[r + 2] * k[r + 1]) < 1e-7)
    }

    @Test func componentsAndHoles() {
        // Two squares, one with a 2×2 hole; diagonal touch joins only with 8-connectivity.
        let w = 12, h = 8
        var mask = [UInt8](repeating: 0, count: w * h)
        for y in 1..<6 { for x in 1..<6 { mask[y * w + x] = 1 } }
        for y in 2..<4 { for x in 2..<4 { mask[y * w + x] = 0 } }
        mask[6 * w + 6] = 1
        for y in 1..<4 { for x in 8..<11 { mask[y * w + x] = 1 } }
        #expect(ConnectedComponents.label(mask: mask, width: w, height: h, eightConnected: false).count == 3)
        #expect(ConnectedComponents.label(mask: mask, width: w, height: h, eightConnected: true).count == 2)
        var filled = mask
        ConnectedComponents.fillHoles(&filled, width: w, height: h, maximumHolePixels: 4)
        #expect(filled.reduce(0) { $0 + Int($1) } == mask.reduce(0) { $0 + Int($1) } + 4)
        var unfilled = mask
        ConnectedComponents.fillHoles(&unfilled, width: w, height: h, maximumHolePixels: 3)
        #expect(unfilled == mask)
    }

    @Test func watershedSplitsTouchingDiscsButNotAnEllipse() {
        // Two overlapping discs (radius 8 px, centres 14 px apart) and one 24×5 px ellipse.
        let w = 80, h = 40
        var mask = [UInt8](repeating: 0, count: w * h)
        for y in 0..<h { for x in 0..<w {
            let a = (x - 12) * (x - 12) + (y - 20) * (y - 20) <= 64, b = (x - 26) * (x - 26) + (y - 20) * (y - 20) <= 64
            let e = pow(Double(x - 58) / 12, 2) + pow(Double(y - 20) / 2.5, 2) <= 1
            if a || b || e { mask[y * w + x] = 1 }
        } }
        let d = DistanceTransform.euclidean(mask: mask, width: w, height: h)
        let (seeds, n) = NucleusDetector.seeds(distance: d, width: w, height: h, minimumRadius: 1)
        let (labels, count) = Watershed.flood(heights: d, mask: mask, seeds: seeds, seedCount: n, width: w, height: h, mergeDepth: 1.5)
        #expect(count == 3)
        #expect(labels[20 * w + 12] != labels[20 * w + 26])
        #expect(labels[20 * w + 50] == labels[20 * w + 66])
    }

    /// Region properties of a label image through `NucleusMeasurement.measure` at 1 µm/px.
    func measure(_ labels: [Int32], width: Int, height: Int) throws -> Nucleus {
        let zero = DensityPlane(zeroWidth: width, height: height)
        let densities = StainDensities(matrix: .hematoxylinEosin, planes: [zero, zero, zero], totalOpticalDensity: zero)
        let nuclei = NucleusMeasurement.measure(labels: labels, count: 1, rings: [Int32](repeating: 0, count: labels.count),
                                                densities: densities, calibration: try PixelCalibration(micronsPerPixel: 1),
                                                originX: 0, originY: 0)
        return try #require(nuclei.first)
    }

    @Test func perimeterAndSolidityOfDigitalShapes() throws {
        // scikit-image 0.26 `perimeter_crofton(image, directions=4)`: 10×10 square 36.811657224, disc of
        // radius 8 px (x² + y² ≤ 64) 52.250114450.
        let w = 30, h = 30
        var labels = [Int32](repeating: 0, count: w * h)
        for y in 5..<15 { for x in 5..<15 { labels[y * w + x] = 1 } }
        let square = try measure(labels, width: w, height: h)
        #expect(abs(square.perimeterMicrons - 36.811657224) < 1e-6)
        #expect(square.solidity == 1 && square.areaSquareMicrons == 100)
        var disc = [Int32](repeating: 0, count: 40 * 40)
        var discMembers: [Int32] = []
        for y in 0..<40 { for x in 0..<40 where (x - 20) * (x - 20) + (y - 20) * (y - 20) <= 64 {
            disc[y * 40 + x] = 1
            discMembers.append(Int32(y * 40 + x))
        } }
        #expect(abs(try measure(disc, width: 40, height: 40).perimeterMicrons - 52.250114450) < 1e-6)
        #expect(discMembers.count == 197)
        // An L shape: 10×10 minus a 5×5 corner; its hull cuts the corner along x + y = 23, leaving out the
        // 15 lattice points with x + y ≥ 24: 85 (Pick).
        var l = labels
        var lMembers: [Int32] = []
        for y in 5..<15 { for x in 5..<15 {
            if x >= 10 && y >= 10 { l[y * w + x] = 0 } else { lMembers.append(Int32(y * w + x)) }
        } }
        let shape = try measure(l, width: w, height: h)
        #expect(lMembers.count == 75)
        #expect(abs(shape.solidity - 75.0 / 85) < 1e-12)
    }
}
