import TMECore

/// The result of nucleus detection on one tile.
public struct NucleusSegmentation: Sendable, Hashable {
    public let width: Int
    public let height: Int
    /// Object label per pixel: 0 background, i + 1 for `nuclei[i]`.
    public let labels: [Int32]
    /// Owner of each cytoplasm-ring pixel (label as in `labels`), 0 elsewhere.
    public let ringLabels: [Int32]
    public let nuclei: [Nucleus]
    /// The hematoxylin threshold used, OD.
    public let thresholdOD: Double
}

/// Nucleus detection and segmentation on the hematoxylin plane.
///
/// 1. Smooth hematoxylin with a Gaussian of σ = `smoothingSigmaMicrons`.
/// 2. Foreground where smoothed hematoxylin ≥ t: t = Otsu's threshold of the pixels below `otsuCeilingOD`
///    (dense lymphocyte chromatin left out, so a crowd of lymphocytes does not lift the level above pale tumor
///    nuclei) clamped to [`minimumThresholdOD`, `maximumThresholdOD`], or `fixedThresholdOD`.
/// 3. Fill enclosed background of at most `maximumHoleAreaSquareMicrons` (pale vesicular centres).
/// 4. Euclidean distance transform of the foreground (Felzenszwalb & Huttenlocher, linear time).
/// 5. Seeds: 8-connected plateaus of local maxima of the distance with radius ≥ `minimumSeedRadiusMicrons`.
/// 5b. Thin parts (narrower than 2 × `thinStructureRadiusMicrons`: spindles) are split from thick (round) ones by
///    a morphological opening; each large enough thin part becomes one seed of its own (`ThinStructureSeeds`),
///    so a lymphocyte lying on a fibroblast becomes two nuclei.
/// 5c. Dark compact nuclei (smoothed hematoxylin ≥ `darkNucleusMinimumOD` over a disc of radius
///    > `darkCoreRadiusMicrons`: lymphocytes) get a seed of their own (`DarkNucleusSeeds`), so one pressed against a
///    pale tumor nucleus is not absorbed by it.
/// 6. Seeded watershed of the distance map (bucket-queue flooding), then merging of basins whose dynamic is at
///    most `mergeDepthMicrons` (see `Watershed`): touching nuclei split at their neck, elongated nuclei stay whole.
/// 7. Each border moves in to the contour at `edgeFraction` of the object's own hematoxylin level
///    (`BorderRefinement`), so dark nuclei are not inflated by the low threshold pale ones need; an object whose
///    median reaches Otsu's level of the whole tile (lymphocytes included) keeps that level as its floor (two-level
///    hysteresis), so only pale and vesicular nuclei are bordered below it.
/// 7b. Objects above `maximumAreaSquareMicrons` (clumps joined through stained cytoplasm) are segmented again
///    at Otsu's threshold of their own values (`ClumpResegmentation`, when `resegmentClumps`).
/// 7c. Pale nuclei of which only the nucleolus or a rim piece reached the threshold grow from that fragment to
///    their own half-maximum contour above the local background (`PaleNucleusRecovery`, when `paleNucleusRecovery`).
/// 8. Objects outside [`minimumAreaSquareMicrons`, `maximumAreaSquareMicrons`] are dropped; the survivors are
///    measured (`Nucleus`) with a cytoplasm ring of `cytoplasmRingMicrons` grown around each.
///
/// This is the classical pipeline of scikit-image's watershed example (distance transform, peak seeds,
/// watershed) with the peak suppression replaced by the h-dynamics merge, which does not depend on a pixel
/// window. Throws `invalidParameter` for bad parameters or a matrix without hematoxylin.
///
/// References: L. Vincent, P. Soille, IEEE PAMI 13(6):583–598, 1991 (watershed); F. Meyer, Signal Processing
/// 38:113–125, 1994 (flooding); M. Grimaud, SPIE 1769, 1992 (dynamics).
public struct NucleusDetector: Sendable, Hashable, Codable {
    public var parameters: NucleusDetectionParameters

    public init(parameters: NucleusDetectionParameters = NucleusDetectionParameters()) {
        self.parameters = parameters
    }

    /// Detects nuclei in deconvolved stain planes.
    /// - Parameters:
    ///   - densities: output of `ColourDeconvolution.deconvolve`; must contain hematoxylin.
    ///   - calibration: µm per pixel of the tile.
    ///   - originX, originY: position of the tile's top-left pixel on the slide level, pixels.
    public func detect(_ densities: StainDensities, calibration: PixelCalibration,
                       originX: Int = 0, originY: Int = 0) throws -> NucleusSegmentation {
        try parameters.validate()
        guard let hematoxylin = densities.plane(.hematoxylin) else {
            throw TissueAnalysisError.invalidParameter(name: "stain matrix", value: densities.matrix.kinds.map(\.rawValue).joined(separator: ","),
                                                       expected: "a matrix with a hematoxylin row")
        }
        let w = hematoxylin.width, h = hematoxylin.height, p = parameters
        let smoothed = GaussianFilter.smooth(hematoxylin.values, width: w, height: h,
                                             sigma: calibration.pixels(microns: p.smoothingSigmaMicrons))
        let clamp = { (t: Float) in min(Float(p.maximumThresholdOD), max(Float(p.minimumThresholdOD), t)) }
        var threshold = Float(p.fixedThresholdOD), strong: Float? = nil
        if p.thresholdMethod == .otsu {
            let levels = OtsuThreshold.thresholds(smoothed, below: Float(p.otsuCeilingOD))
            threshold = clamp(levels.belowCeiling)
            // Equal levels (no pixel at the ceiling, or both clamped alike): one-level borders, no strong floor.
            if clamp(levels.all) != threshold { strong = clamp(levels.all) }
        }
        var mask = [UInt8](repeating: 0, count: w * h)
        smoothed.withUnsafeBufferPointer { s in
            mask.withUnsafeMutableBufferPointer { m in
                for i in 0..<s.count { m[i] = s[i] >= threshold ? 1 : 0 }
            }
        }
        ConnectedComponents.fillHoles(&mask, width: w, height: h,
                                      maximumHolePixels: Int(calibration.pixelCount(squareMicrons: p.maximumHoleAreaSquareMicrons)))
        let distance = DistanceTransform.euclidean(mask: mask, width: w, height: h)
        var (seeds, seedCount) = Self.seeds(distance: distance, width: w, height: h,
                                            minimumRadius: Float(calibration.pixels(microns: p.minimumSeedRadiusMicrons)))
        var firstProtected = Int32.max
        if p.darkCoreRadiusMicrons > 0 {
            (seeds, seedCount, firstProtected) = DarkNucleusSeeds.addDarkSeeds(
                values: smoothed, seeds: seeds, seedCount: seedCount, width: w, height: h,
                threshold: max(threshold, Float(p.darkNucleusMinimumOD)),
                radius: Float(calibration.pixels(microns: p.darkCoreRadiusMicrons)))
        }
        var thinCount = 0
        if p.thinStructureRadiusMicrons > 0 {
            (seeds, seedCount, firstProtected, thinCount) = ThinStructureSeeds.addThinSeeds(
                mask: mask, distance: distance, seeds: seeds, seedCount: seedCount, width: w, height: h,
                radius: Float(calibration.pixels(microns: p.thinStructureRadiusMicrons)),
                minimumPixels: max(1, Int(calibration.pixelCount(squareMicrons: p.minimumAreaSquareMicrons).rounded(.up))),
                protectedFrom: firstProtected)
        }
        var (labels, count) = Watershed.flood(heights: distance, mask: mask, seeds: seeds, seedCount: seedCount,
                                              width: w, height: h,
                                              mergeDepth: Float(calibration.pixels(microns: p.mergeDepthMicrons)),
                                              protectedFrom: firstProtected)
        if thinCount > 0 {
            // Protected seeds are never merged, so the thin ones keep the last labels.
            count = ThinStructureSeeds.mergeEllipticalUnions(labels: &labels, count: count, firstThin: Int32(count - thinCount + 1),
                                                             width: w, height: h, minimumFill: p.thinUnionMinimumFill)
        }
        BorderRefinement.peel(labels: &labels, count: count, values: smoothed, width: w, height: h,
                              fraction: Float(p.edgeFraction), globalThreshold: threshold, strongThreshold: strong)
        if p.resegmentClumps {
            count = ClumpResegmentation.split(
                labels: &labels, count: count, smoothed: smoothed, width: w, height: h,
                maximumPixels: calibration.pixelCount(squareMicrons: p.maximumAreaSquareMicrons),
                minimumSeedRadius: Float(calibration.pixels(microns: p.minimumSeedRadiusMicrons)),
                mergeDepth: Float(calibration.pixels(microns: p.mergeDepthMicrons)),
                maximumHolePixels: Int(calibration.pixelCount(squareMicrons: p.maximumHoleAreaSquareMicrons)),
                globalThreshold: threshold)
        }
        if let recovery = p.paleNucleusRecovery {
            count = PaleNucleusRecovery.grow(labels: &labels, count: count, values: smoothed, width: w, height: h, threshold: threshold,
                                             geometry: recovery.geometry(calibration, maximumHoleSquareMicrons: p.maximumHoleAreaSquareMicrons))
        }
        count = Self.filterBySize(&labels, count: count,
                                  minimumPixels: calibration.pixelCount(squareMicrons: p.minimumAreaSquareMicrons),
                                  maximumPixels: calibration.pixelCount(squareMicrons: p.maximumAreaSquareMicrons))
        return measured(labels: labels, count: count, width: w, height: h, densities: densities, calibration: calibration,
                        originX: originX, originY: originY, thresholdOD: Double(threshold))
    }

    /// Step 8's second half, shared with labels from elsewhere: a cytoplasm ring of `cytoplasmRingMicrons` around
    /// each object (shared pixels to the nearer nucleus), then the region properties and stain densities.
    func measured(labels: [Int32], count: Int, width w: Int, height h: Int, densities: StainDensities,
                  calibration: PixelCalibration, originX: Int, originY: Int, thresholdOD: Double) -> NucleusSegmentation {
        let ringSteps = Int(calibration.pixels(microns: parameters.cytoplasmRingMicrons).rounded())
        let rings = CellExpansion.rings(labels: labels, width: w, height: h, steps: ringSteps)
        let nuclei = NucleusMeasurement.measure(labels: labels, count: count, rings: rings, densities: densities,
                                                calibration: calibration, originX: originX, originY: originY)
        return NucleusSegmentation(width: w, height: h, labels: labels, ringLabels: rings, nuclei: nuclei, thresholdOD: thresholdOD)
    }

    /// Plateaus of local maxima (≥ all 8 neighbours) of the distance map with value ≥ `minimumRadius`,
    /// labelled as 8-connected components.
    static func seeds(distance: [Float], width: Int, height: Int, minimumRadius: Float) -> ([Int32], Int) {
        var candidates = [UInt8](repeating: 0, count: distance.count)
        let floor = max(minimumRadius, 0.5)
        distance.withUnsafeBufferPointer { d in
            candidates.withUnsafeMutableBufferPointer { c in
                for y in 0..<height {
                    let row = y * width, up = y > 0 ? -width : 0, down = y < height - 1 ? width : 0
                    for x in 0..<width {
                        let i = row + x, v = d[i]
                        guard v >= floor else { continue }
                        let left = x > 0 ? -1 : 0, right = x < width - 1 ? 1 : 0
                        // Out-of-plane neighbours are replaced by the pixel itself (never larger).
                        if d[i + left] > v || d[i + right] > v || d[i + up] > v || d[i + down] > v
                            || d[i + up + left] > v || d[i + up + right] > v || d[i + down + left] > v
                            || d[i + down + right] > v { continue }
                        c[i] = 1
                    }
                }
            }
        }
        let (labels, count) = ConnectedComponents.label(mask: candidates, width: width, height: height, eightConnected: true)
        return (labels, count)
    }

    /// Drops objects whose pixel count is outside [minimumPixels, maximumPixels]; relabels consecutively.
    static func filterBySize(_ labels: inout [Int32], count: Int, minimumPixels: Double, maximumPixels: Double) -> Int {
        guard count > 0 else { return 0 }
        var size = [Int](repeating: 0, count: count + 1)
        for l in labels where l != 0 { size[Int(l)] += 1 }
        var map = [Int32](repeating: 0, count: count + 1)
        var kept: Int32 = 0
        for l in 1...count where Double(size[l]) >= minimumPixels && Double(size[l]) <= maximumPixels {
            kept += 1
            map[l] = kept
        }
        labels.withUnsafeMutableBufferPointer { lab in
            for i in 0..<lab.count where lab[i] != 0 { lab[i] = map[Int(lab[i])] }
        }
        return Int(kept)
    }
}
