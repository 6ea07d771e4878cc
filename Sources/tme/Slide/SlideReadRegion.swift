import ArgumentParser
import Pipeline

/// `tme slide read-region FILE --level L --x X --y Y --width W --height H --out OUT`
struct SlideReadRegion: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "read-region",
        abstract: "Read a region of one pyramid level as 8-bit RGB into .rgb (raw, row-major), .png or .tif.",
        discussion: """
            Coordinates are in the pixels of the chosen level. Pixels outside the slide are white. \
            The .tif output is a tiled deflate pyramid whose µm/px is the level's (level-0 µm/px × downsample; 0.5 if the slide's is unknown).
            """
    )

    @Argument(help: ArgumentHelp("The slide (TIFF, BigTIFF, SVS).", valueName: "file"))
    var file: String

    @Option(help: ArgumentHelp("Pyramid level (0 = full resolution).", valueName: "L"))
    var level: Int = 0

    @Option(help: ArgumentHelp("Left edge in level pixels; negative as --x=-10.", valueName: "X"))
    var x: Int

    @Option(help: ArgumentHelp("Top edge in level pixels; negative as --y=-10.", valueName: "Y"))
    var y: Int

    @Option(help: ArgumentHelp("Region width in pixels (≥ 1).", valueName: "W"))
    var width: Int

    @Option(help: ArgumentHelp("Region height in pixels (≥ 1).", valueName: "H"))
    var height: Int

    @Option(name: .customLong("out"), help: ArgumentHelp("Output file ending in .rgb, .png or .tif.", valueName: "file"))
    var output: String

    func validate() throws {
        guard level >= 0 else { throw ValidationError("--level must be ≥ 0") }
        guard width >= 1, height >= 1 else { throw ValidationError("--width and --height must be ≥ 1") }
        guard SlideFiles.isRegionOutput(output) else {
            throw ValidationError("--out must end in .rgb, .png or .tif (got \(output))")
        }
    }

    func run() async throws {
        try SlideFiles.readRegion(path: file, level: level, x: x, y: y, width: width, height: height, to: output)
    }
}
