import Testing
@testable import TissueAnalysis

/// `DiscDilation.within` against the full distance transform it replaces, on random masks (known answer: the
/// exact Euclidean distance transform of the complement of the sources).
@Suite struct DiscDilationTests {
    @Test(arguments: [0.0, 1.0, 2.6, 5.2, 7.9])
    func equalsTheDistanceTransformTest(radius: Float) {
        var state: UInt64 = 12345
        func random() -> Double {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Double(state >> 11) / Double(1 << 53)
        }
        for (width, height) in [(1, 1), (7, 1), (1, 9), (61, 47), (128, 96), (200, 3)] {
            let n = width * height
            let sources = (0..<n).map { _ in UInt8(random() < 0.03 ? 1 : 0) }
            let query = (0..<n).map { _ in UInt8(random() < 0.5 ? 1 : 0) }
            guard sources.contains(1) else {
                // No source: nothing is within reach (the distance transform gives width + height there instead).
                #expect(!DiscDilation.within(radius: radius, of: sources, query: query, width: width, height: height).contains(1))
                continue
            }
            let expected = DistanceTransform.euclidean(mask: sources.map { $0 == 0 ? 1 : 0 }, width: width, height: height)
            let got = DiscDilation.within(radius: radius, of: sources, query: query, width: width, height: height)
            var mismatches = 0
            for i in 0..<n {
                let want: UInt8 = query[i] != 0 && expected[i] <= radius ? 1 : 0
                if got[i] != want { mismatches += 1 }
            }
            #expect(mismatches == 0, "\(width)×\(height), r = \(radius): \(mismatches) pixels differ")
        }
    }
}
