/// An 8-bit RGB image, row-major, 3 bytes per pixel (R, G, B), no padding between rows.
public struct RGBImage: Sendable, Hashable, Codable {
    public let width: Int
    public let height: Int
    /// `width * height * 3` bytes; pixel (x, y) starts at `(y * width + x) * 3`.
    public var pixels: [UInt8]

    /// Wraps existing pixels; throws if `pixels.count != width * height * 3`.
    public init(width: Int, height: Int, pixels: [UInt8]) throws {
        guard width >= 0, height >= 0, pixels.count == width * height * 3 else {
            throw SlideIOError.invalidImage(
                detail: "\(width)×\(height) RGB needs \(max(0, width * height * 3)) bytes, got \(pixels.count)")
        }
        self.width = width
        self.height = height
        self.pixels = pixels
    }

    /// An image filled with one colour (white by default).
    /// Negative dimensions are treated as 0.
    public init(width: Int, height: Int, fill: (UInt8, UInt8, UInt8) = (255, 255, 255)) {
        let width = max(0, width), height = max(0, height)
        self.width = width
        self.height = height
        if fill.0 == fill.1 && fill.1 == fill.2 {
            pixels = [UInt8](repeating: fill.0, count: width * height * 3)
        } else {
            var p = [UInt8](repeating: 0, count: width * height * 3)
            for i in stride(from: 0, to: p.count, by: 3) { p[i] = fill.0; p[i + 1] = fill.1; p[i + 2] = fill.2 }
            pixels = p
        }
    }

    /// The pixel at (x, y) as (r, g, b).
    @inlinable public subscript(x: Int, y: Int) -> (UInt8, UInt8, UInt8) {
        let i = (y * width + x) * 3
        return (pixels[i], pixels[i + 1], pixels[i + 2])
    }
}
