import CCairo
import Foundation

/// A Cairo image surface owned for as long as something draws from it.
final class ImageSurface {
    let surface: OpaquePointer
    let width: Int
    let height: Int

    /// An ARGB32 surface filled by `pixel(x, y)`, which returns premultiplied 0xAARRGGBB.
    init(width: Int, height: Int, pixel: (Int, Int) -> UInt32) throws {
        guard let s = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, Int32(width), Int32(height)) else {
            throw ReportError.cairo(operation: "cairo_image_surface_create", status: "NULL")
        }
        surface = s
        self.width = width; self.height = height
        let status = cairo_surface_status(s)
        guard status == CAIRO_STATUS_SUCCESS, let data = cairo_image_surface_get_data(s) else {
            throw ReportError.cairo(operation: "cairo_image_surface_create \(width)×\(height)",
                                    status: String(cString: cairo_status_to_string(status)))
        }
        cairo_surface_flush(s)
        let stride = Int(cairo_image_surface_get_stride(s))
        let raw = UnsafeMutableRawPointer(data)
        for y in 0..<height {
            for x in 0..<width {
                raw.storeBytes(of: pixel(x, y), toByteOffset: y * stride + x * 4, as: UInt32.self)
            }
        }
        cairo_surface_mark_dirty(s)
    }

    deinit { cairo_surface_destroy(surface) }
}

extension Canvas {
    /// Draws `image` scaled into `rect` (aspect ratio kept, centred when `preserveAspect`).
    /// Returns the rectangle the image covers, for overlays and scale bars.
    @discardableResult
    public func drawImage(_ image: RGBImage, in rect: Rect, filter: ImageFilter = .smooth,
                          preserveAspect: Bool = true) throws -> Rect {
        let surface = try ImageSurface(width: image.width, height: image.height) { x, y in
            let i = (y * image.width + x) * 3
            return 0xFF00_0000 | UInt32(image.pixels[i]) << 16 | UInt32(image.pixels[i + 1]) << 8 | UInt32(image.pixels[i + 2])
        }
        let target = preserveAspect ? rect.aspectFit(width: Double(image.width), height: Double(image.height)) : rect
        try paint(surface, in: target, filter: filter, alpha: 1)
        return target
    }

    /// Draws `heatmap` through `colormap` into `rect` (no aspect change; pass the image's rectangle)
    /// with opacity `alpha` (0…1), nearest-neighbour so each cell stays a sharp block.
    public func drawHeatmap(_ heatmap: Heatmap, in rect: Rect, colormap: Colormap = .viridis,
                            alpha: Double = 0.5) throws {
        let surface = try ImageSurface(width: heatmap.columns, height: heatmap.rows) { x, y in
            let v = heatmap.values[y * heatmap.columns + x]
            guard let c = colormap.rgb8(at: heatmap.normalized(v)) else { return 0 }
            return 0xFF00_0000 | UInt32(c.red) << 16 | UInt32(c.green) << 8 | UInt32(c.blue)
        }
        try paint(surface, in: rect, filter: .nearest, alpha: min(max(alpha, 0), 1))
    }

    func paint(_ surface: ImageSurface, in rect: Rect, filter: ImageFilter, alpha: Double) throws {
        guard rect.width > 0, rect.height > 0 else { return }
        cairo_save(cr)
        cairo_rectangle(cr, rect.x, rect.y, rect.width, rect.height)
        cairo_clip(cr)
        cairo_translate(cr, rect.x, rect.y)
        cairo_scale(cr, rect.width / Double(surface.width), rect.height / Double(surface.height))
        cairo_set_source_surface(cr, surface.surface, 0, 0)
        let pattern = cairo_get_source(cr)
        cairo_pattern_set_filter(pattern, filter == .nearest ? CAIRO_FILTER_NEAREST : CAIRO_FILTER_GOOD)
        cairo_pattern_set_extend(pattern, CAIRO_EXTEND_PAD)
        cairo_paint_with_alpha(cr, alpha)
        cairo_restore(cr)
        try check("draw image")
    }
}
