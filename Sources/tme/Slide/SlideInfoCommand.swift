import ArgumentParser
import Pipeline

/// `tme slide info FILE [--json] [--mpp X]`
struct SlideInfoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "info",
        abstract: "Pyramid levels, dimensions, downsamples, tile size, µm/px and compression of a slide.",
        discussion: """
            Levels are IFD 0, its SubIFDs and further tiled IFDs of decreasing size (Aperio's thumbnail, \
            label and macro images are not levels). µm/px comes from --mpp, else `MPP = …` in the \
            ImageDescription, else the resolution tags.
            """
    )

    @Argument(help: ArgumentHelp("The slide (TIFF, BigTIFF, SVS).", valueName: "file"))
    var file: String

    @Option(name: .customLong("mpp"), help: ArgumentHelp("Override the slide's µm per pixel at level 0.", valueName: "µm/px"))
    var micronsPerPixel: Double?

    @Flag(help: "Print JSON: {path, format, mpp, mpp_source, image_description, levels: [{index, width, height, downsample, tile_width, tile_height, tiled, compression, compression_code, directory}]}.")
    var json = false

    func validate() throws {
        if let m = micronsPerPixel, !(m > 0 && m.isFinite) { throw ValidationError("--mpp must be a positive number") }
    }

    func run() async throws {
        print(try SlideFiles.info(path: file, micronsPerPixel: micronsPerPixel, json: json))
    }
}
