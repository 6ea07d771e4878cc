import Foundation
import TMECore

/// A binary tissue/background mask of a slide at low resolution.
public struct TissueMask: Sendable, Hashable, Codable {
    public let width: Int
    public let height: Int
    /// Level-0 pixels per mask pixel along x and y.
    public let downsampleX: Double
    public let downsampleY: Double
    public let feature: TissueMaskParameters.Feature
    /// The Otsu threshold of the feature histogram (feature units).
    public let otsuThreshold: Double
    /// The threshold applied: max(Otsu, minimumThreshold). Tissue ⇔ feature > threshold.
    public let threshold: Double
    /// Row-major, 1 = tissue, 0 = background.
    public let pixels: [UInt8]

    /// Fraction of mask pixels that are tissue.
    public var tissueFraction: Double {
        pixels.isEmpty ? 0 : Double(pixels.reduce(0) { $0 + Int($1) }) / Double(pixels.count)
    }

    public func isTissue(x: Int, y: Int) -> Bool {
        x >= 0 && y >= 0 && x < width && y < height && pixels[y * width + x] == 1
    }

    /// Fraction of tissue among the mask pixels whose centres fall in a level-0 rectangle (e.g. a
    /// tile); the nearest mask pixel when none does. 0 for a rectangle outside the slide.
    public func tissueFraction(level0X x: Int, y: Int, width w: Int, height h: Int) -> Double {
        let mx0 = Int((Double(x) / downsampleX - 0.5).rounded(.up)), mx1 = Int((Double(x + w) / downsampleX - 0.5).rounded(.up))
        let my0 = Int((Double(y) / downsampleY - 0.5).rounded(.up)), my1 = Int((Double(y + h) / downsampleY - 0.5).rounded(.up))
        let x0 = max(0, mx0), x1 = min(width, max(mx1, mx0 + 1)), y0 = max(0, my0), y1 = min(height, max(my1, my0 + 1))
        guard x0 < x1, y0 < y1 else { return 0 }   // outside the slide (a Range would trap on lower > upper)
        let xs = x0..<x1, ys = y0..<y1
        var n = 0
        for my in ys { for mx in xs where pixels[my * width + mx] == 1 { n += 1 } }
        return Double(n) / Double(xs.count * ys.count)
    }

    /// The bounding box, in level-0 pixels, of the tissue mask pixels whose footprints overlap a level-0
    /// rectangle, each grown by `dilation` mask pixels, clipped to the rectangle; nil when none is tissue.
    ///
    /// A mask pixel (mx, my) covers level-0 [mx·dx, (mx+1)·dx) × [my·dy, (my+1)·dy). The dilation absorbs the
    /// mask's coarseness (pale tissue edges below the threshold, box-averaged thumbnails), so analysis can skip
    /// the glass outside the box without losing cells.
    public func tissueBounds(level0X x: Int, y: Int, width w: Int, height h: Int, dilation: Int) -> (x: Int, y: Int, width: Int, height: Int)? {
        guard w > 0, h > 0, width > 0, height > 0 else { return nil }
        let mx0 = max(0, Int((Double(x) / downsampleX).rounded(.down)) - dilation)
        let mx1 = min(width - 1, Int((Double(x + w - 1) / downsampleX).rounded(.down)) + dilation)
        let my0 = max(0, Int((Double(y) / downsampleY).rounded(.down)) - dilation)
        let my1 = min(height - 1, Int((Double(y + h - 1) / downsampleY).rounded(.down)) + dilation)
        guard mx0 <= mx1, my0 <= my1 else { return nil }
        var minX = Int.max, maxX = Int.min, minY = Int.max, maxY = Int.min
        for my in my0...my1 {
            for mx in mx0...mx1 where pixels[my * width + mx] == 1 {
                minX = min(minX, mx); maxX = max(maxX, mx); minY = min(minY, my); maxY = max(maxY, my)
            }
        }
        guard minX <= maxX else { return nil }
        let left = max(x, Int((Double(minX - dilation) * downsampleX).rounded(.down)))
        let right = min(x + w, Int((Double(maxX + 1 + dilation) * downsampleX).rounded(.up)))
        let top = max(y, Int((Double(minY - dilation) * downsampleY).rounded(.down)))
        let bottom = min(y + h, Int((Double(maxY + 1 + dilation) * downsampleY).rounded(.up)))
        guard left < right, top < bottom else { return nil }
        return (left, top, right - left, bottom - top)
    }

    /// Computes a tissue mask from a low-resolution RGB image.
    ///
    /// 1. Feature per pixel: saturation s = (max − min) / max (0 for black), or mean optical density
    ///    OD = (1/3) Σ_c −log₁₀((I_c + 1) / 256).
    /// 2. Otsu (1979): on a 256-bin histogram over [0, 1] (saturation) or [0, log₁₀ 256] (OD), pick the
    ///    bin k maximising the between-class variance σ_b²(k) = ω₀ω₁(μ₀ − μ₁)² (first maximum on ties);
    ///    the threshold is the centre of bin k. Applied threshold t = max(Otsu, minimumThreshold);
    ///    tissue ⇔ feature > t. A constant image has no Otsu split: t = minimumThreshold.
    /// 3. Tissue components (8-connected) smaller than `minObjectAreaPixels` become background; then
    ///    background components (4-connected) not touching the border with at most `maxHoleAreaPixels`
    ///    pixels become tissue.
    ///
    /// Example (tested): white glass with a pink disc (230, 160, 200) of radius 30 px containing a
    /// 5×5 white hole → the hole is filled, tissue fraction ≈ π·30² / image area.
    ///
    /// Reference: N. Otsu, "A threshold selection method from gray-level histograms", IEEE Trans. SMC 9 (1979).
    /// Throws `invalidParameter` for out-of-range parameters or a size mismatch.
    public static func compute(image: RGBImage, downsampleX: Double = 1, downsampleY: Double = 1,
                               parameters: TissueMaskParameters = .init()) throws -> TissueMask {
        try parameters.validate()
        let n = image.width * image.height
        let maxFeature = parameters.feature == .saturation ? 1.0 : log10(256.0)
        var values = [Double](repeating: 0, count: n)
        var histogram = [Int](repeating: 0, count: 256)
        for i in 0..<n {
            let r = image.pixels[i * 3], g = image.pixels[i * 3 + 1], b = image.pixels[i * 3 + 2]
            let v: Double
            switch parameters.feature {
            case .saturation:
                let mx = max(r, g, b), mn = min(r, g, b)
                v = mx == 0 ? 0 : Double(mx - mn) / Double(mx)
            case .opticalDensity:
                v = (-log10((Double(r) + 1) / 256) - log10((Double(g) + 1) / 256) - log10((Double(b) + 1) / 256)) / 3
            }
            values[i] = v
            histogram[min(255, Int(v / maxFeature * 256))] += 1
        }
        let otsu = otsuBin(histogram).map { (Double($0) + 0.5) / 256 * maxFeature }
        let threshold = max(otsu ?? parameters.minimumThreshold, parameters.minimumThreshold)
        var mask = values.map { $0 > threshold ? UInt8(1) : 0 }
        ConnectedComponents.removeSmall(&mask, width: image.width, height: image.height, value: 1,
                                        below: parameters.minObjectAreaPixels, eightConnected: true, keepBorder: true)
        ConnectedComponents.removeSmall(&mask, width: image.width, height: image.height, value: 0,
                                        below: parameters.maxHoleAreaPixels + 1, eightConnected: false, keepBorder: false)
        return TissueMask(width: image.width, height: image.height, downsampleX: downsampleX, downsampleY: downsampleY,
                          feature: parameters.feature, otsuThreshold: otsu ?? .nan, threshold: threshold, pixels: mask)
    }

    /// Otsu's bin: the k maximising ω₀(k)ω₁(k)(μ₀(k) − μ₁(k))² with class 0 = bins 0...k. nil if no k
    /// splits the histogram into two non-empty classes.
    static func otsuBin(_ histogram: [Int]) -> Int? {
        let total = Double(histogram.reduce(0, +))
        guard total > 0 else { return nil }
        let sumAll = histogram.enumerated().reduce(0.0) { $0 + Double($1.offset) * Double($1.element) }
        var w0 = 0.0, sum0 = 0.0, best = -1.0, bestK: Int?
        for k in 0..<(histogram.count - 1) {
            w0 += Double(histogram[k])
            sum0 += Double(k) * Double(histogram[k])
            let w1 = total - w0
            guard w0 > 0, w1 > 0 else { continue }
            let mu0 = sum0 / w0, mu1 = (sumAll - sum0) / w1
            let between = (w0 / total) * (w1 / total) * (mu0 - mu1) * (mu0 - mu1)
            if between > best { best = between; bestK = k }
        }
        return bestK
    }
}
