/// Parameters of `NucleusDetector`, all in physical units so any magnification works.
///
/// Defaults are set for H&E and H-DAB at 0.25–1 µm/px: lymphocyte nuclei are 5–7 µm across, tumor nuclei
/// 8–15 µm, fibroblast nuclei 2–4 µm wide. `validate()` enforces the ranges given per field.
public struct NucleusDetectionParameters: Sendable, Hashable, Codable {
    /// How the hematoxylin threshold is chosen.
    public enum ThresholdMethod: String, Sendable, Hashable, Codable {
        /// Otsu's threshold of the smoothed hematoxylin plane, never below `minimumThresholdOD`.
        case otsu
        /// `fixedThresholdOD` for every tile (reproducible across tiles of very different content).
        case fixed
    }

    /// σ of the Gaussian applied to the hematoxylin plane before thresholding. µm, default 0.5, range 0–3.
    public var smoothingSigmaMicrons: Double = 0.5
    /// Threshold rule. Default `.otsu`.
    public var thresholdMethod: ThresholdMethod = .otsu
    /// Hematoxylin amount (OD units) used by `.fixed`. Default 0.3, range 0.01–3.
    public var fixedThresholdOD: Double = 0.3
    /// Lower bound on Otsu's threshold, so a tile without nuclei does not split its noise. OD, default 0.15, range 0–3.
    public var minimumThresholdOD: Double = 0.15
    /// Upper bound on Otsu's threshold, so a tile crowded with dark nuclei keeps its pale (vesicular) ones.
    /// OD, default 0.45, range 0.01–3 and ≥ `minimumThresholdOD`.
    public var maximumThresholdOD: Double = 0.45
    /// Pixels at or above this smoothed hematoxylin level are left out of Otsu's histogram: dense lymphocyte
    /// chromatin (≥ 0.85 OD, the level at which the default classifier calls a nucleus lymphoid; fibroblasts read
    /// 0.75) would otherwise make the brightest class "lymphocytes" and lift the level above pale (vesicular) tumor
    /// nuclei, which then break into rim fragments or vanish (VALIDATION.md: tumor counts −11 … −22 % on 8 of 64 demo
    /// slides before, one slide at −11 % after). Objects whose median reaches the whole-tile level keep it as their
    /// border floor (`BorderRefinement`). Tiles without such pixels (and the lighter IHC counterstain) are unaffected.
    /// OD, default 0.85, range > `minimumThresholdOD`; `.infinity` (in Swift; JSON cannot carry it, use 3) keeps
    /// every pixel: one level, as before.
    public var otsuCeilingOD: Double = 0.85
    /// Enclosed background up to this area becomes nucleus (pale vesicular centres). µm², default 60, range 0–500.
    public var maximumHoleAreaSquareMicrons: Double = 60
    /// A distance-map maximum below this radius seeds no nucleus (debris, thin fibres). µm, default 0.9, range 0–5.
    public var minimumSeedRadiusMicrons: Double = 0.9
    /// Opening radius separating thin (spindle) nuclei from thick (round) ones that touch them: parts of the
    /// foreground narrower than twice this become nuclei of their own (`ThinStructureSeeds`). Between the
    /// half-width of a fibroblast nucleus (1–2 µm) and the radius of a lymphocyte nucleus (2.5–3.7 µm); 0 turns
    /// the split off. µm, default 2.6, range 0–5.
    public var thinStructureRadiusMicrons: Double = 2.6
    /// A thin part is given back to its neighbour when their union fills at least this share of its
    /// moment-equivalent ellipse (the tip of one elongated nucleus, not a spindle crossing a round one).
    /// Default 0.93, range 0.5–1.
    public var thinUnionMinimumFill: Double = 0.93
    /// Dark-nucleus level for `DarkNucleusSeeds` (dense lymphocyte chromatin; about twice a vesicular tumor
    /// nucleus). OD, default 0.75 (H&E; ≈ 0.45 for a lighter IHC counterstain), range 0.05–3.
    public var darkNucleusMinimumOD: Double = 0.75
    /// A dark region seeds its own nucleus when it contains a disc of more than this radius. Below a lymphocyte
    /// nucleus radius (2.5–3.7 µm), above a nucleolus or a spindle half-width; 0 turns dark seeds off.
    /// µm, default 2, range 0–5.
    public var darkCoreRadiusMicrons: Double = 2
    /// Basins whose dynamic (peak − saddle of the distance map) is at most this are merged: a nucleus is split
    /// only at a neck at least this much narrower (in radius) than the smaller of the two. µm, default 0.8, range 0–5.
    public var mergeDepthMicrons: Double = 0.8
    /// Borders move in to this fraction of the object's 75th-percentile hematoxylin (0 keeps the threshold
    /// border). Default 0.5 (the half-maximum contour), range 0–0.9.
    public var edgeFraction: Double = 0.5
    /// Objects smaller than this are dropped. µm², default 8, range 0–200.
    public var minimumAreaSquareMicrons: Double = 8
    /// Objects larger than this are dropped (clumps, folds). µm², default 400, range > `minimumAreaSquareMicrons`.
    public var maximumAreaSquareMicrons: Double = 400
    /// Segment objects above `maximumAreaSquareMicrons` again at their own Otsu level before dropping what
    /// is still too large (default true).
    public var resegmentClumps: Bool = true
    /// Growth of pale nuclei from their nucleolus or rim fragments (`PaleNucleusRecovery`), before the size filter;
    /// nil turns it off. Default on, with the documented defaults.
    public var paleNucleusRecovery: PaleNucleusRecovery? = PaleNucleusRecovery()
    /// Width of the cytoplasm ring grown around each nucleus (cell expansion, shared pixels go to the nearer
    /// nucleus). µm, default 3, range 0–20.
    public var cytoplasmRingMicrons: Double = 3

    public init() {}

    /// Throws `invalidParameter` naming the first field outside its documented range.
    public func validate() throws {
        func check(_ ok: Bool, _ name: String, _ value: Double, _ expected: String) throws {
            guard ok, value.isFinite else {
                throw TissueAnalysisError.invalidParameter(name: name, value: "\(value)", expected: expected)
            }
        }
        try check((0...3).contains(smoothingSigmaMicrons), "smoothingSigmaMicrons", smoothingSigmaMicrons, "0–3 µm")
        try check((0.01...3).contains(fixedThresholdOD), "fixedThresholdOD", fixedThresholdOD, "0.01–3 OD")
        try check((0...3).contains(minimumThresholdOD), "minimumThresholdOD", minimumThresholdOD, "0–3 OD")
        try check((0.01...3).contains(maximumThresholdOD) && maximumThresholdOD >= minimumThresholdOD,
                  "maximumThresholdOD", maximumThresholdOD, "0.01–3 OD and ≥ minimumThresholdOD")
        guard otsuCeilingOD > minimumThresholdOD else {   // +∞ is allowed: no pixel left out
            throw TissueAnalysisError.invalidParameter(name: "otsuCeilingOD", value: "\(otsuCeilingOD)", expected: "> minimumThresholdOD")
        }
        try check((0...500).contains(maximumHoleAreaSquareMicrons), "maximumHoleAreaSquareMicrons",
                  maximumHoleAreaSquareMicrons, "0–500 µm²")
        try check((0...5).contains(minimumSeedRadiusMicrons), "minimumSeedRadiusMicrons", minimumSeedRadiusMicrons, "0–5 µm")
        try check((0...5).contains(thinStructureRadiusMicrons), "thinStructureRadiusMicrons", thinStructureRadiusMicrons, "0–5 µm")
        try check((0.05...3).contains(darkNucleusMinimumOD), "darkNucleusMinimumOD", darkNucleusMinimumOD, "0.05–3 OD")
        try check((0...5).contains(darkCoreRadiusMicrons), "darkCoreRadiusMicrons", darkCoreRadiusMicrons, "0–5 µm")
        try check((0.5...1).contains(thinUnionMinimumFill), "thinUnionMinimumFill", thinUnionMinimumFill, "0.5–1")
        try check((0...5).contains(mergeDepthMicrons), "mergeDepthMicrons", mergeDepthMicrons, "0–5 µm")
        try check((0...0.9).contains(edgeFraction), "edgeFraction", edgeFraction, "0–0.9")
        try check((0...200).contains(minimumAreaSquareMicrons), "minimumAreaSquareMicrons", minimumAreaSquareMicrons, "0–200 µm²")
        try check(maximumAreaSquareMicrons > minimumAreaSquareMicrons, "maximumAreaSquareMicrons",
                  maximumAreaSquareMicrons, "> minimumAreaSquareMicrons")
        try paleNucleusRecovery?.validate()
        try check((0...20).contains(cytoplasmRingMicrons), "cytoplasmRingMicrons", cytoplasmRingMicrons, "0–20 µm")
    }
}
