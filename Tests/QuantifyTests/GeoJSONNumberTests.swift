import Foundation
@testable import Pipeline
import Testing

/// The GeoJSON writer's fixed-decimal formatter against `String(format: "%.Nf")`.
@Suite struct GeoJSONNumberTests {
    static func text(_ v: Double, _ digits: Int) -> String {
        var s = ""
        CellGeoJSONWriter.appendDecimal(v, digits: digits, to: &s)
        return s
    }

    @Test func knownValues() {
        #expect(Self.text(0, 3) == "0.000")
        #expect(Self.text(1234.5678, 2) == "1234.57")
        #expect(Self.text(-0.25, 3) == "-0.250")
        #expect(Self.text(0.0004, 3) == "0.000")
        #expect(Self.text(-0.0004, 3) == "0.000")  // no "-0.000"
        #expect(Self.text(0.05, 0) == "0")
        #expect(Self.text(79_999.999, 2) == "80000.00")
        #expect(Self.text(.nan, 3) == "null")
        #expect(Self.text(-.infinity, 2) == "null")
        #expect(Self.text(3e16, 2) == String(format: "%.2f", 3e16))
    }

    @Test func matchesPrintfAwayFromHalves() {
        var g = SystemRandomNumberGenerator()
        var compared = 0
        for _ in 0..<20_000 {
            let digits = Int.random(in: 0...4, using: &g)
            let v = Double.random(in: -100_000...100_000, using: &g) / Double([1, 10, 1000, 100_000].randomElement(using: &g)!)
            var scale = 1.0
            for _ in 0..<digits { scale *= 10 }
            let frac = abs(v) * scale - (abs(v) * scale).rounded(.down)
            guard abs(frac - 0.5) > 1e-6 else { continue }  // printf rounds exact halves to even
            let expected = String(format: "%.\(digits)f", v)
            guard expected.trimmingCharacters(in: CharacterSet(charactersIn: "-0.")) != "" else { continue }  // "-0.00"
            #expect(Self.text(v, digits) == expected, "\(v) with \(digits) digits")
            compared += 1
        }
        #expect(compared > 15_000)
    }
}
