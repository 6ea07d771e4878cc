import CCairo
import CJPEG
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

    /// Attaches a JPEG encoding of `image` (the same pixels) so the PDF backend embeds it with
    /// DCTDecode instead of deflated raw RGB: an H&E thumbnail drops from ~600 KB to ~60 KB at
    /// quality 88, below what a reader sees at print size. Raster output ignores it. When libjpeg
    /// fails the surface keeps only its raw pixels (still correct, just larger).
    func attachJPEG(of image: RGBImage, quality: Int) {
        var out: UnsafeMutablePointer<UInt8>?
        var size: UInt = 0
        var message = [CChar](repeating: 0, count: 200)
        let rc = image.pixels.withUnsafeBufferPointer { p in
            tme_jpeg_encode_rgb(p.baseAddress, Int32(image.width), Int32(image.height), Int32(quality), &out, &size,
                                &message, message.count)
        }
        guard rc == 0, let out else { return }
        // Cairo owns the buffer from here and frees it with the surface.
        let status = cairo_surface_set_mime_data(surface, "image/jpeg", out, size, { tme_jpeg_free($0?.assumingMemoryBound(to: UInt8.self)) }, out)
        if status != CAIRO_STATUS_SUCCESS { tme_jpeg_free(out) }
    }

    deinit { cairo_surface_destroy(surface) }
}

extension Canvas {
    /// How a photographic image is stored in a PDF.
    public enum ImageEncoding: Sendable, Hashable {
        /// Lossless (deflate), for charts rendered as images or pixel-exact figures.
        case lossless
        /// JPEG at the given quality (1…100), for slide thumbnails and tiles.
        case jpeg(quality: Int)
    }

    /// Draws `image` scaled into `rect` (aspect ratio kept, centred when `preserveAspect`).
    /// Returns the rectangle the image covers, for overlays and scale bars.
    @discardableResult
    public func drawImage(_ image: RGBImage, in rect: Rect, filter: ImageFilter = .smooth,
                          preserveAspect: Bool = true, encoding: ImageEncoding = .jpeg(quality: 88)) throws -> Rect {
        let surface = try ImageSurface(width: image.width, height: image.height) { x, y in
            let i = (y * image.width + x) * 3
            return 0xFF00_0000 | UInt32(image.pixels[i]) << 16 | UInt32(image.pixels[i + 1]) << 8 | UInt32(image.pixels[i + 2])
        }
        if case .jpeg(let quality) = encoding, image.width * image.height >= 64 * 64 {
            surface.attachJPEG(of: image, quality: quality)
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
        // EXTEND_NONE: with PAD the PDF backend rasterises a padded copy of every image, so identical
        // images could not be shared and each copy is cropped differently.
        cairo_pattern_set_extend(pattern, CAIRO_EXTEND_NONE)
        cairo_paint_with_alpha(cr, alpha)
        cairo_restore(cr)
        try check("draw image")
    }
}
