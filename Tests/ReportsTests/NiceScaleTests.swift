import Testing
import Foundation
@testable import Reports

/// Expected values worked by hand from Heckbert's rules (Graphics Gems 1990, pp. 61–63).
@Suite struct NiceScaleTests {
    @Test func docExample() {
        let s = NiceScale(minimum: 0, maximum: 37, maxTicks: 5)
        #expect(s.step == 10)
        #expect(s.ticks == [0, 10, 20, 30, 40])
        #expect(s.fractionDigits == 0)
    }

    @Test func unitInterval() {
        let s = NiceScale(minimum: 0, maximum: 1, maxTicks: 6)
        #expect(s.ticks == [0, 0.2, 0.4, 0.6, 0.8, 1.0])
        #expect(s.ticks.map(s.label) == ["0.0", "0.2", "0.4", "0.6", "0.8", "1.0"])
    }

    @Test func negativeStart() {
        // range 100.2 → nice 200; step nice(40) = 50; −50…100.
        let s = NiceScale(minimum: -3.2, maximum: 97, maxTicks: 6)
        #expect(s.step == 50)
        #expect(s.ticks == [-50, 0, 50, 100])
    }

    @Test func degenerateAndNonFinite() {
        let s = NiceScale(minimum: 5, maximum: 5, maxTicks: 6)
        #expect(s.lower == 2 && s.upper == 8 && s.step == 1)
        let z = NiceScale(minimum: 0, maximum: 0)
        #expect(z.lower == 0 && z.upper == 1)
        let n = NiceScale(minimum: .nan, maximum: 3)
        #expect(n.lower == 0 && n.upper == 1)
        let swapped = NiceScale(minimum: 37, maximum: 0, maxTicks: 5)
        #expect(swapped.ticks == [0, 10, 20, 30, 40])
    }

    @Test func niceNumbers() {
        #expect(abs(NiceScale.niceNumber(0.0347, round: true) - 0.05) < 1e-15)
        #expect(NiceScale.niceNumber(7.2, round: true) == 10)
        #expect(NiceScale.niceNumber(1.4, round: true) == 1)
        #expect(NiceScale.niceNumber(2.5, round: false) == 5)
        #expect(NiceScale.niceNumber(2.0, round: false) == 2)
        #expect(NiceScale.format(-0.0001, fractionDigits: 2) == "0.00")
    }

    /// Properties over many ranges: ticks cover the data, steps are 1/2/5 × 10ᵏ, ticks are exact
    /// multiples of the step and their count stays near the request.
    @Test func coverageProperty() {
        for k in 0..<500 {
            let a = sin(Double(k) * 1.7) * pow(10, Double(k % 7) - 3)
            let b = a + abs(cos(Double(k) * 0.9)) * pow(10, Double(k % 5) - 2) + 1e-9
            let s = NiceScale(minimum: a, maximum: b, maxTicks: 6)
            #expect(s.lower <= a && s.upper >= b)
            let m = s.step / pow(10, log10(s.step).rounded(.down))
            #expect([1, 2, 5, 10].contains { abs($0 - m) < 1e-9 })
            #expect(s.ticks.count >= 2 && s.ticks.count <= 11)
            for t in s.ticks { #expect(abs(t / s.step - (t / s.step).rounded()) < 1e-6) }
        }
    }

    @Test func logTicks() {
        let t = LogTicks(minimum: 0.42, maximum: 3.1)
        #expect(t.ticks == [0.2, 0.5, 1, 2, 5])
        let wide = LogTicks(minimum: 0.01, maximum: 100)
        #expect(wide.ticks == [0.01, 0.1, 1, 10, 100])
        let includesOne = LogTicks(minimum: 1.5, maximum: 4)
        #expect(includesOne.ticks.first == 1)
        #expect(LogTicks.label(0.05) == "0.05" && LogTicks.label(10) == "10" && LogTicks.label(0.2) == "0.2")
        let axis = Axis.logarithmic(title: "HR", minimum: 0.42, maximum: 3.1)
        #expect(abs(axis.fraction(1) - log(1 / 0.2) / log(5 / 0.2)) < 1e-12)
    }
}
