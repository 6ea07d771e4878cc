/// A point in PDF user space: points (1/72 inch), origin at the top-left of the page, y downwards.
public struct Point: Sendable, Hashable, Codable {
    public var x: Double
    public var y: Double
    public init(x: Double, y: Double) { self.x = x; self.y = y }
}

/// An axis-aligned rectangle in points (origin top-left, y downwards).
public struct Rect: Sendable, Hashable, Codable {
    public var x: Double
    public var y: Double
    public var width: Double
    public var height: Double

    public init(x: Double, y: Double, width: Double, height: Double) {
        self.x = x; self.y = y; self.width = width; self.height = height
    }

    public var minX: Double { x }
    public var minY: Double { y }
    public var maxX: Double { x + width }
    public var maxY: Double { y + height }
    public var midX: Double { x + width / 2 }
    public var midY: Double { y + height / 2 }

    /// The rectangle shrunk by the given amounts on each side (never negative in size).
    public func inset(top: Double = 0, left: Double = 0, bottom: Double = 0, right: Double = 0) -> Rect {
        Rect(x: x + left, y: y + top,
             width: max(0, width - left - right), height: max(0, height - top - bottom))
    }

    /// The rectangle shrunk by `amount` on all four sides.
    public func inset(by amount: Double) -> Rect {
        inset(top: amount, left: amount, bottom: amount, right: amount)
    }

    /// The largest rectangle with aspect `aspectWidth : aspectHeight` centred inside this one.
    public func aspectFit(width aspectWidth: Double, height aspectHeight: Double) -> Rect {
        guard aspectWidth > 0, aspectHeight > 0, width > 0, height > 0 else { return self }
        let scale = min(width / aspectWidth, height / aspectHeight)
        let w = aspectWidth * scale, h = aspectHeight * scale
        return Rect(x: x + (width - w) / 2, y: y + (height - h) / 2, width: w, height: h)
    }

    /// True when `other` lies entirely inside this rectangle (with a tolerance in points).
    public func contains(_ other: Rect, tolerance: Double = 1e-6) -> Bool {
        other.minX >= minX - tolerance && other.minY >= minY - tolerance
            && other.maxX <= maxX + tolerance && other.maxY <= maxY + tolerance
    }
}

/// Page margins in points.
public struct Margins: Sendable, Hashable, Codable {
    public var top: Double
    public var left: Double
    public var bottom: Double
    public var right: Double

    public init(top: Double, left: Double, bottom: Double, right: Double) {
        self.top = top; self.left = left; self.bottom = bottom; self.right = right
    }

    /// Equal margins on all sides, in millimetres.
    public static func millimetres(_ mm: Double) -> Margins {
        let pt = mm * PageSize.pointsPerMillimetre
        return Margins(top: pt, left: pt, bottom: pt, right: pt)
    }

    /// 18 mm on every side: room for the running header and footer on A4 and US Letter.
    public static let standard = Margins.millimetres(18)
}
