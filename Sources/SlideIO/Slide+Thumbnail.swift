extension Slide {
    /// A downsampled copy of the whole slide whose longer side is at most `maxDimension` pixels.
    ///
    /// Rule: take the coarsest level whose downsample is ≤ max(w₀, h₀) / `maxDimension` (level 0 if
    /// none), then box-average f×f blocks of it with f = ⌈max(w, h) / maxDimension⌉ (existing pixels
    /// only, rounded half up). The level is read in bands of whole tile rows, so memory is one band
    /// plus the result, never the level. Returns the image and its downsample relative to level 0
    /// (per axis: w₀ / thumbnail width, h₀ / thumbnail height).
    public func thumbnail(maxDimension: Int) throws -> (image: RGBImage, downsampleX: Double, downsampleY: Double) {
        guard maxDimension >= 1 else {
            throw SlideIOError.invalidParameter(name: "maxDimension", value: "\(maxDimension)", expected: "≥ 1")
        }
        let base = levels[0]
        let wanted = Double(max(base.width, base.height)) / Double(maxDimension)
        let level = levels.last(where: { $0.downsample <= wanted }) ?? base
        let f = max(1, (max(level.width, level.height) + maxDimension - 1) / maxDimension)
        let ow = (level.width + f - 1) / f, oh = (level.height + f - 1) / f
        var out = RGBImage(width: ow, height: oh)
        let bandRows = f * max(1, (level.tileHeight + f - 1) / f)
        var y = 0
        while y < level.height {
            let rows = min(bandRows, level.height - y)
            let band = try readRegion(level: level.index, x: 0, y: y, width: level.width, height: rows)
            for by in 0..<((rows + f - 1) / f) {
                let oy = y / f + by
                let sy0 = by * f, sy1 = min(rows, sy0 + f)
                for ox in 0..<ow {
                    let sx0 = ox * f, sx1 = min(level.width, sx0 + f)
                    var sum = (0, 0, 0)
                    for sy in sy0..<sy1 {
                        var i = (sy * level.width + sx0) * 3
                        for _ in sx0..<sx1 {
                            sum.0 += Int(band.pixels[i]); sum.1 += Int(band.pixels[i + 1]); sum.2 += Int(band.pixels[i + 2])
                            i += 3
                        }
                    }
                    let n = (sy1 - sy0) * (sx1 - sx0)
                    let o = (oy * ow + ox) * 3
                    out.pixels[o] = UInt8((sum.0 + n / 2) / n)
                    out.pixels[o + 1] = UInt8((sum.1 + n / 2) / n)
                    out.pixels[o + 2] = UInt8((sum.2 + n / 2) / n)
                }
            }
            y += rows
        }
        return (out, Double(base.width) / Double(ow), Double(base.height) / Double(oh))
    }

    /// The tissue mask of this slide, computed on `thumbnail(maxDimension: parameters.maxDimension)`.
    /// See `TissueMask.compute(image:downsampleX:downsampleY:parameters:)`.
    public func tissueMask(parameters: TissueMaskParameters = .init()) throws -> TissueMask {
        try parameters.validate()
        let thumb = try thumbnail(maxDimension: parameters.maxDimension)
        return try TissueMask.compute(image: thumb.image, downsampleX: thumb.downsampleX,
                                      downsampleY: thumb.downsampleY, parameters: parameters)
    }
}
