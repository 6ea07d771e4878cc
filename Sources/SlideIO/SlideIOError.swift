/// Errors thrown by SlideIO. Every case names the file and says what was wrong and, where it helps,
/// what was expected. Messages never contain pixel data or patient identifiers.
public enum SlideIOError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The file could not be opened (missing, unreadable) or libtiff rejected its header.
    case cannotOpen(file: String, reason: String)
    /// The first bytes are not a TIFF/BigTIFF header.
    case notATIFF(file: String, firstBytes: String)
    /// A directory declares dimensions that are zero or beyond the supported limit.
    case invalidDimensions(file: String, directory: String, width: UInt64, height: UInt64, limit: UInt64)
    /// A tiled directory declares a tile size that is zero, not a multiple of 16, or too large.
    case invalidTileSize(file: String, directory: String, tileWidth: UInt32, tileHeight: UInt32)
    /// One decoded tile or strip would exceed `SlideLimits.maxTileBytes`.
    case tileTooLarge(file: String, directory: String, width: Int, height: Int, limitBytes: Int)
    /// Pixels are not 8-bit RGB (or JPEG YCbCr) with 3 or 4 interleaved samples.
    case unsupportedPixelFormat(file: String, directory: String, detail: String)
    /// A compression scheme libtiff cannot decode here.
    case unsupportedCompression(file: String, directory: String, compression: Int)
    /// The file has no usable image directory.
    case noImage(file: String, reason: String)
    /// A tile or strip is absent (offset or byte count zero, or beyond the end of the file).
    case missingTile(file: String, level: Int, column: Int, row: Int, reason: String)
    /// libtiff failed to decode a tile or strip (truncated or corrupt data).
    case readFailed(file: String, level: Int, column: Int, row: Int, reason: String)
    /// Switching to a directory failed.
    case directoryFailed(file: String, directory: String, reason: String)
    /// The requested level does not exist.
    case levelOutOfRange(file: String, level: Int, levelCount: Int)
    /// The requested region is empty, negative or larger than the allowed allocation.
    case invalidRegion(file: String, detail: String)
    /// Writing failed (libtiff error, disk full, ...).
    case writeFailed(file: String, reason: String)
    /// The writer was used against its contract (tile order, tile size, writing after finish).
    case writerMisuse(file: String, detail: String)
    /// A parameter is outside its documented range.
    case invalidParameter(name: String, value: String, expected: String)
    /// An image buffer does not match its declared size.
    case invalidImage(detail: String)

    public var description: String {
        switch self {
        case let .cannotOpen(file, reason):
            return "\(file): cannot open as TIFF: \(reason)"
        case let .notATIFF(file, firstBytes):
            return "\(file): not a TIFF file: first bytes are \(firstBytes), expected 49 49 2A 00 (II*), "
                + "4D 4D 00 2A (MM*) or 49 49 2B 00 (BigTIFF)"
        case let .invalidDimensions(file, directory, width, height, limit):
            return "\(file): directory \(directory) declares \(width)×\(height) px; "
                + "each side must be between 1 and \(limit) px"
        case let .invalidTileSize(file, directory, tileWidth, tileHeight):
            return "\(file): directory \(directory) declares tiles of \(tileWidth)×\(tileHeight) px; "
                + "expected multiples of 16 between 16 and 8192"
        case let .tileTooLarge(file, directory, width, height, limitBytes):
            return "\(file): directory \(directory) stores pixels in blocks of \(width)×\(height) px, more than "
                + "\(limitBytes / (1 << 20)) MiB decoded; re-save the slide tiled (e.g. vips tiffsave --tile)"
        case let .unsupportedPixelFormat(file, directory, detail):
            return "\(file): directory \(directory) is not 8-bit RGB: \(detail)"
        case let .unsupportedCompression(file, directory, compression):
            return "\(file): directory \(directory) uses compression \(compression), which this libtiff cannot decode"
        case let .noImage(file, reason):
            return "\(file): no usable image: \(reason)"
        case let .missingTile(file, level, column, row, reason):
            return "\(file): level \(level) tile (column \(column), row \(row)) is missing: \(reason)"
        case let .readFailed(file, level, column, row, reason):
            return "\(file): level \(level) tile (column \(column), row \(row)) cannot be decoded "
                + "(truncated or corrupt file?): \(reason)"
        case let .directoryFailed(file, directory, reason):
            return "\(file): cannot read directory \(directory): \(reason)"
        case let .levelOutOfRange(file, level, levelCount):
            return "\(file): level \(level) does not exist; the slide has levels 0..<\(levelCount)"
        case let .invalidRegion(file, detail):
            return "\(file): invalid region: \(detail)"
        case let .writeFailed(file, reason):
            return "\(file): write failed: \(reason)"
        case let .writerMisuse(file, detail):
            return "\(file): writer misuse: \(detail)"
        case let .invalidParameter(name, value, expected):
            return "invalid parameter \(name) = \(value); expected \(expected)"
        case let .invalidImage(detail):
            return "invalid image: \(detail)"
        }
    }
}
