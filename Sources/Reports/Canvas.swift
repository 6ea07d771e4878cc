import CCairo
import CPango
import Foundation

/// A drawing surface for one page or one image: owns a Cairo context and the Pango context used
/// for its text. Coordinates are points, origin top-left, y downwards.
///
/// Every primitive checks `cairo_status` afterwards and throws `ReportError.cairo` on failure.
/// The Cairo and Pango handles never leave this class.
public final class Canvas {
    let cr: OpaquePointer
    let pangoContext: OpaquePointer
    private let fontMap: FontMap

    /// Creates a canvas drawing on `surface` (the caller keeps its own reference to the surface)
    /// with text from `fontMap`.
    init(surface: OpaquePointer, fontMap: FontMap) throws {
        self.fontMap = fontMap
        guard let cr = cairo_create(surface) else { throw ReportError.cairo(operation: "cairo_create", status: "NULL") }
        self.cr = cr
        if cairo_status(cr) != CAIRO_STATUS_SUCCESS {
            let status = String(cString: cairo_status_to_string(cairo_status(cr)))
            cairo_destroy(cr)
            throw ReportError.cairo(operation: "cairo_create", status: status)
        }
        guard let ctx = pango_font_map_create_context(UnsafeMutablePointer(fontMap.map)) else {
            cairo_destroy(cr)
            throw ReportError.pango(operation: "pango_font_map_create_context")
        }
        pango_cairo_update_context(cr, ctx)
        // Unhinted metrics: the layout does not depend on the output device, so a page measured
        // on a recording surface looks the same in the PDF and byte-identical output is possible.
        let options = cairo_font_options_create()
        cairo_font_options_set_hint_metrics(options, CAIRO_HINT_METRICS_OFF)
        cairo_font_options_set_hint_style(options, CAIRO_HINT_STYLE_NONE)
        pango_cairo_context_set_font_options(ctx, options)
        cairo_font_options_destroy(options)
        self.pangoContext = ctx
        cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND)
        cairo_set_line_cap(cr, CAIRO_LINE_CAP_BUTT)
    }

    deinit {
        g_object_unref(UnsafeMutableRawPointer(pangoContext))
        cairo_destroy(cr)
    }

    /// Throws if the Cairo context is in an error state (Cairo errors are sticky).
    func check(_ operation: String) throws {
        let status = cairo_status(cr)
        if status != CAIRO_STATUS_SUCCESS {
            throw ReportError.cairo(operation: operation, status: String(cString: cairo_status_to_string(status)))
        }
    }

    func setColor(_ color: RGBColor, alpha: Double = 1) {
        cairo_set_source_rgba(cr, color.red, color.green, color.blue, alpha)
    }

    func setDash(_ dash: [Double]) {
        if dash.isEmpty {
            cairo_set_dash(cr, nil, 0, 0)
        } else {
            dash.withUnsafeBufferPointer { cairo_set_dash(cr, $0.baseAddress, Int32($0.count), 0) }
        }
    }

    // MARK: - Shapes

    /// Fills a rectangle.
    public func fill(_ rect: Rect, color: RGBColor, alpha: Double = 1) throws {
        setColor(color, alpha: alpha)
        cairo_rectangle(cr, rect.x, rect.y, rect.width, rect.height)
        cairo_fill(cr)
        try check("fill rectangle")
    }

    /// Strokes the outline of a rectangle.
    public func stroke(_ rect: Rect, color: RGBColor, lineWidth: Double = 0.5) throws {
        setColor(color)
        setDash([])
        cairo_set_line_width(cr, lineWidth)
        cairo_rectangle(cr, rect.x, rect.y, rect.width, rect.height)
        cairo_stroke(cr)
        try check("stroke rectangle")
    }

    /// Draws a straight line.
    public func line(from a: Point, to b: Point, color: RGBColor, lineWidth: Double = 0.5,
                     dash: [Double] = [], alpha: Double = 1) throws {
        try polyline([a, b], color: color, lineWidth: lineWidth, dash: dash, alpha: alpha)
    }

    /// Draws connected line segments through `points`.
    public func polyline(_ points: [Point], color: RGBColor, lineWidth: Double = 1,
                         dash: [Double] = [], alpha: Double = 1) throws {
        guard let first = points.first, points.count > 1 else { return }
        setColor(color, alpha: alpha)
        setDash(dash)
        cairo_set_line_width(cr, lineWidth)
        cairo_move_to(cr, first.x, first.y)
        for p in points.dropFirst() { cairo_line_to(cr, p.x, p.y) }
        cairo_stroke(cr)
        setDash([])
        try check("stroke polyline")
    }

    /// Fills the polygon through `points`.
    public func fillPolygon(_ points: [Point], color: RGBColor, alpha: Double = 1) throws {
        guard let first = points.first, points.count > 2 else { return }
        setColor(color, alpha: alpha)
        cairo_move_to(cr, first.x, first.y)
        for p in points.dropFirst() { cairo_line_to(cr, p.x, p.y) }
        cairo_close_path(cr)
        cairo_fill(cr)
        try check("fill polygon")
    }

    /// Draws a marker of `size` points (its bounding box) centred on `center`.
    /// `filled: false` draws the outline on a white fill, so open markers read over lines.
    public func marker(_ shape: MarkerShape, at center: Point, size: Double, color: RGBColor,
                       filled: Bool = true, lineWidth: Double = 0.8) throws {
        let r = size / 2
        setDash([])
        cairo_new_path(cr)
        switch shape {
        case .circle:
            cairo_arc(cr, center.x, center.y, r, 0, 2 * Double.pi)
        case .square:
            cairo_rectangle(cr, center.x - r, center.y - r, size, size)
        case .triangle:
            cairo_move_to(cr, center.x, center.y - r)
            cairo_line_to(cr, center.x + r, center.y + r * 0.8)
            cairo_line_to(cr, center.x - r, center.y + r * 0.8)
            cairo_close_path(cr)
        case .diamond:
            cairo_move_to(cr, center.x, center.y - r)
            cairo_line_to(cr, center.x + r, center.y)
            cairo_line_to(cr, center.x, center.y + r)
            cairo_line_to(cr, center.x - r, center.y)
            cairo_close_path(cr)
        case .plus:
            cairo_move_to(cr, center.x - r, center.y)
            cairo_line_to(cr, center.x + r, center.y)
            cairo_move_to(cr, center.x, center.y - r)
            cairo_line_to(cr, center.x, center.y + r)
            setColor(color)
            cairo_set_line_width(cr, lineWidth)
            cairo_stroke(cr)
            try check("draw marker")
            return
        }
        if filled {
            setColor(color)
            cairo_fill(cr)
        } else {
            setColor(.white)
            cairo_fill_preserve(cr)
            setColor(color)
            cairo_set_line_width(cr, lineWidth)
            cairo_stroke(cr)
        }
        try check("draw marker")
    }

    /// Runs `body` with drawing clipped to `rect`.
    public func clipped(to rect: Rect, _ body: () throws -> Void) throws {
        cairo_save(cr)
        cairo_rectangle(cr, rect.x, rect.y, rect.width, rect.height)
        cairo_clip(cr)
        defer { cairo_restore(cr) }
        try body()
        try check("clipped drawing")
    }
}
