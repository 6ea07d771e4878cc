/// An sRGB colour with components in 0…1.
public struct RGBColor: Sendable, Hashable, Codable {
    public var red: Double
    public var green: Double
    public var blue: Double

    public init(red: Double, green: Double, blue: Double) {
        self.red = red; self.green = green; self.blue = blue
    }

    /// A colour from `0xRRGGBB`.
    public init(hex: UInt32) {
        red = Double((hex >> 16) & 0xFF) / 255
        green = Double((hex >> 8) & 0xFF) / 255
        blue = Double(hex & 0xFF) / 255
    }

    /// Relative luminance (WCAG 2.1): Y = 0.2126 R + 0.7152 G + 0.0722 B on linearised sRGB.
    /// What a greyscale printer keeps of the colour.
    public var relativeLuminance: Double {
        func linear(_ c: Double) -> Double { c <= 0.04045 ? c / 12.92 : pow((c + 0.055) / 1.055, 2.4) }
        return 0.2126 * linear(red) + 0.7152 * linear(green) + 0.0722 * linear(blue)
    }

    /// This colour mixed with white: `t = 0` unchanged, `t = 1` white.
    public func lightened(_ t: Double) -> RGBColor {
        RGBColor(red: red + (1 - red) * t, green: green + (1 - green) * t, blue: blue + (1 - blue) * t)
    }

    public static let black = RGBColor(hex: 0x000000)
    public static let white = RGBColor(hex: 0xFFFFFF)
}

import Foundation
