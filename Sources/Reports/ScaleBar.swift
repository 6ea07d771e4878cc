import Foundation

/// A scale bar for a slide image: a length of 1, 2 or 5 × 10ᵏ µm that fits in the allowed
/// width, labelled in µm below 1 mm and in mm from 1 mm.
///
/// Rule: with `micronsPerPixel` (image calibration) and `pointsPerPixel` (how large one image
/// pixel is drawn), the longest nice length L with L / micronsPerPixel · pointsPerPixel ≤ maxPoints.
/// Example: 0.5 µm/px drawn at 0.1 pt/px, at most 60 pt → at most 300 µm → 200 µm (40 pt, "200 µm").
public struct ScaleBar: Sendable, Hashable, Codable {
    public let lengthMicrons: Double
    public let lengthPoints: Double

    /// nil when the calibration is not positive and finite.
    public init?(micronsPerPixel: Double, pointsPerPixel: Double, maxPoints: Double) {
        guard micronsPerPixel > 0, pointsPerPixel > 0, maxPoints > 0,
              micronsPerPixel.isFinite, pointsPerPixel.isFinite, maxPoints.isFinite else { return nil }
        let pointsPerMicron = pointsPerPixel / micronsPerPixel
        let maxMicrons = maxPoints / pointsPerMicron
        let exponent = log10(maxMicrons).rounded(.down)
        let base = pow(10, exponent)
        let mantissa = [5.0, 2, 1].first { $0 * base <= maxMicrons * (1 + 1e-12) } ?? 1
        lengthMicrons = mantissa * base
        lengthPoints = lengthMicrons * pointsPerMicron
    }

    /// "500 µm", "1 mm", "2.5 mm" (never more than needed decimals).
    public var label: String {
        func trim(_ v: Double) -> String {
            var s = String(format: "%.3f", v)
            while s.hasSuffix("0") { s.removeLast() }
            if s.hasSuffix(".") { s.removeLast() }
            return s
        }
        return lengthMicrons >= 1000 ? "\(trim(lengthMicrons / 1000)) mm" : "\(trim(lengthMicrons)) µm"
    }

    /// Draws the bar with its label in the lower-left corner of `imageRect` on a white backing.
    public func draw(on canvas: Canvas, inImage imageRect: Rect) throws {
        let style = TextStyle(sizePoints: 7, weight: .bold)
        let textSize = try canvas.measure(label, style: style)
        let w = max(lengthPoints, textSize.width) + 8
        let back = Rect(x: imageRect.minX + 4, y: imageRect.maxY - 4 - textSize.height - 10, width: w, height: textSize.height + 10)
        try canvas.fill(back, color: .white, alpha: 0.8)
        let y = back.maxY - 4
        try canvas.line(from: Point(x: back.minX + 4, y: y), to: Point(x: back.minX + 4 + lengthPoints, y: y), color: .black, lineWidth: 2)
        try canvas.drawLabel(label, at: Point(x: back.minX + 4 + lengthPoints / 2, y: y - 2.5), anchor: .bottomCenter, style: style)
    }
}
