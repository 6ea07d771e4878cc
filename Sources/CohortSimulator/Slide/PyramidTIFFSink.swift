import Foundation
import SlideIO

/// Streams tiles into SlideIO's tiled pyramidal TIFF writer (the only file that knows the writer's API).
public final class PyramidTIFFSink: SlideTileSink {
    private let writer: PyramidTIFFWriter
    private let tileSize: Int

    public init(_ spec: SlideImageSpec) throws {
        let options = PyramidTIFFWriterOptions(
            tileSize: spec.geometry.tileSize,
            compression: spec.compression == "jpeg" ? .jpeg : .deflate,
            jpegQuality: spec.jpegQuality, micronsPerPixel: spec.geometry.micronsPerPixel,
            descriptionPrefix: spec.description)
        writer = try PyramidTIFFWriter(path: spec.path, width: spec.geometry.widthPx, height: spec.geometry.heightPx,
                                       options: options)
        tileSize = spec.geometry.tileSize
    }

    public func append(column: Int, row: Int, rgb: [UInt8]) throws {
        try writer.append(tile: RGBImage(width: tileSize, height: tileSize, pixels: rgb))
    }

    public func finish() throws { try writer.finish() }
}

/// Factory for `PyramidTIFFSink`.
public struct PyramidTIFFSinkFactory: SlideSinkFactory {
    public init() {}
    public func makeSink(_ spec: SlideImageSpec) throws -> any SlideTileSink { try PyramidTIFFSink(spec) }
}
