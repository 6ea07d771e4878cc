import CTIFF

/// Where a level's directory is and how to decode it.
struct LevelLayout {
    enum Locator: Hashable {
        case ifd(Int)
        case subIFD(index: Int, offset: UInt64)
    }
    enum Decoder {
        /// TIFFReadEncodedTile/Strip gives interleaved 8-bit samples (RGB or JPEG YCbCr → RGB).
        case samples(samplesPerPixel: Int, jpegYCbCr: Bool)
        /// TIFFReadRGBATile/Strip (YCbCr without JPEG, old-style JPEG): ABGR, bottom-up.
        case rgba
    }
    let locator: Locator
    let level: SlideLevel
    let decoder: Decoder
    let tilesAcross: Int
    let tilesDown: Int
}

/// The tags of one directory, read before deciding whether it is a pyramid level.
struct DirectoryTags {
    let locator: LevelLayout.Locator
    let name: String
    let width: UInt64
    let height: UInt64
    let isTiled: Bool
    let tileWidth: UInt32
    let tileHeight: UInt32
    let rowsPerStrip: UInt32
    let compression: Int
    let photometric: Int
    let bitsPerSample: Int
    let samplesPerPixel: Int
    let planar: Int
    let subfileType: UInt32
}

extension Slide {
    /// Reads every top-level IFD and the SubIFDs of IFD 0, then picks the pyramid: IFD 0, its
    /// SubIFDs, and further IFDs with the same layout (tiled/striped) as IFD 0 that are smaller
    /// (a striped IFD after a striped IFD 0 must also be flagged reduced-resolution). Aperio's
    /// striped thumbnail, label and macro images are thereby excluded, as OpenSlide does.
    static func discoverPyramid(handle h: TIFFHandle, limits: SlideLimits) throws -> [LevelLayout] {
        var directories: [DirectoryTags] = []
        var index = 0
        h.resetErrors()
        while true {
            directories.append(readTags(h, locator: .ifd(index), name: "IFD \(index)"))
            if TIFFLastDirectory(h.tif) != 0 || index >= 4096 { break }
            h.resetErrors()
            guard TIFFReadDirectory(h.tif) == 1 else {
                throw SlideIOError.directoryFailed(file: h.path, directory: "IFD \(index + 1)",
                                                   reason: h.lastError(or: "TIFFReadDirectory failed (truncated file?)"))
            }
            index += 1
        }
        guard TIFFSetDirectory(h.tif, 0) == 1 else {
            throw SlideIOError.directoryFailed(file: h.path, directory: "IFD 0", reason: h.lastError(or: "TIFFSetDirectory failed"))
        }
        let subOffsets = h.subIFDOffsets()
        for (i, offset) in subOffsets.enumerated() {
            h.resetErrors()
            guard TIFFSetSubDirectory(h.tif, offset) == 1 else {
                throw SlideIOError.directoryFailed(file: h.path, directory: "SubIFD \(i) of IFD 0",
                                                   reason: h.lastError(or: "TIFFSetSubDirectory failed"))
            }
            directories.append(readTags(h, locator: .subIFD(index: i, offset: offset), name: "SubIFD \(i) of IFD 0"))
        }
        let main = directories[0]
        var chosen = [main]
        for d in directories.dropFirst() {
            let isSub: Bool
            if case .subIFD = d.locator { isSub = true } else { isSub = false }
            let sameLayout = d.isTiled == main.isTiled && (d.isTiled || d.subfileType & 1 == 1)
            guard isSub || sameLayout, d.width < main.width, d.height <= main.height, d.width > 0 else { continue }
            chosen.append(d)
        }
        chosen.sort { $0.width > $1.width }
        var unique: [DirectoryTags] = []
        for d in chosen where unique.last.map({ $0.width > d.width }) ?? true { unique.append(d) }
        return try unique.enumerated().map { i, d in try validate(d, level: i, main: main, path: h.path, limits: limits) }
    }

    static func readTags(_ h: TIFFHandle, locator: LevelLayout.Locator, name: String) -> DirectoryTags {
        let tiled = TIFFIsTiled(h.tif) != 0
        return DirectoryTags(
            locator: locator, name: name,
            width: UInt64(h.u32(TIFFTAG_IMAGEWIDTH) ?? 0), height: UInt64(h.u32(TIFFTAG_IMAGELENGTH) ?? 0),
            isTiled: tiled,
            tileWidth: tiled ? h.u32(TIFFTAG_TILEWIDTH) ?? 0 : 0,
            tileHeight: tiled ? h.u32(TIFFTAG_TILELENGTH) ?? 0 : 0,
            rowsPerStrip: tiled ? 0 : (h.u32(TIFFTAG_ROWSPERSTRIP) ?? UInt32.max),
            compression: Int(h.u16Defaulted(TIFFTAG_COMPRESSION) ?? 1),
            photometric: Int(h.u16(TIFFTAG_PHOTOMETRIC) ?? UInt16.max),
            bitsPerSample: Int(h.u16Defaulted(TIFFTAG_BITSPERSAMPLE) ?? 1),
            samplesPerPixel: Int(h.u16Defaulted(TIFFTAG_SAMPLESPERPIXEL) ?? 1),
            planar: Int(h.u16Defaulted(TIFFTAG_PLANARCONFIG) ?? 1),
            subfileType: h.u32(TIFFTAG_SUBFILETYPE) ?? 0)
    }

    /// Checks sizes, pixel format and codec before anything is allocated; builds the level.
    static func validate(_ d: DirectoryTags, level: Int, main: DirectoryTags, path: String,
                         limits: SlideLimits) throws -> LevelLayout {
        let maxSide = UInt64(limits.maxSide)
        guard (1...maxSide).contains(d.width), (1...maxSide).contains(d.height) else {
            throw SlideIOError.invalidDimensions(file: path, directory: d.name, width: d.width, height: d.height, limit: maxSide)
        }
        let rgb = Int(PHOTOMETRIC_RGB), ycbcr = Int(PHOTOMETRIC_YCBCR)
        guard d.bitsPerSample == 8, d.photometric == rgb || d.photometric == ycbcr,
              d.samplesPerPixel == 3 || d.samplesPerPixel == 4, d.planar == Int(PLANARCONFIG_CONTIG) else {
            throw SlideIOError.unsupportedPixelFormat(file: path, directory: d.name, detail: "photometric "
                + "\(photometricName(d.photometric)), \(d.samplesPerPixel) sample(s) of \(d.bitsPerSample) bits, "
                + (d.planar == 1 ? "interleaved" : "planar") + "; expected RGB or YCbCr, 3 or 4 interleaved samples of 8 bits")
        }
        guard TIFFIsCODECConfigured(UInt16(clamping: d.compression)) != 0 else {
            throw SlideIOError.unsupportedCompression(file: path, directory: d.name, compression: d.compression)
        }
        let tileWidth: Int, tileHeight: Int
        if d.isTiled {
            let ok = { (v: UInt32) in v >= 16 && v <= 8192 && v % 16 == 0 }
            guard ok(d.tileWidth), ok(d.tileHeight) else {
                throw SlideIOError.invalidTileSize(file: path, directory: d.name, tileWidth: d.tileWidth, tileHeight: d.tileHeight)
            }
            tileWidth = Int(d.tileWidth)
            tileHeight = Int(d.tileHeight)
        } else {
            guard d.rowsPerStrip >= 1 else {
                throw SlideIOError.invalidTileSize(file: path, directory: d.name, tileWidth: UInt32(d.width), tileHeight: 0)
            }
            tileWidth = Int(d.width)
            tileHeight = Int(min(UInt64(d.rowsPerStrip), d.height))
        }
        guard tileWidth * tileHeight * 4 <= limits.maxTileBytes else {
            throw SlideIOError.tileTooLarge(file: path, directory: d.name, width: tileWidth, height: tileHeight,
                                            limitBytes: limits.maxTileBytes)
        }
        let jpeg = d.compression == Int(COMPRESSION_JPEG)
        let decoder: LevelLayout.Decoder = (d.photometric == ycbcr && !jpeg) || d.compression == Int(COMPRESSION_OJPEG)
            ? .rgba : .samples(samplesPerPixel: d.samplesPerPixel, jpegYCbCr: jpeg && d.photometric == ycbcr)
        let w = Int(d.width), h = Int(d.height)
        let downsample = (Double(main.width) / Double(w) + Double(main.height) / Double(h)) / 2
        let lvl = SlideLevel(index: level, width: w, height: h, downsample: downsample, tileWidth: tileWidth,
                             tileHeight: tileHeight, isTiled: d.isTiled,
                             compression: SlideCompression(code: d.compression), directory: d.name)
        return LevelLayout(locator: d.locator, level: lvl, decoder: decoder,
                           tilesAcross: (w + tileWidth - 1) / tileWidth, tilesDown: (h + tileHeight - 1) / tileHeight)
    }

    static func photometricName(_ p: Int) -> String {
        switch p {
        case 0: return "min-is-white (grayscale)"
        case 1: return "min-is-black (grayscale)"
        case 2: return "RGB"
        case 3: return "palette"
        case 4: return "mask"
        case 5: return "separated (CMYK)"
        case 6: return "YCbCr"
        case 8: return "CIELab"
        case Int(UInt16.max): return "missing"
        default: return "\(p)"
        }
    }
}
