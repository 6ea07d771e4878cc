import CCairo
import Foundation

/// Collects the bytes Cairo's PDF stream writer hands over.
private final class ByteSink {
    var bytes: [UInt8] = []
}

/// Replays recorded pages into a PDF, adding the running header and footer. The PDF is returned
/// as bytes; writing it to disk (atomically) is the caller's job.
enum PDFRenderer {
    static func render(pages: [RecordedPage], settings: DocumentSettings, fontMap: FontMap) throws -> [UInt8] {
        guard !pages.isEmpty else { throw ReportError.emptyDocument }
        let sink = ByteSink()
        let context = Unmanaged.passRetained(sink)
        defer { context.release() }
        let size = settings.pageSize
        guard let surface = cairo_pdf_surface_create_for_stream({ closure, data, length in
            guard let closure, let data else { return CAIRO_STATUS_WRITE_ERROR }
            let sink = Unmanaged<ByteSink>.fromOpaque(closure).takeUnretainedValue()
            sink.bytes.append(contentsOf: UnsafeBufferPointer(start: data, count: Int(length)))
            return CAIRO_STATUS_SUCCESS
        }, context.toOpaque(), size.widthPoints, size.heightPoints) else {
            throw ReportError.cairo(operation: "cairo_pdf_surface_create_for_stream", status: "NULL")
        }
        defer { cairo_surface_destroy(surface) }
        try checkSurface(surface, "cairo_pdf_surface_create_for_stream")
        setMetadata(surface, settings)
        do {
            let canvas = try Canvas(surface: surface, fontMap: fontMap)
            for (index, page) in pages.enumerated() {
                cairo_surface_flush(page.surface)
                cairo_set_source_surface(canvas.cr, page.surface, 0, 0)
                cairo_paint(canvas.cr)
                try canvas.check("replay page \(index + 1)")
                try RunningHeader.draw(on: canvas, settings: settings, page: index + 1, of: pages.count)
                cairo_show_page(canvas.cr)
                try canvas.check("show page \(index + 1)")
            }
        }
        cairo_surface_finish(surface)
        try checkSurface(surface, "finish PDF")
        return sink.bytes
    }

    private static func setMetadata(_ surface: OpaquePointer, _ settings: DocumentSettings) {
        let date = DocumentSettings.pdfDateString(settings.creationDate ?? Date())
        let entries: [(cairo_pdf_metadata_t, String)] = [
            (CAIRO_PDF_METADATA_TITLE, Canvas.sanitized(settings.title, keepLineBreaks: false)),
            (CAIRO_PDF_METADATA_AUTHOR, Canvas.sanitized(settings.author, keepLineBreaks: false)),
            (CAIRO_PDF_METADATA_SUBJECT, Canvas.sanitized(settings.subject, keepLineBreaks: false)),
            (CAIRO_PDF_METADATA_CREATOR, Canvas.sanitized(settings.creator, keepLineBreaks: false)),
            (CAIRO_PDF_METADATA_CREATE_DATE, date),
            (CAIRO_PDF_METADATA_MOD_DATE, date),
        ]
        for (key, value) in entries where !value.isEmpty {
            cairo_pdf_surface_set_metadata(surface, key, value)
        }
    }

    private static func checkSurface(_ surface: OpaquePointer, _ operation: String) throws {
        let status = cairo_surface_status(surface)
        if status != CAIRO_STATUS_SUCCESS {
            throw ReportError.cairo(operation: operation, status: String(cString: cairo_status_to_string(status)))
        }
    }
}

/// The running header (title, right-hand label, rule) and footer (research-use notice, page X of Y).
enum RunningHeader {
    static let style = TextStyle(sizePoints: 7.5, color: Palette.mutedInk, overflow: .ellipsis)

    static func draw(on canvas: Canvas, settings: DocumentSettings, page: Int, of count: Int) throws {
        let content = settings.contentRect
        let headerBaseline = content.minY - 10
        let half = content.width / 2 - 6
        try canvas.drawLabel(settings.title, at: Point(x: content.minX, y: headerBaseline), anchor: .bottomLeft,
                             style: style.with(weight: .bold), maxWidth: half)
        if !settings.headerRight.isEmpty {
            let size = try canvas.measure(settings.headerRight, style: style)
            try canvas.drawLabel(settings.headerRight, at: Point(x: content.maxX - min(size.width, half), y: headerBaseline),
                                 anchor: .bottomLeft, style: style, maxWidth: half)
        }
        try canvas.line(from: Point(x: content.minX, y: content.minY - 6), to: Point(x: content.maxX, y: content.minY - 6),
                        color: Palette.grid, lineWidth: 0.6)
        let footerTop = content.maxY + 6
        try canvas.line(from: Point(x: content.minX, y: footerTop), to: Point(x: content.maxX, y: footerTop),
                        color: Palette.grid, lineWidth: 0.6)
        let pageLabel = "Page \(page) of \(count)"
        let pageSize = try canvas.measure(pageLabel, style: style)
        let notice = try canvas.drawLabel(DocumentSettings.researchUseNotice, at: Point(x: content.minX, y: footerTop + 4),
                                          anchor: .topLeft, style: style.with(weight: .bold))
        if !settings.footerNote.isEmpty {
            let room = content.maxX - pageSize.width - 12 - (notice.maxX + 8)
            if room > 20 {
                try canvas.drawLabel("· " + settings.footerNote, at: Point(x: notice.maxX + 6, y: footerTop + 4), anchor: .topLeft,
                                     style: style, maxWidth: room)
            }
        }
        try canvas.drawLabel(pageLabel, at: Point(x: content.maxX, y: footerTop + 4), anchor: .topRight, style: style)
    }
}
