import CPango

/// A Pango font map owned by one document (or raster canvas).
///
/// Pango's default font map is per thread and its caches are not safe for concurrent use; a
/// document built on one task may be finished on another thread. Giving each document its own
/// map keeps documents independent, so `tme report all` can render many reports in parallel.
final class FontMap {
    let map: OpaquePointer

    init() throws {
        guard let m = pango_cairo_font_map_new() else { throw ReportError.pango(operation: "pango_cairo_font_map_new") }
        map = OpaquePointer(m)
    }

    deinit { g_object_unref(UnsafeMutableRawPointer(map)) }
}
