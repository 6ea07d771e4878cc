import Foundation
import TestSupport
@testable import SlideIO

/// Independent tools (Debian libvips-tools, openslide-tools, libtiff-tools) used as references when
/// installed; tests that need them are skipped otherwise.
enum ExternalTools {
    static func find(_ name: String) -> String? {
        for dir in (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin").split(separator: ":") {
            let p = "\(dir)/\(name)"
            if FileManager.default.isExecutableFile(atPath: p) { return p }
        }
        return nil
    }

    static var haveVips: Bool { find("vips") != nil }
    /// openslide-tools, libvips-tools and libtiff-tools (the interop suite uses all three).
    static var haveOpenSlide: Bool {
        ["openslide-write-png", "openslide-show-properties", "vips", "vipsheader", "tiffinfo"].allSatisfy { find($0) != nil }
    }

    struct Failure: Error, CustomStringConvertible { let description: String }

    /// Runs a tool, returns stdout; throws with stderr on a non-zero exit.
    @discardableResult
    static func run(_ tool: String, _ arguments: [String]) throws -> String {
        guard let exe = find(tool) else { throw Failure(description: "\(tool) not installed") }
        let r = try ProcessCapture.run(URL(fileURLWithPath: exe), arguments)
        guard r.exitCode == 0 else {
            throw Failure(description: "\(tool) \(arguments.joined(separator: " ")) exited \(r.exitCode): " + r.stderr)
        }
        return r.stdout + r.stderr
    }

    /// OpenSlide's read of a region (x, y in *level* pixels; converted to level 0 with the integer
    /// downsample), as RGBA bytes from `openslide-write-png` decoded by vips.
    static func openSlideRegion(path: String, level: Int, downsample: Int, x: Int, y: Int, width: Int, height: Int,
                                in dir: URL) throws -> [UInt8] {
        let png = dir.appendingPathComponent("os-\(UUID().uuidString).png").path
        let raw = png + ".raw"
        try run("openslide-write-png", ["--", path, "\(x * downsample)", "\(y * downsample)", "\(level)", "\(width)", "\(height)", png])
        try run("vips", ["rawsave", png, raw])
        return [UInt8](try Data(contentsOf: URL(fileURLWithPath: raw)))
    }

    /// One pyramid page decoded by vips (`file[page=N]`), as RGB.
    static func vipsLevel(path: String, page: Int, in dir: URL, loader: String = "tiffload") throws -> RGBImage {
        let v = dir.appendingPathComponent("vips-\(UUID().uuidString).v").path
        let raw = v + ".raw"
        if loader == "tiffload" {
            try run("vips", ["tiffload", path, v, "--page", "\(page)"])
        } else {
            try run("vips", ["copy", path, v])
        }
        try run("vips", ["rawsave", v, raw])
        let header = try run("vipsheader", [v])
        // "<file>: 1440x1056 uchar, 3 bands, srgb, tiffload"
        let dims = header.split(separator: ":").last!.split(separator: " ").first!.split(separator: "x")
        let w = Int(dims[0])!, h = Int(dims[1])!
        let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: raw)))
        return try RGBImage(width: w, height: h, pixels: bytes)
    }

    /// A raw RGB file → a vips image file (any format vips writes, by extension).
    static func vipsFromRGB(_ image: RGBImage, to path: String, dir: URL) throws {
        let raw = dir.appendingPathComponent("src-\(UUID().uuidString).raw").path
        try Data(image.pixels).write(to: URL(fileURLWithPath: raw))
        try run("vips", ["rawload", raw, path, "\(image.width)", "\(image.height)", "3"])
    }
}

/// Compares our RGB read against OpenSlide's RGBA: opaque pixels must match exactly, transparent ones
/// (outside the slide) must be white in ours. Returns the number of mismatching pixels.
func mismatches(ours: RGBImage, openslide rgba: [UInt8]) -> Int {
    guard rgba.count == ours.width * ours.height * 4 else { return ours.width * ours.height }
    var bad = 0
    for i in 0..<(ours.width * ours.height) {
        let a = rgba[i * 4 + 3]
        let expected: (UInt8, UInt8, UInt8) = a == 0 ? (255, 255, 255) : (rgba[i * 4], rgba[i * 4 + 1], rgba[i * 4 + 2])
        if ours.pixels[i * 3] != expected.0 || ours.pixels[i * 3 + 1] != expected.1 || ours.pixels[i * 3 + 2] != expected.2 {
            bad += 1
        }
    }
    return bad
}

/// A region of `image`, white outside it.
func crop(_ image: RGBImage, x: Int, y: Int, width: Int, height: Int) -> RGBImage {
    var out = RGBImage(width: width, height: height)
    for py in 0..<height {
        let sy = y + py
        guard sy >= 0, sy < image.height else { continue }
        for px in 0..<width {
            let sx = x + px
            guard sx >= 0, sx < image.width else { continue }
            let s = (sy * image.width + sx) * 3, d = (py * width + px) * 3
            out.pixels[d] = image.pixels[s]; out.pixels[d + 1] = image.pixels[s + 1]; out.pixels[d + 2] = image.pixels[s + 2]
        }
    }
    return out
}
