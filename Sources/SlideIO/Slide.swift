import CTIFF
import Foundation

/// A whole-slide TIFF opened for reading: its pyramid, pixel size and pixels.
///
/// Owns the libtiff handle (closed in deinit). Reads are serialised by a lock, so one `Slide` may
/// be shared between tasks; open one per task for parallel decoding.
///
/// Supported: tiled and striped directories; pyramids as further IFDs (OpenSlide generic-tiff,
/// vips, Aperio SVS) or as SubIFDs of IFD 0 (OME-TIFF style, `vips --subifd`); compression none,
/// deflate, LZW, packbits, JPEG (with JPEGTables, YCbCr decoded to RGB by libjpeg); classic and
/// BigTIFF; 8-bit RGB (alpha ignored) or JPEG/YCbCr.
public final class Slide: @unchecked Sendable {
    public let path: String
    /// Pyramid levels, level 0 (full resolution) first, widths strictly decreasing.
    public let levels: [SlideLevel]
    /// Level-0 microns per pixel, if known.
    public let micronsPerPixel: Double?
    public let mppSource: MPPSource
    public let isBigTIFF: Bool
    /// ImageDescription of IFD 0.
    public let imageDescription: String?
    public let limits: SlideLimits

    let handle: TIFFHandle
    let layouts: [LevelLayout]
    let fileSize: UInt64
    let lock = NSLock()
    var currentLevel: Int?
    /// Tiles/strips decoded so far (lets tests check that a read touches only the tiles it needs).
    var tilesDecoded = 0

    /// Opens `path`. `micronsPerPixel` overrides the file's pixel size.
    /// Throws `notATIFF`, `cannotOpen`, `invalidDimensions`, `invalidTileSize`,
    /// `unsupportedPixelFormat`, `unsupportedCompression`, `noImage` or `directoryFailed`.
    public init(path: String, micronsPerPixel override: Double? = nil, limits: SlideLimits = .init()) throws {
        if let override, !(override > 0 && override.isFinite) {
            throw SlideIOError.invalidParameter(name: "micronsPerPixel", value: "\(override)", expected: "a finite value > 0")
        }
        let header = try Self.checkHeader(path: path)
        self.path = path
        self.limits = limits
        self.fileSize = header.fileSize
        self.isBigTIFF = header.isBigTIFF
        self.handle = try TIFFHandle(path: path, mode: "rm")  // m: read(2), not mmap (RSS stays bounded by the region; no SIGBUS on truncated files)
        let pyramid = try Self.discoverPyramid(handle: handle, limits: limits)
        self.layouts = pyramid
        self.levels = pyramid.map(\.level)
        handle.resetErrors()
        guard TIFFSetDirectory(handle.tif, 0) == 1 else {
            throw SlideIOError.directoryFailed(file: path, directory: "IFD 0", reason: handle.lastError(or: "TIFFSetDirectory failed"))
        }
        let description = handle.string(TIFFTAG_IMAGEDESCRIPTION)
        self.imageDescription = description
        if let override {
            (micronsPerPixel, mppSource) = (override, .override)
        } else if let mpp = description.flatMap(Self.mppFromDescription) {
            (micronsPerPixel, mppSource) = (mpp, .imageDescription)
        } else if let mpp = Self.mppFromResolution(handle) {
            (micronsPerPixel, mppSource) = (mpp, .resolutionTags)
        } else {
            (micronsPerPixel, mppSource) = (nil, .none)
        }
        currentLevel = nil  // select(level:) must run once: it sets JPEGCOLORMODE
    }

    /// A summary for display or JSON.
    public var info: SlideInfo {
        SlideInfo(path: path, format: isBigTIFF ? "BigTIFF" : "TIFF", levels: levels,
                  micronsPerPixel: micronsPerPixel, mppSource: mppSource, imageDescription: imageDescription)
    }

    // MARK: - Header and pixel size

    /// Reads the first bytes: a clear error for empty, short or non-TIFF files before libtiff sees them.
    static func checkHeader(path: String) throws -> (fileSize: UInt64, isBigTIFF: Bool) {
        guard let file = FileHandle(forReadingAtPath: path) else {
            throw SlideIOError.cannotOpen(file: path, reason: "file does not exist or is not readable")
        }
        defer { try? file.close() }
        let size = (try? file.seekToEnd()) ?? 0
        try? file.seek(toOffset: 0)
        let bytes = [UInt8]((try? file.read(upToCount: 8)) ?? Data())
        guard bytes.count == 8 else {
            throw SlideIOError.cannotOpen(file: path, reason: "file is \(size) bytes, shorter than a TIFF header (8 bytes)")
        }
        let magic = Array(bytes[0..<4])
        switch magic {
        case [0x49, 0x49, 0x2A, 0x00], [0x4D, 0x4D, 0x00, 0x2A]: return (size, false)
        case [0x49, 0x49, 0x2B, 0x00], [0x4D, 0x4D, 0x00, 0x2B]: return (size, true)
        default:
            throw SlideIOError.notATIFF(file: path, firstBytes: magic.map { String(format: "%02X", $0) }.joined(separator: " "))
        }
    }

    /// Parses Aperio's `MPP = 0.2520` (any spacing; `|`-separated fields) from an ImageDescription.
    static func mppFromDescription(_ text: String) -> Double? {
        for field in text.split(whereSeparator: { $0 == "|" || $0 == "\n" || $0 == "\r" }) {
            let parts = field.split(separator: "=", maxSplits: 1)
            guard parts.count == 2, parts[0].trimmingCharacters(in: .whitespaces) == "MPP",
                  let v = Double(parts[1].trimmingCharacters(in: .whitespaces)), v > 0, v.isFinite else { continue }
            return v
        }
        return nil
    }

    /// µm/px from XResolution: 10⁴ / res for ResolutionUnit centimetre, 25 400 / res for inch.
    /// Values outside 0.01…100 µm/px are ignored: they are tools' placeholders (72 dpi, vips' 10 px/cm),
    /// not microscope pixel sizes.
    static func mppFromResolution(_ h: TIFFHandle) -> Double? {
        guard let res = h.float(TIFFTAG_XRESOLUTION), res > 0, res.isFinite,
              let unit = h.u16Defaulted(TIFFTAG_RESOLUTIONUNIT) else { return nil }
        let mpp: Double
        switch Int32(unit) {
        case RESUNIT_CENTIMETER: mpp = 10_000 / Double(res)
        case RESUNIT_INCH: mpp = 25_400 / Double(res)
        default: return nil
        }
        return (0.01...100).contains(mpp) ? mpp : nil
    }
}
