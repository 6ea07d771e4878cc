/// Parameters of the tissue mask (`TissueMask.compute`). Areas are in mask pixels.
public struct TissueMaskParameters: Sendable, Hashable, Codable {
    /// The per-pixel feature that separates tissue from glass.
    public enum Feature: String, Sendable, Hashable, Codable, CaseIterable {
        /// HSV saturation (max − min) / max of R, G, B, in [0, 1]. Glass is grey/white (low), stained
        /// tissue is coloured (high). Default; robust to uneven illumination.
        case saturation
        /// Mean optical density −log₁₀((I + 1) / 256) over R, G, B, in [0, log₁₀ 256 ≈ 2.41].
        /// Also catches pale, weakly stained tissue; also catches dark debris and pen.
        case opticalDensity
    }

    public var feature: Feature
    /// Longest side of the image the mask is computed on, in pixels. Range 16...16384. Default 1024.
    public var maxDimension: Int
    /// Lower bound on the threshold in feature units, so a slide with no tissue is not split by
    /// noise: 0.05 saturation / 0.05 OD by default. Range [0, 1] (saturation) or [0, 2.41] (OD).
    public var minimumThreshold: Double
    /// Background regions enclosed by tissue (not touching the image border) of at most this many
    /// mask pixels become tissue. Default 256 (≈ 16×16). 0 disables.
    public var maxHoleAreaPixels: Int
    /// Tissue regions (8-connected) smaller than this many mask pixels become background. Default 16. 0 disables.
    public var minObjectAreaPixels: Int

    public init(feature: Feature = .saturation, maxDimension: Int = 1024, minimumThreshold: Double = 0.05,
                maxHoleAreaPixels: Int = 256, minObjectAreaPixels: Int = 16) {
        self.feature = feature
        self.maxDimension = maxDimension
        self.minimumThreshold = minimumThreshold
        self.maxHoleAreaPixels = maxHoleAreaPixels
        self.minObjectAreaPixels = minObjectAreaPixels
    }

    public func validate() throws {
        guard (16...16384).contains(maxDimension) else {
            throw SlideIOError.invalidParameter(name: "maxDimension", value: "\(maxDimension)", expected: "16...16384")
        }
        guard minimumThreshold >= 0, minimumThreshold <= 2.41 else {
            throw SlideIOError.invalidParameter(name: "minimumThreshold", value: "\(minimumThreshold)", expected: "[0, 2.41]")
        }
        guard maxHoleAreaPixels >= 0, minObjectAreaPixels >= 0 else {
            throw SlideIOError.invalidParameter(name: "maxHoleAreaPixels/minObjectAreaPixels",
                                                value: "\(maxHoleAreaPixels)/\(minObjectAreaPixels)", expected: "≥ 0")
        }
    }
}
