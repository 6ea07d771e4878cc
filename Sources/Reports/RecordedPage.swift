import CCairo

/// One page drawn onto a Cairo recording surface. Pages are recorded first and replayed into the
/// PDF at the end, when the page count ("page X of Y") is known.
final class RecordedPage {
    let surface: OpaquePointer
    let canvas: Canvas

    init(size: PageSize, fontMap: FontMap) throws {
        var extents = cairo_rectangle_t(x: 0, y: 0, width: size.widthPoints, height: size.heightPoints)
        guard let s = cairo_recording_surface_create(CAIRO_CONTENT_COLOR_ALPHA, &extents) else {
            throw ReportError.cairo(operation: "cairo_recording_surface_create", status: "NULL")
        }
        let status = cairo_surface_status(s)
        guard status == CAIRO_STATUS_SUCCESS else {
            cairo_surface_destroy(s)
            throw ReportError.cairo(operation: "cairo_recording_surface_create",
                                    status: String(cString: cairo_status_to_string(status)))
        }
        surface = s
        do { canvas = try Canvas(surface: s, fontMap: fontMap) } catch { cairo_surface_destroy(s); throw error }
    }

    deinit { cairo_surface_destroy(surface) }
}
