extension RGBImage {
    /// Area (box) resampling: output pixel (i, j) is the mean of the source over the square
    /// [originX + i·scale, originX + (i+1)·scale) × [originY + j·scale, originY + (j+1)·scale), each source pixel
    /// weighted by its overlap with the square (source pixel (x, y) covers [x, x+1) × [y, y+1)); rounded half up.
    ///
    /// `scale` is source pixels per output pixel: 2 halves the resolution (an exact 2×2 mean), 0.5 doubles it
    /// (each source pixel repeated). Parts of the square outside the source count as white, as `Slide.readRegion`
    /// does beyond a level's edge. Separable: a horizontal then a vertical pass over Float rows.
    /// - Precondition: `scale > 0`, `width ≥ 0`, `height ≥ 0`.
    public func areaResampled(originX: Double, originY: Double, scale: Double, width outWidth: Int, height outHeight: Int) -> RGBImage {
        precondition(scale > 0 && outWidth >= 0 && outHeight >= 0)
        let xs = Self.weights(origin: originX, scale: scale, count: outWidth, sourceCount: width)
        let ys = Self.weights(origin: originY, scale: scale, count: outHeight, sourceCount: height)
        // Horizontal pass: every source row → outWidth × 3 floats.
        var rows = [Float](repeating: 0, count: height * outWidth * 3)
        pixels.withUnsafeBufferPointer { src in
            rows.withUnsafeMutableBufferPointer { dst in
                for y in 0..<height {
                    let s = y * width * 3, d = y * outWidth * 3
                    for (i, w) in xs.enumerated() {
                        var r = w.outside * 255, g = r, b = r
                        for (k, weight) in w.weights.enumerated() {
                            let p = s + (w.first + k) * 3
                            r += weight * Float(src[p]); g += weight * Float(src[p + 1]); b += weight * Float(src[p + 2])
                        }
                        dst[d + i * 3] = r; dst[d + i * 3 + 1] = g; dst[d + i * 3 + 2] = b
                    }
                }
            }
        }
        var out = RGBImage(width: outWidth, height: outHeight)
        rows.withUnsafeBufferPointer { src in
            out.pixels.withUnsafeMutableBufferPointer { dst in
                for (j, w) in ys.enumerated() {
                    let d = j * outWidth * 3
                    for c in 0..<(outWidth * 3) {
                        var v = w.outside * 255
                        for (k, weight) in w.weights.enumerated() { v += weight * src[(w.first + k) * outWidth * 3 + c] }
                        dst[d + c] = UInt8(min(255, max(0, (v + 0.5).rounded(.down))))
                    }
                }
            }
        }
        return out
    }

    /// Per output pixel: the first source index it overlaps, the normalised overlap of each source pixel from
    /// there, and the share of the interval outside the source.
    private static func weights(origin: Double, scale: Double, count: Int, sourceCount: Int)
        -> [(first: Int, weights: [Float], outside: Float)] {
        (0..<count).map { i in
            let a = origin + Double(i) * scale, b = a + scale
            let first = max(0, Int(a.rounded(.down))), last = min(sourceCount - 1, Int(b.rounded(.up)) - 1)
            var weights: [Float] = []
            var inside = 0.0
            if first <= last {
                for x in first...last {
                    let overlap = min(b, Double(x + 1)) - max(a, Double(x))
                    weights.append(Float(max(0, overlap) / scale))
                    inside += max(0, overlap)
                }
            }
            return (min(first, max(0, sourceCount - 1)), weights, Float(max(0, scale - inside) / scale))
        }
    }
}

extension Slide {
    /// A region of a resolution that need not be a pyramid level: `width`×`height` pixels of `scale` level-0
    /// pixels each (e.g. 2 for 0.5 µm/px from a 0.25 µm/px scan), top-left at (x, y) in those pixels. Read from
    /// the coarsest level at least as fine as the wanted pixel and area-resampled (`RGBImage.areaResampled`);
    /// a level whose downsample equals `scale` within 1e-6 is read directly. Outside the slide is white.
    public func readRegion(scale: Double, x: Int, y: Int, width: Int, height: Int) throws -> RGBImage {
        guard scale > 0, scale.isFinite else {
            throw SlideIOError.invalidParameter(name: "scale", value: "\(scale)", expected: "a positive number of level-0 pixels per pixel")
        }
        let level = levels.last(where: { $0.downsample <= scale * (1 + 1e-6) }) ?? levels[0]
        let r = scale / level.downsample
        if abs(r - 1) <= 1e-6 { return try readRegion(level: level.index, x: x, y: y, width: width, height: height) }
        let left = Double(x) * r, top = Double(y) * r
        let sx = Int(left.rounded(.down)), sy = Int(top.rounded(.down))
        let sw = Int((left + Double(width) * r).rounded(.up)) - sx, sh = Int((top + Double(height) * r).rounded(.up)) - sy
        let source = try readRegion(level: level.index, x: sx, y: sy, width: max(1, sw), height: max(1, sh))
        return source.areaResampled(originX: left - Double(sx), originY: top - Double(sy), scale: r, width: width, height: height)
    }
}
