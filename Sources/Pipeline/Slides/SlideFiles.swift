import SlideIO

/// Slide files as `tme slide` reads them: the pyramid's description and any region of any level.
public enum SlideFiles {
    /// The levels, dimensions, downsamples, tile size, µm/px and compression of the slide at `path`, as
    /// a text table or JSON; `micronsPerPixel` overrides the file's level-0 µm/px.
    public static func info(path: String, micronsPerPixel: Double?, json: Bool) throws -> String {
        let info = try Slide(path: path, micronsPerPixel: micronsPerPixel).info
        return json ? try info.jsonText() : info.tableText()
    }

    /// True when `path` ends in an extension `readRegion` can write (.rgb, .png, .tif).
    public static func isRegionOutput(_ path: String) -> Bool { RGBImage.FileFormat(path: path) != nil }

    /// Reads the region (`x`, `y`, `width`, `height` in pixels of `level`) as 8-bit RGB and writes it to
    /// `output`; a .tif carries the level's µm/px (level-0 µm/px × downsample).
    public static func readRegion(path: String, level: Int, x: Int, y: Int, width: Int, height: Int, to output: String) throws {
        let slide = try Slide(path: path)
        let region = try slide.readRegion(level: level, x: x, y: y, width: width, height: height)
        let mpp = slide.micronsPerPixel.map { $0 * slide.levels[level].downsample }
        try region.write(to: output, micronsPerPixel: mpp)
    }
}
