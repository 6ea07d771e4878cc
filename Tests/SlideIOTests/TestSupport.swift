import Foundation
@testable import SlideIO

/// The synthetic pattern of Fixtures/make_bad_tiffs.py (R, G, B as functions of level-0 x, y).
enum SyntheticPattern {
    static func pixel(_ x: Int, _ y: Int) -> (UInt8, UInt8, UInt8) {
        (UInt8((x + 2 * y) % 256), UInt8((3 * x + y) / 2 % 256), UInt8((x * y / 7 + 40) % 256))
    }

    /// The pattern over a region, pixels outside 0..<width × 0..<height white.
    static func image(x: Int, y: Int, width: Int, height: Int, slideWidth: Int, slideHeight: Int) -> RGBImage {
        var out = RGBImage(width: width, height: height)
        for py in 0..<height {
            for px in 0..<width {
                let sx = x + px, sy = y + py
                guard sx >= 0, sy >= 0, sx < slideWidth, sy < slideHeight else { continue }
                let (r, g, b) = pixel(sx, sy)
                let o = (py * width + px) * 3
                out.pixels[o] = r; out.pixels[o + 1] = g; out.pixels[o + 2] = b
            }
        }
        return out
    }

    /// A smooth, tissue-like test image (lossy codecs behave on it): blobs and gradients.
    static func smooth(x: Int, y: Int) -> (UInt8, UInt8, UInt8) {
        let fx = Double(x), fy = Double(y)
        let r = 200 + 40 * sin(fx / 37) * cos(fy / 53)
        let g = 140 + 60 * sin((fx + fy) / 91)
        let b = 190 + 50 * cos(fx / 71 - fy / 29)
        return (UInt8(max(0, min(255, r))), UInt8(max(0, min(255, g))), UInt8(max(0, min(255, b))))
    }
}

enum Fixtures {
    static func path(_ name: String) -> String {
        Bundle.module.url(forResource: "Fixtures", withExtension: nil)!.appendingPathComponent(name).path
    }
}

/// A fresh temporary directory per test (tests run in parallel).
func makeTemporaryDirectory(_ label: String) throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("slideio-\(label)-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}

/// Mean absolute difference per channel value between two equal-size images.
func meanAbsoluteDifference(_ a: RGBImage, _ b: RGBImage) -> Double {
    precondition(a.width == b.width && a.height == b.height)
    var sum = 0
    for i in a.pixels.indices { sum += abs(Int(a.pixels[i]) - Int(b.pixels[i])) }
    return Double(sum) / Double(max(1, a.pixels.count))
}

/// Writes a pyramid with our writer from a pixel function.
func writeSlide(path: String, width: Int, height: Int, options: PyramidTIFFWriterOptions,
                pixel: (Int, Int) -> (UInt8, UInt8, UInt8)) throws {
    let writer = try PyramidTIFFWriter(path: path, width: width, height: height, options: options)
    for index in 0..<writer.tileCount {
        let r = writer.tileRegion(at: index)
        var tile = RGBImage(width: r.width, height: r.height)
        for y in 0..<r.height {
            for x in 0..<r.width {
                let (cr, cg, cb) = pixel(r.x + x, r.y + y)
                let o = (y * r.width + x) * 3
                tile.pixels[o] = cr; tile.pixels[o + 1] = cg; tile.pixels[o + 2] = cb
            }
        }
        try writer.append(tile: tile)
    }
    try writer.finish()
}
