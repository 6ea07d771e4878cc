import Foundation

extension SlideInfo {
    /// Human-readable summary: header lines, then one row per level.
    public func tableText() -> String {
        var lines = ["file: \(path)", "format: \(format)"]
        if let mpp = micronsPerPixel {
            lines.append("mpp: \(String(format: "%.4f", mpp)) µm/px (from \(mppSource.rawValue))")
        } else {
            lines.append("mpp: unknown (no MPP in ImageDescription, no usable resolution tags; pass --mpp)")
        }
        lines.append("levels: \(levels.count)")
        func pad(_ text: String, _ width: Int) -> String { text + String(repeating: " ", count: max(1, width - text.count)) }
        lines.append(pad("level", 7) + pad("width × height", 20) + pad("downsample", 12) + pad("tile", 13)
                     + pad("layout", 9) + pad("compression", 13) + "directory")
        for l in levels {
            lines.append(pad("\(l.index)", 7) + pad("\(l.width) × \(l.height)", 20)
                         + pad(String(format: "%.4g", l.downsample), 12) + pad("\(l.tileWidth) × \(l.tileHeight)", 13)
                         + pad(l.isTiled ? "tiled" : "striped", 9) + pad(l.compression.description, 13) + l.directory)
        }
        return lines.joined(separator: "\n")
    }

    /// JSON with snake_case keys, sorted, pretty-printed; compression as its name.
    public func jsonText() throws -> String {
        struct Level: Encodable {
            let index: Int, width: Int, height: Int, downsample: Double
            let tile_width: Int, tile_height: Int, tiled: Bool, compression: String, compression_code: Int, directory: String
        }
        struct Out: Encodable {
            let path: String, format: String, mpp: Double?, mpp_source: String, image_description: String?, levels: [Level]
        }
        let out = Out(path: path, format: format, mpp: micronsPerPixel, mpp_source: mppSource.rawValue,
                      image_description: imageDescription,
                      levels: levels.map { Level(index: $0.index, width: $0.width, height: $0.height, downsample: $0.downsample,
                                                 tile_width: $0.tileWidth, tile_height: $0.tileHeight, tiled: $0.isTiled,
                                                 compression: $0.compression.description, compression_code: $0.compression.code,
                                                 directory: $0.directory) })
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(out), as: UTF8.self)
    }
}
