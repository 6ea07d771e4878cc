/// Colours and line styles that stay distinguishable for colour-blind readers and on greyscale print.
///
/// Colours are the Okabe–Ito set (Okabe & Ito 2008, "Color Universal Design"; Wong 2011,
/// Nature Methods 8:441). Because several Okabe–Ito colours have similar luminance, every data
/// series also gets its own dash pattern and marker shape, so series stay apart in greyscale.
public enum Palette {
    public static let black = RGBColor(hex: 0x000000)
    public static let orange = RGBColor(hex: 0xE69F00)
    public static let skyBlue = RGBColor(hex: 0x56B4E9)
    public static let bluishGreen = RGBColor(hex: 0x009E73)
    public static let yellow = RGBColor(hex: 0xF0E442)
    public static let blue = RGBColor(hex: 0x0072B2)
    public static let vermillion = RGBColor(hex: 0xD55E00)
    public static let reddishPurple = RGBColor(hex: 0xCC79A7)

    /// Text and axes.
    public static let ink = RGBColor(hex: 0x1A1A1A)
    /// Secondary text (captions, units).
    public static let mutedInk = RGBColor(hex: 0x555555)
    /// Grid lines and reference lines.
    public static let grid = RGBColor(hex: 0xD9D9D9)
    /// Table header background.
    public static let headerFill = RGBColor(hex: 0xDCE6F0)
    /// Zebra stripe for alternate table rows.
    public static let zebraFill = RGBColor(hex: 0xF2F2F2)
    /// The colour that marks "this patient" on cohort charts.
    public static let highlight = vermillion

    /// Series styles in order: blue solid, vermillion dashed, bluish green dotted, reddish purple
    /// dash-dot, orange long-dash, sky blue, black. Yellow is left out (too light on white paper).
    public static let series: [SeriesStyle] = [
        SeriesStyle(color: blue, dash: [], marker: .circle),
        SeriesStyle(color: vermillion, dash: [5, 2.5], marker: .square),
        SeriesStyle(color: bluishGreen, dash: [1.2, 1.8], marker: .triangle),
        SeriesStyle(color: reddishPurple, dash: [6, 2, 1.2, 2], marker: .diamond),
        SeriesStyle(color: orange, dash: [9, 3], marker: .circle),
        SeriesStyle(color: skyBlue, dash: [3, 3], marker: .square),
        SeriesStyle(color: black, dash: [1.2, 3], marker: .triangle),
    ]

    /// The style of series `index`, cycling when there are more series than styles.
    public static func style(for index: Int) -> SeriesStyle {
        series[((index % series.count) + series.count) % series.count]
    }
}

/// How one data series is drawn: colour, dash pattern (points on/off; empty = solid) and marker.
public struct SeriesStyle: Sendable, Hashable, Codable {
    public var color: RGBColor
    public var dash: [Double]
    public var marker: MarkerShape

    public init(color: RGBColor, dash: [Double], marker: MarkerShape) {
        self.color = color; self.dash = dash; self.marker = marker
    }
}

/// Point marker shapes.
public enum MarkerShape: String, Sendable, Hashable, Codable, CaseIterable {
    case circle, square, triangle, diamond, plus
}
