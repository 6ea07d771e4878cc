import Foundation

/// Where a rendered slide goes: receives level-0 tiles (tileSize² RGB, row-major, white beyond the slide
/// edge) strictly in row-major order, then `finish()`. The TIFF writer is one implementation
/// (`PyramidTIFFSink`); tests use in-memory sinks.
public protocol SlideTileSink: AnyObject {
    func append(column: Int, row: Int, rgb: [UInt8]) throws
    func finish() throws
}

/// Everything a sink needs to know about the image it receives.
public struct SlideImageSpec: Sendable, Hashable, Codable {
    public var path: String
    public var geometry: SlideGeometry
    public var compression: String
    public var jpegQuality: Int
    public var description: String
}

/// Makes one sink per slide (called from worker threads).
public protocol SlideSinkFactory: Sendable {
    func makeSink(_ spec: SlideImageSpec) throws -> any SlideTileSink
}
