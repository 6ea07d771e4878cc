/// A detected cell to mark on a slide image: its centre in image pixels (x right, y down, as in
/// the `RGBImage` drawn) and an index into the figure's list of class names.
public struct CellMark: Sendable, Hashable, Codable {
    public var x: Double
    public var y: Double
    public var classIndex: Int

    public init(x: Double, y: Double, classIndex: Int) {
        self.x = x; self.y = y; self.classIndex = classIndex
    }
}

extension Canvas {
    /// Draws `cells` over an image shown in `imageRect` (`imageWidth × imageHeight` pixels) as open
    /// markers in each class's series style (colour and shape, so classes differ in greyscale too).
    /// Cells outside the image are skipped.
    public func drawCellMarks(_ cells: [CellMark], imageWidth: Int, imageHeight: Int, in imageRect: Rect,
                              markerSize: Double = 4) throws {
        guard imageWidth > 0, imageHeight > 0 else { return }
        let sx = imageRect.width / Double(imageWidth), sy = imageRect.height / Double(imageHeight)
        try clipped(to: imageRect) {
            for c in cells where c.x.isFinite && c.y.isFinite && c.x >= 0 && c.y >= 0
                && c.x <= Double(imageWidth) && c.y <= Double(imageHeight) {
                let style = Palette.style(for: c.classIndex)
                try marker(style.marker, at: Point(x: imageRect.minX + c.x * sx, y: imageRect.minY + c.y * sy),
                           size: markerSize, color: style.color, filled: false, lineWidth: 0.7)
            }
        }
    }
}
