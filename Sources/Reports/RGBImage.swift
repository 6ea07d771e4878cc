/// An 8-bit sRGB raster: `pixels` holds `width × height × 3` bytes, row by row from the top,
/// R, G, B per pixel (what SlideIO returns for a thumbnail or tile).
public struct RGBImage: Sendable, Hashable, Codable {
    public let width: Int
    public let height: Int
    public let pixels: [UInt8]

    /// Throws `ReportError.invalidImage` when the buffer length is not `width × height × 3`
    /// or a dimension is not positive.
    public init(width: Int, height: Int, pixels: [UInt8]) throws {
        let (area, overflow1) = width.multipliedReportingOverflow(by: height)
        let (expected, overflow2) = area.multipliedReportingOverflow(by: 3)
        guard width > 0, height > 0, !overflow1, !overflow2, pixels.count == expected else {
            throw ReportError.invalidImage(width: width, height: height,
                                           expectedBytes: (overflow1 || overflow2) ? -1 : max(0, expected),
                                           actualBytes: pixels.count)
        }
        self.width = width; self.height = height; self.pixels = pixels
    }

    /// The pixel at column `x`, row `y` (both from 0, y from the top).
    public func pixel(x: Int, y: Int) -> (red: UInt8, green: UInt8, blue: UInt8) {
        let i = (y * width + x) * 3
        return (pixels[i], pixels[i + 1], pixels[i + 2])
    }
}

/// How a raster is resampled when scaled onto the page.
public enum ImageFilter: String, Sendable, Hashable, Codable {
    /// Each source pixel becomes a sharp block: heatmaps, masks, class maps.
    case nearest
    /// Smooth interpolation: photographs of tissue.
    case smooth
}

/// A grid of scalar values drawn through a colormap (row-major, row 0 at the top).
/// NaN cells (no tissue, no data) are transparent.
public struct Heatmap: Sendable, Hashable, Codable {
    public let columns: Int
    public let rows: Int
    public let values: [Double]
    /// Values mapped to the colormap's ends; outside values are clamped.
    public let lower: Double
    public let upper: Double

    /// Throws `ReportError.invalidChartData` on a size mismatch or an empty/inverted range.
    public init(columns: Int, rows: Int, values: [Double], lower: Double, upper: Double) throws {
        guard columns > 0, rows > 0, values.count == columns * rows else {
            throw ReportError.invalidChartData(chart: "Heatmap",
                                               detail: "\(values.count) values for a \(columns)×\(rows) grid (need columns × rows)")
        }
        guard lower.isFinite, upper.isFinite, upper > lower else {
            throw ReportError.invalidChartData(chart: "Heatmap", detail: "value range must be finite with upper > lower")
        }
        self.columns = columns; self.rows = rows; self.values = values
        self.lower = lower; self.upper = upper
    }

    /// The value scaled to 0…1 (unclamped; NaN stays NaN).
    public func normalized(_ v: Double) -> Double { (v - lower) / (upper - lower) }
}
