import CTIFF
import Foundation

// MARK: - Streaming: encode a tile, fold it into the next level's band

extension PyramidTIFFWriter {
    /// Encodes tile (column, row) of `level` and folds its 2×2 average into level + 1's band; when
    /// that band is complete, its tiles recurse into level + 1.
    func accept(level: Int, column: Int, row: Int, pixels: UnsafeBufferPointer<UInt8>,
                stride: Int, width: Int, height: Int) throws {
        try levels[level].encode(column: column, row: row, pixels: pixels, stride: stride, width: width, height: height)
        guard level + 1 < levels.count else { return }
        let band = bands[level]
        band.add(pixels: pixels, stride: stride, width: width, height: height, column: column, row: row)
        let t = options.tileSize
        let size = levelSizes[level], next = levelSizes[level + 1]
        let across = (size.width + t - 1) / t, down = (size.height + t - 1) / t
        guard column == across - 1, row % 2 == 1 || row == down - 1 else { return }
        let nextRow = row / 2
        let rowHeight = min(t, next.height - nextRow * t)
        try band.pixels.withUnsafeBufferPointer { buffer in
            for c in 0..<(next.width + t - 1) / t {
                let start = c * t * 3
                try accept(level: level + 1, column: c, row: nextRow,
                           pixels: UnsafeBufferPointer(rebasing: buffer[start...]), stride: next.width,
                           width: min(t, next.width - c * t), height: rowHeight)
            }
        }
    }

    /// Copies levels 1... from their temporary files into the output (raw tiles, no re-encoding),
    /// then closes the output and renames it to `path`.
    func assembleLevels() throws {
        let main = levels[0].handle
        main.resetErrors()
        try main.check(TIFFWriteDirectory(main.tif), "writing the level-0 directory")
        for k in 1..<levels.count {
            let source = try levels[k].reopenForReading()
            let jpegTables = source.bytes(TIFFTAG_JPEGTABLES)
            try LevelSink.writeTags(to: main, level: k, size: levelSizes[k], level0: levelSizes[0],
                                    options: options, description: nil, jpegTables: jpegTables)
            let count = TIFFNumberOfTiles(source.tif)
            var buffer = [UInt8]()
            for tile in 0..<count {
                let n = Int(TIFFGetStrileByteCount(source.tif, tile))
                guard n > 0 else {
                    throw SlideIOError.writeFailed(file: path, reason: "level \(k) tile \(tile) was not written")
                }
                if buffer.count < n { buffer = [UInt8](repeating: 0, count: n) }
                let ok = buffer.withUnsafeMutableBytes { raw -> Bool in
                    TIFFReadRawTile(source.tif, tile, raw.baseAddress, tmsize_t(n)) == n
                        && TIFFWriteRawTile(main.tif, tile, raw.baseAddress, tmsize_t(n)) == n
                }
                guard ok else {
                    throw SlideIOError.writeFailed(
                        file: path, reason: main.lastError(or: source.lastError(or: "copying level \(k) tile \(tile)")))
                }
            }
            try main.check(TIFFWriteDirectory(main.tif), "writing the level-\(k) directory")
        }
        levels.removeAll()  // closes the output and the temporary files
        guard rename(path + ".partial", path) == 0 else {
            throw SlideIOError.writeFailed(file: path, reason: "cannot rename \(path).partial: \(String(cString: strerror(errno)))")
        }
    }
}

// MARK: - One level's TIFF file

/// One level's output handle (level 0: the final file; others: a temporary TIFF).
final class LevelSink {
    private(set) var handle: TIFFHandle
    let path: String
    let level: Int
    let size: PixelSize
    let options: PyramidTIFFWriterOptions
    private var scratch: [UInt8]

    init(path: String, level: Int, size: PixelSize, bigTIFF: Bool, options: PyramidTIFFWriterOptions) throws {
        self.handle = try TIFFHandle(path: path, mode: bigTIFF ? "w8" : "w")
        self.path = path
        self.level = level
        self.size = size
        self.options = options
        self.scratch = [UInt8](repeating: 255, count: options.tileSize * options.tileSize * 3)
    }

    func writeTags(description: String?, level0: PixelSize) throws {
        try Self.writeTags(to: handle, level: level, size: size, level0: level0, options: options,
                           description: description, jpegTables: nil)
    }

    /// Sets the tags of one level's directory on `h`. `jpegTables` (raw copies only) replaces the
    /// tables libtiff would compute while encoding.
    static func writeTags(to h: TIFFHandle, level: Int, size: PixelSize, level0: PixelSize,
                          options: PyramidTIFFWriterOptions, description: String?, jpegTables: [UInt8]?) throws {
        try h.set(TIFFTAG_SUBFILETYPE, u32: level == 0 ? 0 : UInt32(FILETYPE_REDUCEDIMAGE))
        try h.set(TIFFTAG_IMAGEWIDTH, u32: UInt32(size.width))
        try h.set(TIFFTAG_IMAGELENGTH, u32: UInt32(size.height))
        try h.set(TIFFTAG_TILEWIDTH, u32: UInt32(options.tileSize))
        try h.set(TIFFTAG_TILELENGTH, u32: UInt32(options.tileSize))
        try h.set(TIFFTAG_BITSPERSAMPLE, int: 8)
        try h.set(TIFFTAG_SAMPLESPERPIXEL, int: 3)
        try h.set(TIFFTAG_PLANARCONFIG, int: Int(PLANARCONFIG_CONTIG))
        switch options.compression {
        case .deflate:
            try h.set(TIFFTAG_COMPRESSION, int: Int(COMPRESSION_ADOBE_DEFLATE))
            try h.set(TIFFTAG_PHOTOMETRIC, int: Int(PHOTOMETRIC_RGB))
            try h.set(TIFFTAG_PREDICTOR, int: Int(PREDICTOR_HORIZONTAL))
        case .jpeg:
            try h.set(TIFFTAG_COMPRESSION, int: Int(COMPRESSION_JPEG))
            try h.set(TIFFTAG_PHOTOMETRIC, int: Int(PHOTOMETRIC_YCBCR))
            try h.set(TIFFTAG_YCBCRSUBSAMPLING, pair: 2, 2)
            if let jpegTables {
                try h.set(TIFFTAG_JPEGTABLES, bytes: jpegTables)
            } else {
                try h.set(TIFFTAG_JPEGQUALITY, int: options.jpegQuality)
                try h.set(TIFFTAG_JPEGCOLORMODE, int: Int(JPEGCOLORMODE_RGB))
            }
        }
        // Resolution in pixels per centimetre: 1 cm = 10⁴ µm.
        try h.set(TIFFTAG_RESOLUTIONUNIT, int: Int(RESUNIT_CENTIMETER))
        let mppX = options.micronsPerPixel * Double(level0.width) / Double(size.width)
        let mppY = options.micronsPerPixel * Double(level0.height) / Double(size.height)
        try h.set(TIFFTAG_XRESOLUTION, double: 10_000 / mppX)
        try h.set(TIFFTAG_YRESOLUTION, double: 10_000 / mppY)
        try h.set(TIFFTAG_SOFTWARE, string: "TMEScope SlideIO")
        if let description { try h.set(TIFFTAG_IMAGEDESCRIPTION, string: description) }
    }

    /// Encodes one tile; the part of the tile beyond the level's edge repeats the last valid
    /// column/row (keeps JPEG blocks at the edge clean).
    func encode(column: Int, row: Int, pixels: UnsafeBufferPointer<UInt8>, stride: Int,
                width: Int, height: Int) throws {
        let t = options.tileSize
        let across = (size.width + t - 1) / t
        let rowBytes = width * 3
        scratch.withUnsafeMutableBufferPointer { dst in
            guard let out = dst.baseAddress, let src = pixels.baseAddress else { return }
            for y in 0..<t {
                let d = out + y * t * 3
                if y < height {
                    d.update(from: src + y * stride * 3, count: rowBytes)
                } else {
                    d.update(from: out + (height - 1) * t * 3, count: t * 3)   // repeat the last row
                    continue
                }
                if width < t {
                    let last = d + rowBytes - 3
                    var p = d + rowBytes
                    for _ in width..<t { p[0] = last[0]; p[1] = last[1]; p[2] = last[2]; p += 3 }
                }
            }
        }
        let index = UInt32(row * across + column)
        let expected = t * t * 3
        let written = scratch.withUnsafeMutableBytes { Int(TIFFWriteEncodedTile(handle.tif, index, $0.baseAddress, tmsize_t(expected))) }
        guard written == expected else {
            throw SlideIOError.writeFailed(file: path, reason: handle.lastError(or: "encoding level \(level) tile \(index)"))
        }
    }

    /// Flushes and closes the temporary file, then reopens it for reading.
    func reopenForReading() throws -> TIFFHandle {
        try handle.check(TIFFFlush(handle.tif), "flushing level \(level)")
        handle = try TIFFHandle(path: path, mode: "rm")  // m: read(2), not mmap: RSS stays bounded
        return handle
    }
}

// MARK: - Band of a reduced level

/// `tileSize` rows of one reduced level, filled by 2×2 averages of the level above.
final class LevelBand {
    let width: Int
    let tileSize: Int
    var pixels: [UInt8]

    init(width: Int, tileSize: Int) {
        self.width = width
        self.tileSize = tileSize
        self.pixels = [UInt8](repeating: 255, count: width * tileSize * 3)
    }

    /// Writes the 2×2 mean of a `width`×`height` source tile (column, row of the level above) into
    /// the band at x = column·tileSize/2, y = (row mod 2)·tileSize/2. Means use only existing pixels
    /// (odd edges) and round half up.
    func add(pixels src: UnsafeBufferPointer<UInt8>, stride: Int, width tw: Int, height th: Int,
             column: Int, row: Int) {
        let half = tileSize / 2
        let x0 = column * half, y0 = (row % 2) * half
        let ow = (tw + 1) / 2, oh = (th + 1) / 2, pairs = tw / 2
        let bandWidth = width
        guard let base = src.baseAddress else { return }
        pixels.withUnsafeMutableBufferPointer { dst in
            guard let out = dst.baseAddress else { return }
            for oy in 0..<oh {
                let r0 = base + 2 * oy * stride * 3
                let r1 = 2 * oy + 1 < th ? r0 + stride * 3 : r0   // odd bottom edge: the row pairs with itself
                var d = out + ((y0 + oy) * bandWidth + x0) * 3
                var s = 0
                // Full 2×2 (or 2×1 at an odd bottom edge, counted twice: same mean) blocks.
                for _ in 0..<pairs {
                    for c in 0..<3 {
                        let sum = Int(r0[s + c]) + Int(r0[s + 3 + c]) + Int(r1[s + c]) + Int(r1[s + 3 + c])
                        d[c] = UInt8(truncatingIfNeeded: (sum + 2) >> 2)
                    }
                    s += 6
                    d += 3
                }
                if ow > pairs {  // odd right edge: one column (1×2 or 1×1)
                    for c in 0..<3 {
                        d[c] = UInt8(truncatingIfNeeded: (Int(r0[s + c]) + Int(r1[s + c]) + 1) >> 1)
                    }
                }
            }
        }
    }
}
