/// The settings a brightfield_nuclei archive carries for its own post-processing: the defaults of
/// `InstanSeg_Torchscript.forward`, read from the top module's attributes so that the native
/// post-processing is configured from the same file as the weights.
///
/// Values of brightfield_nuclei 0.1.1 in brackets.
public struct InstanSegModelSettings: Sendable, Hashable, Codable {
    /// Pixel size the model was trained at, µm per pixel (`pixel_size`) [0.5].
    public var pixelSizeMicrons: Double
    /// Coordinate-offset channels (`dim_coords`) [2].
    public var coordinateChannels: Int
    /// Sigma channels (`n_sigma`) [2].
    public var sigmaChannels: Int
    /// Seed channels (`dim_seeds`) [1].
    public var seedChannels: Int
    /// Width of the pixel classifier's engineered features (`feature_engineering_width`) [2].
    public var featureEngineeringWidth: Int
    /// Whether the model segments cells and nuclei (`cells_and_nuclei`) [false].
    public var cellsAndNuclei: Bool
    /// Smallest kept object, pixels (`default_min_size`) [10].
    public var minSize: Int
    /// Probability above which a pixel joins a seed's object (`default_mask_threshold`) [0.53].
    public var maskThreshold: Double
    /// Minimum distance between seeds, pixels (`default_peak_distance`) [5].
    public var peakDistance: Int
    /// Seed-map threshold for a peak (`default_seed_threshold`) [0.7].
    public var seedThreshold: Double
    /// Overlap (intersection over minimum area) above which objects merge (`default_overlap_threshold`) [0.3].
    public var overlapThreshold: Double
    /// `default_mean_threshold` [0.0].
    public var meanThreshold: Double
    /// Foreground threshold (`default_fg_threshold`) [0.5].
    public var foregroundThreshold: Double
    /// Side of the window cropped around each seed, pixels (`default_window_size`) [32].
    public var windowSize: Int
    /// Whether fragments are cleaned up (`default_cleanup_fragments`) [true].
    public var cleanupFragments: Bool
    /// `default_resolve_cell_and_nucleus` [true].
    public var resolveCellAndNucleus: Bool

    /// Reads every field from the archive's attributes.
    /// - Throws: `InstanSegError.malformedArchive` naming the first missing or mistyped attribute.
    public init(archive: TorchScriptArchive) throws {
        func value<T>(_ name: String, _ read: (ArchiveScalar) -> T?) throws -> T {
            guard let scalar = archive.attributes[name], let v = read(scalar) else {
                throw InstanSegError.malformedArchive(path: archive.path, reason: "attribute \(name) is missing or of another type")
            }
            return v
        }
        pixelSizeMicrons = try value("pixel_size", \.doubleValue)
        coordinateChannels = try value("dim_coords", \.intValue)
        sigmaChannels = try value("n_sigma", \.intValue)
        seedChannels = try value("dim_seeds", \.intValue)
        featureEngineeringWidth = try value("feature_engineering_width", \.intValue)
        cellsAndNuclei = try value("cells_and_nuclei", \.boolValue)
        minSize = try value("default_min_size", \.intValue)
        maskThreshold = try value("default_mask_threshold", \.doubleValue)
        peakDistance = try value("default_peak_distance", \.intValue)
        seedThreshold = try value("default_seed_threshold", \.doubleValue)
        overlapThreshold = try value("default_overlap_threshold", \.doubleValue)
        meanThreshold = try value("default_mean_threshold", \.doubleValue)
        foregroundThreshold = try value("default_fg_threshold", \.doubleValue)
        windowSize = try value("default_window_size", \.intValue)
        cleanupFragments = try value("default_cleanup_fragments", \.boolValue)
        resolveCellAndNucleus = try value("default_resolve_cell_and_nucleus", \.boolValue)
    }
}
