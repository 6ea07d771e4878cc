import Foundation
import Testing
@testable import FusionModel

/// The vectorised exp/tanh against Double-precision Foundation on a dense grid.
@Suite struct VectorMathTests {
    static func grid(_ lo: Double, _ hi: Double, _ n: Int) -> [Float] {
        (0..<n).map { Float(lo + (hi - lo) * Double($0) / Double(n - 1)) }
    }

    static func apply(_ xs: [Float], _ f: (SIMD8<Float>) -> SIMD8<Float>) -> [Float] {
        var ys = [Float](repeating: 0, count: xs.count), ds = ys
        xs.withUnsafeBufferPointer { x in
            ys.withUnsafeMutableBufferPointer { y in
                ds.withUnsafeMutableBufferPointer { d in VectorMath.map(x, y, d) { (f($0), $0) } }
            }
        }
        // The derivative slot carried the input through: checks the chunking and the tail.
        #expect(ds == xs)
        return ys
    }

    @Test func expRelativeErrorBelow3e7() {
        let xs = Self.grid(-80, 80, 100_003) + [0, -0.0, 1e-30, 88, -87]
        let ys = Self.apply(xs, VectorMath.exp)
        let worst = zip(xs, ys).map { abs(Double($1) - Foundation.exp(Double($0))) / Foundation.exp(Double($0)) }.max()!
        #expect(worst < 3e-7, "max relative error \(worst)")
    }

    @Test func tanhAbsoluteErrorBelow3e7() {
        let xs = Self.grid(-20, 20, 100_001) + [0, 1e-6, -1e-6, 0.6249, 0.6251, 100, -100]
        let ys = Self.apply(xs, VectorMath.tanh)
        let worst = zip(xs, ys).map { abs(Double($1) - Foundation.tanh(Double($0))) }.max()!
        #expect(worst < 3e-7, "max absolute error \(worst)")
        // Small arguments keep relative accuracy (no cancellation): tanh(1e-6) = 1e-6.
        #expect(abs(ys[xs.count - 6] / 1e-6 - 1) < 1e-6)
    }
}
