import Foundation
import Testing
@testable import TissueAnalysis

@Suite struct DeconvolutionTests {
    /// scikit-image 0.26 `rgb2hed` of six pixels (printed by Fixtures/make_reference.py). Its stain vectors are
    /// the un-normalised Ruifrok–Johnston rows and its OD is `−log10(I/255)/6`, so our amount for stain s is
    /// `6 · ‖v_s‖ · rgb2hed_s`.
    static let skimage: [([UInt8], [Double])] = [
        ([200, 120, 180], [0.014253597, 0.032078771, 0.022498809]),
        ([30, 60, 150], [0.26088465, 0.0, 0.0]),
        ([250, 250, 250], [0.001734608, 0.0, 0.001264154]),
        ([90, 40, 20], [0.021828461, 0.0, 0.229843858]),
        ([1, 255, 128], [0.723211976, 0.0, 0.0]),
        ([128, 128, 128], [0.060373273, 0.0, 0.043999069]),
    ]

    @Test func matchesScikitImageRgb2hed() throws {
        let pixels = Self.skimage.flatMap(\.0)
        let tile = try RGBTile(width: Self.skimage.count, height: 1, pixels: pixels, micronsPerPixel: 0.5)
        let result = ColourDeconvolution.deconvolve(tile, matrix: .hematoxylinEosinDAB)
        let rows: [[Double]] = [StainMatrix.hematoxylinVector, StainMatrix.eosinVector, StainMatrix.dabVector]
        let norms: [Double] = rows.map { (v: [Double]) -> Double in
            let squares: Double = v[0] * v[0] + v[1] * v[1] + v[2] * v[2]
            return squares.squareRoot()
        }
        for (i, reference) in Self.skimage.enumerated() {
            for s in 0..<3 {
                let expected = 6 * norms[s] * reference.1[s]
                #expect(abs(Double(result.planes[s].values[i]) - expected) < 2e-5, "pixel \(i) stain \(s)")
            }
        }
    }

    @Test func singleStainPixelGivesItsAmount() throws {
        // Doc-comment example: 255·10^(−v·a) with v the hematoxylin unit vector deconvolves to a.
        let a = 0.8
        let v = StainMatrix.hematoxylinEosin.vectors[0]
        let amounts: [[Float]] = [[Float(a)], [0], [0]]
        let tile = try ColourDeconvolution.compose(amounts: amounts, matrix: .hematoxylinEosin, width: 1, height: 1,
                                                   calibration: PixelCalibration(micronsPerPixel: 0.5))
        #expect(tile.pixels == v.map { UInt8((255 * pow(10, -$0 * a)).rounded()) })
        let out = ColourDeconvolution.deconvolve(tile, matrix: .hematoxylinEosin)
        #expect(abs(Double(out.plane(.hematoxylin)!.values[0]) - a) < 0.01)
        #expect(Double(out.plane(.eosin)!.values[0]) < 0.01)
    }

    @Test func opticalDensityRoundTripIsExact() throws {
        // compose in OD space, deconvolve back: the linear algebra must invert to float precision.
        for matrix in [StainMatrix.hematoxylinEosin, .hematoxylinDAB, .hematoxylinEosinDAB] {
            let amounts: [[Float]] = [[0, 0.3, 1.2, 0.05], [0.7, 0, 0.4, 2.0], [0.1, 0.2, 0, 0.9]]
            let m = matrix.vectors
            let od: [[Float]] = (0..<3).map { k in (0..<4).map { i in (0..<3).reduce(Float(0)) { $0 + amounts[$1][i] * Float(m[$1][k]) } } }
            let back = try ColourDeconvolution.deconvolve(opticalDensity: od, matrix: matrix)
            for s in 0..<3 { for i in 0..<4 { #expect(abs(back[s][i] - amounts[s][i]) < 1e-5) } }
        }
    }

    @Test func rgbRoundTripWithinOneLevel() throws {
        // Drawn tile → deconvolve → compose again reproduces every byte within ±1 (8-bit quantisation).
        var drawing = SyntheticTile(width: 64, height: 64, micronsPerPixel: 0.5)
        drawing.shapes = [SyntheticTile.lymphocyte(x: 10, y: 10), SyntheticTile.tumor(x: 20, y: 18)]
        let tile = try drawing.render()
        let d = ColourDeconvolution.deconvolve(tile, matrix: .hematoxylinEosin)
        // Keep the residual channel: it carries the quantisation error, so the round trip closes.
        let again = try ColourDeconvolution.compose(amounts: d.planes.map(\.values), matrix: .hematoxylinEosin,
                                                    width: 64, height: 64, calibration: tile.calibration)
        let worst = zip(tile.pixels, again.pixels).map { abs(Int($0) - Int($1)) }.max() ?? 0
        #expect(worst <= 1)
    }

    @Test func inverseTimesMatrixIsIdentity() {
        let m = StainMatrix.hematoxylinDAB.vectors, inv = StainMatrix.hematoxylinDAB.inverse
        for r in 0..<3 { for c in 0..<3 {
            let v = (0..<3).reduce(0.0) { $0 + m[r][$1] * inv[$1][c] }
            #expect(abs(v - (r == c ? 1 : 0)) < 1e-12)
        } }
    }

    @Test func rejectsBadInput() {
        #expect(throws: TissueAnalysisError.self) { try RGBTile(width: 2, height: 2, pixels: [0, 0, 0], micronsPerPixel: 0.5) }
        #expect(throws: TissueAnalysisError.self) { try PixelCalibration(micronsPerPixel: 0) }
        #expect(throws: TissueAnalysisError.self) { try StainMatrix([(.hematoxylin, [1, 1, 1]), (.eosin, [2, 2, 2])]) }
        let json = #"{"kinds":["hematoxylin","eosin","dab"],"vectors":[[1,0,0],[0,1,0],[1,1,0]]}"#
        #expect(throws: TissueAnalysisError.self) { try JSONDecoder().decode(StainMatrix.self, from: Data(json.utf8)) }
    }

    @Test func macenkoRecoversPerturbedStainVectors() throws {
        // A tile drawn with rotated H and E vectors; the estimate must find them within 3°.
        let trueH: [Double] = [0.55, 0.78, 0.30], trueE: [Double] = [0.12, 0.95, 0.25]
        let matrix = try StainMatrix([(.hematoxylin, trueH), (.eosin, trueE)])
        var drawing = SyntheticTile(width: 200, height: 200, micronsPerPixel: 0.5, matrix: matrix, background: [0.05, 1.3, 0])
        for k in 0..<40 {
            let x = Double(8 + (k % 8) * 12), y = Double(8 + (k / 8) * 18)
            let h: Float = 0.4 + 0.02 * Float(k), e: Float = 0.05 + 0.01 * Float(k % 5)
            drawing.shapes.append(SyntheticTile.Ellipse(x: x, y: y, a: 4, b: 3.5, amounts: [h, e, 0]))
        }
        let tile = try drawing.render()
        let estimate = try MacenkoEstimator().estimate(from: [tile], secondStain: .eosin)
        func angle(_ a: [Double], _ b: [Double]) -> Double {
            let dot = zip(a, b).map(*).reduce(0, +)
            let na: Double = a.map { $0 * $0 }.reduce(0, +).squareRoot()
            let nb: Double = b.map { $0 * $0 }.reduce(0, +).squareRoot()
            return acos(min(1, dot / (na * nb))) * 180 / Double.pi
        }
        #expect(estimate.kinds.prefix(2) == [.hematoxylin, .eosin])
        #expect(angle(estimate.vectors[0], trueH) < 3, "H off by \(angle(estimate.vectors[0], trueH))°")
        #expect(angle(estimate.vectors[1], trueE) < 3, "E off by \(angle(estimate.vectors[1], trueE))°")
        // A blank tile has no stain to estimate from.
        let blank = try RGBTile(width: 50, height: 50, pixels: [UInt8](repeating: 250, count: 7500), micronsPerPixel: 0.5)
        #expect(throws: TissueAnalysisError.self) { try MacenkoEstimator().estimate(from: [blank]) }
    }
}
