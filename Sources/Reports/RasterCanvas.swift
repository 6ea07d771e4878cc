import CCairo

/// A canvas on an in-memory ARGB image (1 point = 1 pixel), for checking drawn pixels in tests
/// and for raster previews.
final class RasterCanvas {
    private let surface: OpaquePointer
    let canvas: Canvas
    let width: Int
    let height: Int

    init(width: Int, height: Int) throws {
        guard let s = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, Int32(width), Int32(height)) else {
            throw ReportError.cairo(operation: "cairo_image_surface_create", status: "NULL")
        }
        let status = cairo_surface_status(s)
        guard status == CAIRO_STATUS_SUCCESS else {
            cairo_surface_destroy(s)
            throw ReportError.cairo(operation: "cairo_image_surface_create", status: String(cString: cairo_status_to_string(status)))
        }
        surface = s
        self.width = width; self.height = height
        do { canvas = try Canvas(surface: s, fontMap: try FontMap()) } catch { cairo_surface_destroy(s); throw error }
    }

    deinit { cairo_surface_destroy(surface) }

    /// Un-premultiplied (red, green, blue, alpha) at pixel (x, y).
    func pixel(x: Int, y: Int) -> (red: UInt8, green: UInt8, blue: UInt8, alpha: UInt8) {
        cairo_surface_flush(surface)
        guard let data = cairo_image_surface_get_data(surface) else { return (0, 0, 0, 0) }
        let stride = Int(cairo_image_surface_get_stride(surface))
        let v = UnsafeRawPointer(data).load(fromByteOffset: y * stride + x * 4, as: UInt32.self)
        let a = UInt8(v >> 24)
        func un(_ c: UInt32) -> UInt8 { a == 0 ? 0 : UInt8(min(255, (c * 255 + UInt32(a) / 2) / UInt32(a))) }
        return (un((v >> 16) & 0xFF), un((v >> 8) & 0xFF), un(v & 0xFF), a)
    }
}
