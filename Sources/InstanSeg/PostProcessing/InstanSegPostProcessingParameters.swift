/// The parameters of InstanSeg's post-processing, with the defaults that the brightfield_nuclei 0.1.1
/// TorchScript model stores (`default_mask_threshold`, `default_peak_distance`, …).
///
/// Lengths are in pixels of the network's input (0.5 µm/px for brightfield_nuclei); thresholds are unitless
/// and compared in single precision, as PyTorch compares a float32 tensor with a Python float.
///
/// Two of the model's stored defaults are deliberately absent: `fg_threshold` (0.5) only applies to models
/// with a separate foreground channel (`dim_seeds` 2; brightfield_nuclei has one seed channel), and
/// `min_size` (10) is read by the TorchScript forward but never applied. Storing them would suggest an effect
/// they do not have.
public struct InstanSegPostProcessingParameters: Sendable, Hashable, Codable {
    /// A window pixel belongs to a seed's instance when its probability is ≥ this (default 0.53, range 0–1).
    public var maskThreshold: Float
    /// Seeds are local maxima of the seed map within a (2·d+1)² square, d in pixels (default 5, range ≥ 1).
    public var peakDistancePixels: Int
    /// A seed's value on the seed map (`seed channel / 15 + 0.5`) must be > this (default 0.7).
    public var seedThreshold: Float
    /// Two seeds' masks merge into one instance when their intersection over the smaller mask's area is
    /// > this (default 0.3, range 0–1).
    public var overlapThreshold: Float
    /// Half the side of each seed's square window, in pixels (default 32: 64 × 64 windows; range ≥ 1).
    /// Images must be at least twice this on each side.
    public var windowSizePixels: Int
    /// Keep only the part of each seed's mask connected (8-neighbourhood) to the seed, and fill its holes
    /// (default true).
    public var cleanupFragments: Bool

    public init(maskThreshold: Float = 0.53, peakDistancePixels: Int = 5, seedThreshold: Float = 0.7,
                overlapThreshold: Float = 0.3, windowSizePixels: Int = 32, cleanupFragments: Bool = true) {
        self.maskThreshold = maskThreshold
        self.peakDistancePixels = peakDistancePixels
        self.seedThreshold = seedThreshold
        self.overlapThreshold = overlapThreshold
        self.windowSizePixels = windowSizePixels
        self.cleanupFragments = cleanupFragments
    }

    /// brightfield_nuclei 0.1.1's stored defaults.
    public static let brightfieldNuclei = InstanSegPostProcessingParameters()
}
