import Foundation
import Testing
@testable import SlideIO

@Suite struct ResampleTests {
    @Test func halvingIsTheTwoByTwoMeanRoundedHalfUp() throws {
        // 4×2 grey ramp: means of (0, 1, 10, 11) = 5.5 → 6 and (2, 3, 12, 13) = 7.5 → 8.
        let values: [UInt8] = [0, 1, 2, 3, 10, 11, 12, 13]
        let image = try RGBImage(width: 4, height: 2, pixels: values.flatMap { [$0, $0, $0] })
        let half = image.areaResampled(originX: 0, originY: 0, scale: 2, width: 2, height: 1)
        #expect(half.pixels == [6, 6, 6, 8, 8, 8])
    }

    @Test func doublingRepeatsEachPixel() throws {
        let image = try RGBImage(width: 2, height: 1, pixels: [10, 20, 30, 40, 50, 60])
        let double = image.areaResampled(originX: 0, originY: 0, scale: 0.5, width: 4, height: 2)
        #expect(double.pixels == [10, 20, 30, 10, 20, 30, 40, 50, 60, 40, 50, 60] + [10, 20, 30, 10, 20, 30, 40, 50, 60, 40, 50, 60])
    }

    @Test func beyondTheSourceIsWhite() throws {
        let image = try RGBImage(width: 1, height: 1, pixels: [0, 0, 0])
        let out = image.areaResampled(originX: -0.5, originY: 0, scale: 1, width: 1, height: 1)
        #expect(out.pixels == [128, 128, 128])   // half black, half white: 127.5 → 128
    }

    /// A non-level scale (1.5 level-0 pixels per pixel, e.g. 0.5 µm/px from 0.333 µm/px) against the overlap
    /// integral computed pixel by pixel in 2-D on level 0.
    @Test func nonLevelScaleEqualsTheAreaIntegralOnLevelZero() throws {
        let dir = try makeTemporaryDirectory("resample")
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("s.tif").path
        let pixel = { (x: Int, y: Int) -> (UInt8, UInt8, UInt8) in (UInt8((x * 7 + y * 3) % 256), UInt8((x * y) % 251), UInt8((x + 2 * y) % 256)) }
        try writeSlide(path: path, width: 300, height: 200, options: .init(tileSize: 64), pixel: pixel)
        let slide = try Slide(path: path)
        let (x, y, w, h, s) = (17, 9, 40, 30, 1.5)
        let got = try slide.readRegion(scale: s, x: x, y: y, width: w, height: h)
        var worst = 0
        for j in 0..<h {
            for i in 0..<w {
                let ax = Double(x + i) * s, ay = Double(y + j) * s
                var sum = (0.0, 0.0, 0.0)
                for sy in Int(ay.rounded(.down))..<Int((ay + s).rounded(.up)) {
                    for sx in Int(ax.rounded(.down))..<Int((ax + s).rounded(.up)) {
                        let ox = min(ax + s, Double(sx + 1)) - max(ax, Double(sx))
                        let oy = min(ay + s, Double(sy + 1)) - max(ay, Double(sy))
                        let p = pixel(sx, sy), weight = ox * oy / (s * s)
                        sum.0 += weight * Double(p.0); sum.1 += weight * Double(p.1); sum.2 += weight * Double(p.2)
                    }
                }
                let g = got[i, j]
                let expected: [Int] = [sum.0, sum.1, sum.2].map { Int(($0 + 0.5).rounded(.down)) }
                let actual: [Int] = [Int(g.0), Int(g.1), Int(g.2)]
                for c in 0..<3 { worst = max(worst, abs(actual[c] - expected[c])) }
            }
        }
        #expect(worst <= 1, "largest difference \(worst) grey levels (float rounding allows 1)")
        // A scale that is a level is read from that level unchanged.
        #expect(try slide.readRegion(scale: 2, x: 5, y: 5, width: 20, height: 10) == slide.readRegion(level: 1, x: 5, y: 5, width: 20, height: 10))
    }
}
