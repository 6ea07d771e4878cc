import ArgumentParser

/// `tme slide …`: inspect and read whole-slide TIFFs.
struct SlideCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "slide",
        abstract: "Inspect whole-slide TIFFs and read regions from them.",
        subcommands: [SlideInfoCommand.self, SlideReadRegion.self]
    )
}
