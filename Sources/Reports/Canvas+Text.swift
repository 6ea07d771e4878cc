import CCairo
import CPango
import Foundation

/// Where a single-line label sits relative to its anchor point.
public enum TextAnchor: Sendable, Hashable, Codable {
    case topLeft, topCenter, topRight
    case middleLeft, middleCenter, middleRight
    case bottomLeft, bottomCenter, bottomRight
}

/// The measured size of laid-out text, in points.
public struct TextSize: Sendable, Hashable, Codable {
    public var width: Double
    public var height: Double
    public var lineCount: Int
}

/// A Pango layout owned for the duration of one measurement or drawing.
final class TextLayout {
    let layout: OpaquePointer
    init(_ layout: OpaquePointer) { self.layout = layout }
    deinit { g_object_unref(UnsafeMutableRawPointer(layout)) }

    var size: TextSize {
        var ink = PangoRectangle(), logical = PangoRectangle()
        pango_layout_get_extents(layout, &ink, &logical)
        let scale = Double(PANGO_SCALE)
        return TextSize(width: Double(logical.width) / scale, height: Double(logical.height) / scale,
                        lineCount: Int(pango_layout_get_line_count(layout)))
    }

    var isEllipsized: Bool { pango_layout_is_ellipsized(layout) != 0 }
}

extension Canvas {
    /// Makes text from a database safe to hand to Pango as plain text (never markup): control
    /// characters become U+FFFD, tabs become spaces, CR LF becomes LF, and in single-paragraph
    /// modes line breaks become spaces.
    static func sanitized(_ text: String, keepLineBreaks: Bool) -> String {
        var out = String.UnicodeScalarView()
        var previousWasCR = false
        for scalar in text.unicodeScalars {
            defer { previousWasCR = scalar == "\r" }
            switch scalar.value {
            case 0x0A:
                if previousWasCR { continue }
                out.append(keepLineBreaks ? "\n" : " ")
            case 0x0D, 0x2028, 0x2029:
                out.append(keepLineBreaks ? "\n" : " ")
            case 0x09:
                out.append(" ")
            case 0x00..<0x20, 0x7F..<0xA0, 0xFFFE, 0xFFFF:
                out.append("\u{FFFD}")
            default:
                out.append(scalar)
            }
        }
        return String(out)
    }

    /// Lays out `text` with `style`. `width` (points) enables wrapping/ellipsis; `height` (points)
    /// limits `.wrap` text to the box (Pango ellipsizes the last line that fits).
    func makeLayout(_ text: String, style: TextStyle, width: Double?, height: Double? = nil) throws -> TextLayout {
        let keepBreaks: Bool
        switch style.overflow {
        case .wrap: keepBreaks = true
        case .wrapLines, .ellipsis: keepBreaks = false
        }
        let clean = Canvas.sanitized(text, keepLineBreaks: keepBreaks)
        guard let raw = pango_layout_new(pangoContext) else { throw ReportError.pango(operation: "pango_layout_new") }
        let layout = TextLayout(raw)
        guard let font = pango_font_description_new() else { throw ReportError.pango(operation: "pango_font_description_new") }
        defer { pango_font_description_free(font) }
        pango_font_description_set_family(font, style.family)
        pango_font_description_set_weight(font, style.weight == .bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL)
        pango_font_description_set_style(font, style.italic ? PANGO_STYLE_ITALIC : PANGO_STYLE_NORMAL)
        pango_font_description_set_absolute_size(font, style.sizePoints * Double(PANGO_SCALE))
        pango_layout_set_font_description(raw, font)
        // Plain text: quotes, '<', '&' and '%' are characters, never markup or format directives.
        clean.withCString { pango_layout_set_text(raw, $0, Int32(clean.utf8.count)) }
        if style.extraLineSpacing > 0 {
            pango_layout_set_spacing(raw, Int32(style.extraLineSpacing * style.sizePoints * Double(PANGO_SCALE)))
        }
        switch style.alignment {
        case .left: pango_layout_set_alignment(raw, PANGO_ALIGN_LEFT)
        case .center: pango_layout_set_alignment(raw, PANGO_ALIGN_CENTER)
        case .right: pango_layout_set_alignment(raw, PANGO_ALIGN_RIGHT)
        }
        if let width {
            pango_layout_set_width(raw, Int32(max(1, width) * Double(PANGO_SCALE)))
            pango_layout_set_wrap(raw, PANGO_WRAP_WORD_CHAR)
            switch style.overflow {
            case .wrap:
                if let height {
                    pango_layout_set_ellipsize(raw, PANGO_ELLIPSIZE_END)
                    pango_layout_set_height(raw, Int32(max(1, height) * Double(PANGO_SCALE)))
                }
            case .wrapLines(let maxLines):
                pango_layout_set_ellipsize(raw, PANGO_ELLIPSIZE_END)
                pango_layout_set_height(raw, Int32(-max(1, maxLines)))
            case .ellipsis:
                pango_layout_set_ellipsize(raw, PANGO_ELLIPSIZE_END)
                pango_layout_set_height(raw, -1)
            }
        }
        return layout
    }

    /// Splits `text` (wrapped at `width`) after the last whole line that fits in `height` points.
    /// Returns nil when everything fits; the head is empty when not even one line fits.
    /// Text is sanitized first (line breaks kept), so the parts can be drawn as they are.
    func splitForHeight(_ text: String, style: TextStyle, width: Double, height: Double) throws -> (head: String, tail: String)? {
        var plain = style
        plain.overflow = .wrap
        let clean = Canvas.sanitized(text, keepLineBreaks: true)
        let layout = try makeLayout(clean, style: plain, width: width)
        guard layout.size.height > height else { return nil }
        guard let iter = pango_layout_get_iter(layout.layout) else { throw ReportError.pango(operation: "pango_layout_get_iter") }
        defer { pango_layout_iter_free(iter) }
        var splitByte = 0
        repeat {
            var y0: Int32 = 0, y1: Int32 = 0
            pango_layout_iter_get_line_yrange(iter, &y0, &y1)
            guard let line = pango_layout_iter_get_line_readonly(iter) else { break }
            if Double(y1) / Double(PANGO_SCALE) > height {
                splitByte = Int(line.pointee.start_index)
                break
            }
        } while pango_layout_iter_next_line(iter) != 0
        let utf8 = Array(clean.utf8)
        let cut = min(max(splitByte, 0), utf8.count)
        var head = String(decoding: utf8[..<cut], as: UTF8.self)
        while head.hasSuffix("\n") || head.hasSuffix(" ") { head.removeLast() }
        var tail = String(decoding: utf8[cut...], as: UTF8.self)
        while tail.hasPrefix("\n") { tail.removeFirst() }
        return (head, tail)
    }

    /// Measures `text` laid out at `width` points (nil: one unbroken line per paragraph).
    public func measure(_ text: String, style: TextStyle, width: Double? = nil) throws -> TextSize {
        try makeLayout(text, style: style, width: width).size
    }

    /// Draws `text` inside `rect`, wrapped to its width and never below its bottom edge (the last
    /// visible line ends in "…" when text is cut). Returns the height used.
    @discardableResult
    public func drawText(_ text: String, in rect: Rect, style: TextStyle) throws -> Double {
        let layout = try makeLayout(text, style: style, width: rect.width, height: rect.height)
        try show(layout, at: Point(x: rect.x, y: rect.y), color: style.color)
        return min(layout.size.height, max(rect.height, 0) + style.sizePoints * 2)
    }

    /// Draws a single-line label anchored at `point`; `maxWidth` ellipsizes it.
    /// Returns the rectangle it occupies.
    @discardableResult
    public func drawLabel(_ text: String, at point: Point, anchor: TextAnchor, style: TextStyle,
                          maxWidth: Double? = nil) throws -> Rect {
        var single = style
        single.overflow = .ellipsis
        single.alignment = .left
        let layout = try makeLayout(text, style: single, width: maxWidth)
        if maxWidth == nil { pango_layout_set_width(layout.layout, -1) }
        let size = layout.size
        let origin = Canvas.origin(of: size, at: point, anchor: anchor)
        try show(layout, at: origin, color: style.color)
        return Rect(x: origin.x, y: origin.y, width: size.width, height: size.height)
    }

    /// Draws a single-line label rotated 90° counter-clockwise (reading bottom to top), centred on `center`.
    public func drawVerticalLabel(_ text: String, center: Point, style: TextStyle, maxLength: Double) throws {
        var single = style
        single.overflow = .ellipsis
        single.alignment = .center
        let layout = try makeLayout(text, style: single, width: maxLength)
        let size = layout.size
        cairo_save(cr)
        cairo_translate(cr, center.x - size.height / 2, center.y + maxLength / 2)
        cairo_rotate(cr, -Double.pi / 2)
        pango_cairo_update_layout(cr, layout.layout)
        setColor(style.color)
        cairo_move_to(cr, 0, 0)
        pango_cairo_show_layout(cr, layout.layout)
        cairo_restore(cr)
        try check("draw rotated text")
    }

    func show(_ layout: TextLayout, at origin: Point, color: RGBColor) throws {
        setColor(color)
        cairo_move_to(cr, origin.x, origin.y)
        pango_cairo_update_layout(cr, layout.layout)
        pango_cairo_show_layout(cr, layout.layout)
        try check("draw text")
    }

    static func origin(of size: TextSize, at p: Point, anchor: TextAnchor) -> Point {
        let dx: Double, dy: Double
        switch anchor {
        case .topLeft, .middleLeft, .bottomLeft: dx = 0
        case .topCenter, .middleCenter, .bottomCenter: dx = -size.width / 2
        case .topRight, .middleRight, .bottomRight: dx = -size.width
        }
        switch anchor {
        case .topLeft, .topCenter, .topRight: dy = 0
        case .middleLeft, .middleCenter, .middleRight: dy = -size.height / 2
        case .bottomLeft, .bottomCenter, .bottomRight: dy = -size.height
        }
        return Point(x: p.x + dx, y: p.y + dy)
    }
}
