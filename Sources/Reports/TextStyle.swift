/// Font weight of the DejaVu family.
public enum FontWeight: String, Sendable, Hashable, Codable {
    case regular, bold
}

/// Horizontal alignment of text inside its box.
public enum TextAlignment: String, Sendable, Hashable, Codable {
    case left, center, right
}

/// What happens to text wider than its box.
public enum TextOverflow: Sendable, Hashable, Codable {
    /// Wrap at word boundaries (breaking inside words that are longer than a line); no line limit.
    case wrap
    /// Wrap up to `maxLines` lines, ending the last one with "…" when more text remains.
    /// Line breaks in the text become spaces.
    case wrapLines(maxLines: Int)
    /// One line; "…" at the end when the text is wider than the box. Line breaks become spaces.
    case ellipsis
}

/// How a run of text looks. Sizes are in points.
public struct TextStyle: Sendable, Hashable, Codable {
    /// A fontconfig family name; DejaVu Sans (fonts-dejavu-core) by default. Characters it lacks
    /// (e.g. CJK) fall back to another installed font through fontconfig.
    public var family: String
    public var sizePoints: Double
    public var weight: FontWeight
    public var italic: Bool
    public var color: RGBColor
    public var alignment: TextAlignment
    public var overflow: TextOverflow
    /// Extra space between lines as a fraction of the font size (0 = the font's own leading).
    public var extraLineSpacing: Double

    public init(family: String = TextStyle.defaultFamily, sizePoints: Double = 9.5, weight: FontWeight = .regular,
                italic: Bool = false, color: RGBColor = Palette.ink, alignment: TextAlignment = .left,
                overflow: TextOverflow = .wrap, extraLineSpacing: Double = 0) {
        self.family = family; self.sizePoints = sizePoints; self.weight = weight; self.italic = italic
        self.color = color; self.alignment = alignment; self.overflow = overflow
        self.extraLineSpacing = extraLineSpacing
    }

    public static let defaultFamily = "DejaVu Sans"

    public static let body = TextStyle()
    public static let small = TextStyle(sizePoints: 8, color: Palette.mutedInk)
    public static let heading1 = TextStyle(sizePoints: 16, weight: .bold)
    public static let heading2 = TextStyle(sizePoints: 12, weight: .bold)
    public static let tickLabel = TextStyle(sizePoints: 7.5, color: Palette.ink, overflow: .ellipsis)
    public static let axisTitle = TextStyle(sizePoints: 8.5, color: Palette.ink, alignment: .center, overflow: .ellipsis)

    /// The same style with other settings changed.
    public func with(size: Double? = nil, weight: FontWeight? = nil, color: RGBColor? = nil,
                     alignment: TextAlignment? = nil, overflow: TextOverflow? = nil) -> TextStyle {
        var copy = self
        if let size { copy.sizePoints = size }
        if let weight { copy.weight = weight }
        if let color { copy.color = color }
        if let alignment { copy.alignment = alignment }
        if let overflow { copy.overflow = overflow }
        return copy
    }
}
