/// A single-channel Float32 image (optical density or stain amount), row-major, no padding.
public struct DensityPlane: Sendable, Hashable {
    public let width: Int
    public let height: Int
    public var values: [Float]

    public init(width: Int, height: Int, values: [Float]) throws {
        guard width > 0, height > 0 else {
            throw TissueAnalysisError.invalidTileShape(width: width, height: height, byteCount: values.count * 3)
        }
        guard values.count == width * height else {
            throw TissueAnalysisError.sizeMismatch(what: "plane value count for \(width)×\(height)",
                                                   expected: width * height, found: values.count)
        }
        self.width = width
        self.height = height
        self.values = values
    }

    /// A zero plane.
    init(zeroWidth width: Int, height: Int) {
        self.width = width
        self.height = height
        self.values = [Float](repeating: 0, count: width * height)
    }

    public subscript(x: Int, y: Int) -> Float { values[y * width + x] }
}

extension DensityPlane {
    /// Wraps a buffer whose size the caller has already checked.
    init(unchecked width: Int, height: Int, values: [Float]) {
        self.width = width
        self.height = height
        self.values = values
    }
}
