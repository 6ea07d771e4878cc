import Foundation
import SlideIO
import TMECore

/// A small synthetic H&E-like slide with known nuclei, for report tests, benchmarks and example
/// pages: pink tissue in an ellipse on white glass, nuclei as dark purple discs on a 24 px
/// lattice (centres jittered ±2 px). Lymphocytes (radius 6 px) cluster around a hotspot,
/// macrophages (radius 7 px, paler) are sparse, tumor nuclei (radius 9 px) fill the rest.
///
/// Every nucleus is a pure function of its lattice point (SplitMix64 hash), so the per-tile
/// counts (`tileCounts`) are exact for the written image.
public struct ReportFixtureSlide: Sendable {
    public enum Kind: Int, Sendable { case lymphocyte, macrophage, tumor }
    public let width: Int
    public let height: Int
    public let tileSize: Int
    public let micronsPerPixel: Double
    static let spacing = 24

    public init(width: Int = 1536, height: Int = 1024, tileSize: Int = 256, micronsPerPixel: Double = 0.5) {
        self.width = width; self.height = height; self.tileSize = tileSize; self.micronsPerPixel = micronsPerPixel
    }

    static func hash(_ a: Int, _ b: Int, _ salt: UInt64) -> Double {
        var z = UInt64(bitPattern: Int64(a &* 73_856_093 ^ b &* 19_349_663)) &+ salt &* 0x9E37_79B9_7F4A_7C15
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        z ^= z >> 31
        return Double(z >> 11) / Double(1 << 53)
    }

    func inTissue(_ x: Double, _ y: Double) -> Bool {
        let dx = (x - Double(width) / 2) / (Double(width) * 0.47), dy = (y - Double(height) / 2) / (Double(height) * 0.45)
        return dx * dx + dy * dy <= 1
    }

    /// The nucleus at lattice point (i, j): centre and kind, or nil.
    public func nucleus(_ i: Int, _ j: Int) -> (x: Double, y: Double, kind: Kind)? {
        let s = Double(Self.spacing)
        let x = Double(i) * s + s / 2 + (Self.hash(i, j, 1) - 0.5) * 4
        let y = Double(j) * s + s / 2 + (Self.hash(i, j, 2) - 0.5) * 4
        guard x >= 0, y >= 0, x < Double(width), y < Double(height), inTissue(x, y) else { return nil }
        guard Self.hash(i, j, 3) < 0.8 else { return nil }
        let hx = Double(width) * 0.3, hy = Double(height) * 0.4
        let hot = exp(-((x - hx) * (x - hx) + (y - hy) * (y - hy)) / (2 * 220 * 220))
        let u = Self.hash(i, j, 4)
        if u < 0.08 + 0.75 * hot { return (x, y, .lymphocyte) }
        if u > 0.95 { return (x, y, .macrophage) }
        return (x, y, .tumor)
    }

    /// RGB of one pixel.
    func pixel(_ x: Int, _ y: Int) -> (UInt8, UInt8, UInt8) {
        let fx = Double(x) + 0.5, fy = Double(y) + 0.5
        guard inTissue(fx, fy) else { return (246, 244, 246) }
        let i = x / Self.spacing, j = y / Self.spacing
        if let n = nucleus(i, j) {
            let r: Double = n.kind == .lymphocyte ? 6 : n.kind == .macrophage ? 7 : 9
            let d2 = (fx - n.x) * (fx - n.x) + (fy - n.y) * (fy - n.y)
            if d2 <= r * r {
                switch n.kind {
                case .lymphocyte: return (52, 30, 110)
                case .macrophage: return (120, 80, 150)
                case .tumor: return (95, 60, 140)
                }
            }
        }
        return (232, 168, 196)
    }

    /// Writes the pyramidal TIFF (deflate) to `path`; returns its SHA-256.
    @discardableResult
    public func write(to path: String) throws -> String {
        let writer = try PyramidTIFFWriter(path: path, width: width, height: height,
                                           options: .init(tileSize: tileSize, compression: .deflate, micronsPerPixel: micronsPerPixel))
        for index in 0..<writer.tileCount {
            let r = writer.tileRegion(at: index)
            var pixels = [UInt8](repeating: 0, count: r.width * r.height * 3)
            for y in 0..<r.height {
                for x in 0..<r.width {
                    let p = pixel(r.x + x, r.y + y)
                    let o = (y * r.width + x) * 3
                    pixels[o] = p.0; pixels[o + 1] = p.1; pixels[o + 2] = p.2
                }
            }
            try writer.append(tile: try SlideIO.RGBImage(width: r.width, height: r.height, pixels: pixels))
        }
        try writer.finish()
        return SHA256.hex([UInt8](try Data(contentsOf: URL(fileURLWithPath: path))))
    }

    /// One level-0 tile with its exact nucleus counts (by centre) and tissue fraction.
    public struct TileTruth: Sendable, Hashable {
        public var x: Int, y: Int, width: Int, height: Int
        public var lymphocytes: Int, macrophages: Int, tumorCells: Int
        public var tissueFraction: Double
    }

    /// Counts per tile of the written slide (tissue fraction sampled on an 8 px grid).
    public func tileTruth() -> [TileTruth] {
        var out: [TileTruth] = []
        for ty in stride(from: 0, to: height, by: tileSize) {
            for tx in stride(from: 0, to: width, by: tileSize) {
                let w = min(tileSize, width - tx), h = min(tileSize, height - ty)
                var t = TileTruth(x: tx, y: ty, width: w, height: h, lymphocytes: 0, macrophages: 0, tumorCells: 0, tissueFraction: 0)
                var inside = 0, total = 0
                for sy in stride(from: 4, to: h, by: 8) {
                    for sx in stride(from: 4, to: w, by: 8) {
                        total += 1
                        if inTissue(Double(tx + sx), Double(ty + sy)) { inside += 1 }
                    }
                }
                t.tissueFraction = total > 0 ? Double(inside) / Double(total) : 0
                for j in (ty / Self.spacing - 1)...((ty + h) / Self.spacing + 1) {
                    for i in (tx / Self.spacing - 1)...((tx + w) / Self.spacing + 1) {
                        guard let n = nucleus(i, j), n.x >= Double(tx), n.x < Double(tx + w),
                              n.y >= Double(ty), n.y < Double(ty + h) else { continue }
                        switch n.kind {
                        case .lymphocyte: t.lymphocytes += 1
                        case .macrophage: t.macrophages += 1
                        case .tumor: t.tumorCells += 1
                        }
                    }
                }
                out.append(t)
            }
        }
        return out
    }
}
