/// One detected nucleus with its morphology and stain measurements, all in physical units.
///
/// Coordinates are continuous image coordinates of the analysed level: pixel (i, j) covers [i, i+1)×[j, j+1),
/// so its centre is (i + 0.5, j + 0.5); the tile origin given to the detector is added. Optical densities are
/// stain amounts from `ColourDeconvolution` (OD units); a stain the matrix does not have reads 0.
public struct Nucleus: Sendable, Hashable, Codable {
    /// Centroid, pixels of the analysed level (tile origin added).
    public var xPixels: Double
    public var yPixels: Double
    /// Centroid, µm from the slide (or tile) origin.
    public var xMicrons: Double
    public var yMicrons: Double
    /// Area, µm² (pixel count × µm²/px).
    public var areaSquareMicrons: Double
    /// Perimeter by the Cauchy–Crofton formula over 4 directions, µm.
    public var perimeterMicrons: Double
    /// 4π·area/perimeter², clipped to ≤ 1 (1 for a disc).
    public var circularity: Double
    /// √(1 − λ₂/λ₁) of the second central moments (0 for a disc, → 1 for a line).
    public var eccentricity: Double
    /// Area / area of the convex hull (pixel count of the filled hull of pixel centres).
    public var solidity: Double
    /// Major and minor axis lengths of the moment-equivalent ellipse, 4√λ, µm.
    public var majorAxisMicrons: Double
    public var minorAxisMicrons: Double
    /// Mean and standard deviation of hematoxylin inside the nucleus, OD.
    public var hematoxylinMean: Double
    public var hematoxylinStd: Double
    /// Mean eosin in the cytoplasm ring, OD.
    public var ringEosinMean: Double
    /// Mean hematoxylin in the cytoplasm ring, OD (low for pale, abundant cytoplasm).
    public var ringHematoxylinMean: Double
    /// Mean DAB inside the nucleus and in the ring, OD.
    public var nucleusDABMean: Double
    public var ringDABMean: Double
    /// Area of the cytoplasm ring actually grown (smaller where neighbours compete), µm².
    public var ringAreaSquareMicrons: Double
    /// The nucleus touches the tile edge (its shape may be cut).
    public var touchesTileEdge: Bool

    /// Diameter of the disc of equal area, µm.
    public var equivalentDiameterMicrons: Double { 2 * (areaSquareMicrons / Double.pi).squareRoot() }
    /// Major / minor axis (1 for a disc).
    public var elongation: Double { majorAxisMicrons / max(minorAxisMicrons, 1e-6) }
}
