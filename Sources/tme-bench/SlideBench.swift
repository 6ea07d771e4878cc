import ArgumentParser
import Foundation
import SlideIO

/// SlideIO's pyramid writer and region reader against vips on the same pixels in the same run.
struct SlideBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "slide",
        abstract: "Pyramidal TIFF write (SlideIO vs vips tiffsave) and level-0 read (SlideIO vs vips), same pixels, same run.")

    @Option(help: "Slide side in pixels (square).") var size = 8192
    @Option(help: "Compression: jpeg or deflate.") var compression: String = "jpeg"
    @Option(help: "JPEG quality.") var quality = 90
    @Option(help: "Region side for the read benchmark, in pixels.") var region = 1024
    @Option(help: "Directory for the temporary files (default: the system temporary directory).") var dir: String?
    @Flag(help: "Skip vips (e.g. to show bounded memory on a slide whose raw copy would not fit).") var noVips = false

    func validate() throws {
        guard size >= 256, region >= 16, ["jpeg", "deflate"].contains(compression) else {
            throw ValidationError("--size ≥ 256, --region ≥ 16, --compression jpeg|deflate")
        }
    }

    func run() throws {
        let base = URL(fileURLWithPath: dir ?? NSTemporaryDirectory()).appendingPathComponent("tme-bench-slide-\(getpid())")
        try FileManager.default.createDirectory(at: base, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: base) }
        let palette = Self.palette()
        let t = 256, across = (size + t - 1) / t
        func tile(_ column: Int, _ row: Int) -> RGBImage { palette[(column * 7 + row * 3) % palette.count] }

        // SlideIO writer.
        let ours = base.appendingPathComponent("ours.tiff").path
        let options = PyramidTIFFWriterOptions(compression: compression == "jpeg" ? .jpeg : .deflate, jpegQuality: quality)
        let writeSeconds = try BenchSupport.seconds {
            let writer = try PyramidTIFFWriter(path: ours, width: size, height: size, options: options)
            for i in 0..<writer.tileCount {
                let r = writer.tileRegion(at: i)
                try writer.append(tile: tile(r.column, r.row))
            }
            try writer.finish()
        }
        let rssAfterWrite = Self.peakRSSMegabytes()

        let rssAfterWriteText = String(format: "%.0f MB", rssAfterWrite)
        if noVips {
            let megapixels = Double(size * size) / 1e6
            print("slide \(size)×\(size) (\(String(format: "%.0f", megapixels)) Mpx), \(compression): write \(String(format: "%.2f", writeSeconds)) s "
                  + "(\(String(format: "%.1f", megapixels / writeSeconds)) Mpx/s), peak RSS \(rssAfterWriteText) "
                  + "(level 0 uncompressed: \(String(format: "%.0f", Double(size) * Double(size) * 3 / 1e6)) MB)")
            return
        }
        // The same pixels as a raw file for vips (written outside the timing).
        let raw = base.appendingPathComponent("source.raw").path
        FileManager.default.createFile(atPath: raw, contents: nil)
        let out = try FileHandle(forWritingTo: URL(fileURLWithPath: raw))
        for row in 0..<across {
            var band = [UInt8](repeating: 0, count: size * t * 3)
            for column in 0..<across {
                let p = tile(column, row)
                for y in 0..<t { for x in 0..<min(t, size - column * t) {
                    let s = (y * t + x) * 3, d = (y * size + column * t + x) * 3
                    band[d] = p.pixels[s]; band[d + 1] = p.pixels[s + 1]; band[d + 2] = p.pixels[s + 2]
                } }
            }
            let rows = min(t, size - row * t)
            out.write(Data(band[0..<(rows * size * 3)]))
        }
        try out.close()
        let peerFile = base.appendingPathComponent("vips.tif").path
        let saveOptions = compression == "jpeg" ? "tile,pyramid,compression=jpeg,Q=\(quality)" : "tile,pyramid,compression=deflate"
        let vipsWriteSeconds = try BenchSupport.seconds {
            try BenchSupport.run("vips", ["rawload", raw, "\(peerFile)[\(saveOptions),tile-width=256,tile-height=256]", "\(size)", "\(size)", "3"])
        }

        // Read all of level 0 in regions, SlideIO vs vips decoding the same file (vips avg decodes every pixel).
        let slide = try Slide(path: ours)
        var checksum = 0
        let readSeconds = try BenchSupport.seconds {
            var y = 0
            while y < size {
                var x = 0
                while x < size {
                    let image = try slide.readRegion(level: 0, x: x, y: y, width: region, height: region)
                    checksum &+= Int(image.pixels[0])
                    x += region
                }
                y += region
            }
        }
        let vipsReadSeconds = try BenchSupport.seconds { try BenchSupport.run("vips", ["avg", ours]) }
        let megapixels = Double(size * size) / 1e6
        let bytes = (try? FileManager.default.attributesOfItem(atPath: ours)[.size] as? Int) ?? 0
        let peerBytes = (try? FileManager.default.attributesOfItem(atPath: peerFile)[.size] as? Int) ?? 0
        print("slide \(size)×\(size) (\(String(format: "%.0f", megapixels)) Mpx), \(compression), levels \(slide.levels.count)")
        print("benchmark                    TMEScope s    vips s   TMEScope Mpx/s")
        print(String(format: "write pyramid                %10.2f %9.2f %12.1f", writeSeconds, vipsWriteSeconds, megapixels / writeSeconds))
        print(String(format: "read level 0 (%4d² regions)  %10.2f %9.2f %12.1f", region, readSeconds, vipsReadSeconds, megapixels / readSeconds))
        print(String(format: "file size MB                 %10.1f %9.1f", Double(bytes) / 1e6, Double(peerBytes) / 1e6))
        print(String(format: "peak RSS after write: %.0f MB (level 0 uncompressed: %.0f MB); checksum %d",
                     rssAfterWrite, Double(size * size * 3) / 1e6, checksum))
    }

    /// Eight 256² tissue-like tiles (smooth colour fields with fine texture).
    static func palette() -> [RGBImage] {
        (0..<8).map { k in
            var image = RGBImage(width: 256, height: 256)
            for y in 0..<256 { for x in 0..<256 {
                let fx = Double(x + 97 * k), fy = Double(y + 31 * k)
                let texture = 12 * sin(fx * 0.9) * cos(fy * 1.1)
                let o = (y * 256 + x) * 3
                image.pixels[o] = UInt8(max(0, min(255, 200 + 40 * sin(fx / 37) * cos(fy / 53) + texture)))
                image.pixels[o + 1] = UInt8(max(0, min(255, 140 + 60 * sin((fx + fy) / 91) + texture)))
                image.pixels[o + 2] = UInt8(max(0, min(255, 190 + 50 * cos(fx / 71 - fy / 29))))
            } }
            return image
        }
    }


    static func peakRSSMegabytes() -> Double {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return Double(usage.ru_maxrss) / 1024
    }

}
