/// One resolution level of a slide pyramid.
public struct SlideLevel: Sendable, Hashable, Codable {
    /// 0 = full resolution.
    public let index: Int
    public let width: Int
    public let height: Int
    /// Level-0 pixels per level pixel: (w₀/w + h₀/h) / 2, as OpenSlide computes it.
    public let downsample: Double
    /// Tile size in pixels; for a striped level the "tile" is one strip (width × rows per strip).
    public let tileWidth: Int
    public let tileHeight: Int
    public let isTiled: Bool
    public let compression: SlideCompression
    /// Where the level lives in the file: "IFD n" or "SubIFD n of IFD 0".
    public let directory: String
}

/// Compression of a level's tiles, by TIFF code.
public struct SlideCompression: Sendable, Hashable, Codable, CustomStringConvertible {
    /// The TIFF Compression tag value (1 none, 5 LZW, 7 JPEG, 8/32946 deflate, 6 old JPEG, ...).
    public let code: Int

    public var description: String {
        switch code {
        case 1: return "none"
        case 5: return "lzw"
        case 6: return "ojpeg"
        case 7: return "jpeg"
        case 8, 32946: return "deflate"
        case 32773: return "packbits"
        case 33003, 33005: return "jpeg2000"
        case 34887: return "lerc"
        case 34925: return "lzma"
        case 50000: return "zstd"
        case 50001: return "webp"
        default: return "compression-\(code)"
        }
    }
}

/// Where the slide's microns-per-pixel came from.
public enum MPPSource: String, Sendable, Hashable, Codable {
    /// Given by the caller.
    case override
    /// `MPP = x` in ImageDescription (Aperio convention).
    case imageDescription
    /// XResolution with ResolutionUnit centimetre or inch.
    case resolutionTags
    /// Not known.
    case none
}

/// Safety limits checked before any allocation. Defaults suit whole-slide images.
public struct SlideLimits: Sendable, Hashable, Codable {
    /// Largest accepted image side in pixels (default 2²¹ = 2 097 152; the largest real slides are ~250 000).
    public var maxSide: Int
    /// Largest accepted decoded tile or strip in bytes (default 64 MiB).
    public var maxTileBytes: Int
    /// Largest region `readRegion` may allocate in bytes (default 1 GiB = 18 918 px square).
    public var maxRegionBytes: Int

    public init(maxSide: Int = 1 << 21, maxTileBytes: Int = 64 << 20, maxRegionBytes: Int = 1 << 30) {
        self.maxSide = maxSide
        self.maxTileBytes = maxTileBytes
        self.maxRegionBytes = maxRegionBytes
    }
}

/// Everything `tme slide info` prints.
public struct SlideInfo: Sendable, Hashable, Codable {
    public let path: String
    public let format: String
    public let levels: [SlideLevel]
    public let micronsPerPixel: Double?
    public let mppSource: MPPSource
    public let imageDescription: String?
}
