import CTIFF

extension Slide {
    /// Reads a `width`×`height` region at `level` whose top-left corner is (x, y) in that level's pixels.
    ///
    /// Returns 8-bit RGB, row-major. Pixels outside the level (negative coordinates, beyond the right or
    /// bottom edge) are white (255, 255, 255). Only the tiles (or strips) that intersect the region are
    /// read, each once; memory is the region plus one decoded tile. JPEG tiles are decoded by libjpeg
    /// through libtiff (YCbCr → RGB with libjpeg's defaults, as OpenSlide does), alpha is dropped.
    ///
    /// Throws `levelOutOfRange`, `invalidRegion` (empty, or more than `limits.maxRegionBytes`),
    /// `missingTile` (offset or byte count 0, data beyond the end of the file) or `readFailed`.
    public func readRegion(level: Int, x: Int, y: Int, width: Int, height: Int) throws -> RGBImage {
        guard levels.indices.contains(level) else {
            throw SlideIOError.levelOutOfRange(file: path, level: level, levelCount: levels.count)
        }
        guard width > 0, height > 0, width <= limits.maxSide * 4, height <= limits.maxSide * 4,
              width.multipliedReportingOverflow(by: height * 3).partialValue <= limits.maxRegionBytes else {
            throw SlideIOError.invalidRegion(file: path, detail: "\(width)×\(height) px; expected a positive size of at most "
                + "\(limits.maxRegionBytes / (1 << 20)) MiB as RGB")
        }
        let layout = layouts[level]
        var out = RGBImage(width: width, height: height)
        let x0 = max(x, 0), y0 = max(y, 0)
        let x1 = min(x.addingReportingOverflow(width).partialValue, layout.level.width)
        let y1 = min(y.addingReportingOverflow(height).partialValue, layout.level.height)
        guard x0 < x1, y0 < y1 else { return out }
        let tw = layout.level.tileWidth, th = layout.level.tileHeight
        try lock.withLock {
            try select(level: level)
            var tile = [UInt8](repeating: 0, count: tw * th * 4)
            for ty in (y0 / th)...((y1 - 1) / th) {
                for tx in (x0 / tw)...((x1 - 1) / tw) {
                    let channels = try decode(layout, column: tx, row: ty, into: &tile)
                    // Copy the intersection of this tile with the region.
                    let ix0 = max(x0, tx * tw), ix1 = min(x1, (tx + 1) * tw)
                    let iy0 = max(y0, ty * th), iy1 = min(y1, (ty + 1) * th)
                    out.pixels.withUnsafeMutableBufferPointer { dst in
                        tile.withUnsafeBufferPointer { src in
                            for py in iy0..<iy1 {
                                var s = ((py - ty * th) * tw + (ix0 - tx * tw)) * channels
                                var d = ((py - y) * width + (ix0 - x)) * 3
                                for _ in ix0..<ix1 {
                                    dst[d] = src[s]; dst[d + 1] = src[s + 1]; dst[d + 2] = src[s + 2]
                                    s += channels
                                    d += 3
                                }
                            }
                        }
                    }
                }
            }
        }
        return out
    }

    /// Makes `level`'s directory current (re-applying JPEGCOLORMODE, which libtiff resets per directory).
    func select(level: Int) throws {
        guard currentLevel != level else { return }
        let layout = layouts[level]
        handle.resetErrors()
        let ok: Bool
        switch layout.locator {
        case let .ifd(n): ok = TIFFSetDirectory(handle.tif, UInt32(n)) == 1
        case let .subIFD(_, offset): ok = TIFFSetSubDirectory(handle.tif, offset) == 1
        }
        guard ok else {
            currentLevel = nil
            throw SlideIOError.directoryFailed(file: path, directory: layout.level.directory,
                                               reason: handle.lastError(or: "cannot switch directory"))
        }
        if case .samples(_, true) = layout.decoder {
            guard tme_tiff_set_int(handle.tif, TIFFTAG_JPEGCOLORMODE, JPEGCOLORMODE_RGB) == 1 else {
                throw SlideIOError.readFailed(file: path, level: level, column: 0, row: 0,
                                              reason: handle.lastError(or: "cannot set JPEGCOLORMODE"))
            }
        }
        currentLevel = level
    }

    /// Decodes tile (column, row) — or strip `row` of a striped level — into `buffer` (top-down rows
    /// of `tileWidth` pixels) and returns the number of bytes per pixel in it (3 or 4).
    func decode(_ layout: LevelLayout, column: Int, row: Int, into buffer: inout [UInt8]) throws -> Int {
        let lvl = layout.level
        let index = UInt32(row * layout.tilesAcross + column)
        let offset = TIFFGetStrileOffset(handle.tif, index)
        let count = TIFFGetStrileByteCount(handle.tif, index)
        func missing(_ why: String) -> SlideIOError {
            .missingTile(file: path, level: lvl.index, column: column, row: row, reason: why)
        }
        guard count > 0 else { throw missing("its byte count is 0 (a zero-size tile)") }
        guard offset > 0 else { throw missing("its offset is 0 (never written)") }
        guard offset < fileSize, count <= fileSize - offset else {
            throw missing("its data (\(count) bytes at offset \(offset)) lies beyond the end of the \(fileSize)-byte file (truncated?)")
        }
        handle.resetErrors()
        tilesDecoded += 1
        let tw = lvl.tileWidth, th = lvl.tileHeight
        switch layout.decoder {
        case let .samples(samplesPerPixel, _):
            let size = tw * th * samplesPerPixel
            let n = buffer.withUnsafeMutableBytes { raw -> Int in
                lvl.isTiled
                    ? Int(TIFFReadEncodedTile(handle.tif, index, raw.baseAddress, tmsize_t(size)))
                    : Int(TIFFReadEncodedStrip(handle.tif, index, raw.baseAddress, tmsize_t(size)))
            }
            guard n > 0, handle.errorCount == 0 else {
                throw SlideIOError.readFailed(file: path, level: lvl.index, column: column, row: row,
                                              reason: handle.lastError(or: "libtiff decoded \(n) bytes"))
            }
            return samplesPerPixel
        case .rgba:
            let ok = buffer.withUnsafeMutableBytes { raw -> Bool in
                let p = raw.baseAddress!.assumingMemoryBound(to: UInt32.self)
                return lvl.isTiled
                    ? TIFFReadRGBATile(handle.tif, UInt32(column * tw), UInt32(row * th), p) == 1
                    : TIFFReadRGBAStrip(handle.tif, UInt32(row * th), p) == 1
            }
            guard ok, handle.errorCount == 0 else {
                throw SlideIOError.readFailed(file: path, level: lvl.index, column: column, row: row,
                                              reason: handle.lastError(or: "TIFFReadRGBA failed"))
            }
            // ABGR words, bottom-up (for a strip: the strip's rows bottom-up) → RGBA bytes top-down.
            let rows = lvl.isTiled ? th : min(th, lvl.height - row * th)
            buffer.withUnsafeMutableBytes { raw in
                let words = raw.bindMemory(to: UInt32.self)
                for y in 0..<rows / 2 {
                    for x in 0..<tw { words.swapAt(y * tw + x, (rows - 1 - y) * tw + x) }
                }
                for i in 0..<(tw * rows) { words[i] = UInt32(littleEndian: words[i]) }
            }
            return 4
        }
    }
}
