/// Analyses one tile: deconvolution → nuclei → hematoxylin reference (`HematoxylinReference`) → classes →
/// positivity → patch compartments → summary.
///
/// Tiles are independent, so a slide is analysed by streaming tiles through `analyze` (in parallel) and adding
/// their summaries with `SlideAccumulator`. To count a cell crossing a tile border exactly once, read tiles with
/// an overlap margin and pass the non-overlapping `core`: nuclei are segmented on the whole tile and kept when
/// their centroid lies in the core; patches and tissue area cover the core only. Tumor-to-lymphocyte distances
/// look for lymphocytes anywhere in the tile (core + margin), so a margin ≥ the search radius makes them exact;
/// with a smaller margin distances near the core edge can only be over-estimated.
public struct TileAnalyzer: Sendable {
    public let parameters: TileAnalysisParameters
    public let classifier: any CellClassifier
    /// Where the nuclei come from: nil runs the classical detector (`NucleusDetector` on the deconvolved planes);
    /// a labeller (the learned segmenter) gives instance labels that are then measured the same way.
    public let labeller: (any NucleusLabeller)?

    /// Throws `invalidParameter` for parameters out of range.
    public init(parameters: TileAnalysisParameters = TileAnalysisParameters(),
                classifier: any CellClassifier = RuleBasedCellClassifier(),
                labeller: (any NucleusLabeller)? = nil) throws {
        try parameters.validate()
        self.parameters = parameters
        self.classifier = classifier
        self.labeller = labeller
    }

    /// The detector this analyzer runs, for provenance.
    public var detector: DetectorIdentity { labeller?.identity ?? .classical }

    /// - Parameters:
    ///   - tile: the pixels and their calibration.
    ///   - originX, originY: the tile's top-left pixel on the slide level (cell coordinates are slide coordinates).
    ///   - core: the part of the tile this call is responsible for; nil means the whole tile.
    public func analyze(_ tile: RGBTile, originX: Int = 0, originY: Int = 0, core: PixelRect? = nil) throws -> TileResult {
        let core = core ?? PixelRect(x: 0, y: 0, width: tile.width, height: tile.height)
        guard core.x >= 0, core.y >= 0, core.width > 0, core.height > 0,
              core.x + core.width <= tile.width, core.y + core.height <= tile.height else {
            throw TissueAnalysisError.invalidParameter(name: "core", value: "\(core)", expected: "a non-empty rectangle inside the \(tile.width)×\(tile.height) tile")
        }
        let densities = ColourDeconvolution.deconvolve(tile, matrix: parameters.stainMatrix)
        let detector = NucleusDetector(parameters: parameters.detection)
        let segmentation: NucleusSegmentation
        if let labeller {
            let (labels, count) = try labeller.labels(for: tile)
            segmentation = try detector.measure(labels: labels, count: count, densities: densities, calibration: tile.calibration,
                                                originX: originX, originY: originY)
        } else {
            segmentation = try detector.detect(densities, calibration: tile.calibration, originX: originX, originY: originY)
        }
        let calibration = tile.calibration
        let factor = parameters.hematoxylinReference?.factor(for: segmentation.nuclei) ?? 1
        var all: [Cell] = segmentation.nuclei.map { n in
            var cell = Cell(nucleus: n, cellClass: .other, dabPositive: parameters.positivity?.isPositive(n), hematoxylinFactor: factor)
            // Classified on `classifierInput`, the same normalised nucleus a trained classifier learns from.
            cell.cellClass = classifier.classify(cell.classifierInput)
            return cell
        }
        // Patch grid over the core.
        let patchPixels = max(1, Int(calibration.pixels(microns: parameters.compartments.patchSizeMicrons).rounded()))
        let columns = (core.width + patchPixels - 1) / patchPixels, rows = (core.height + patchPixels - 1) / patchPixels
        var tissue = [Int](repeating: 0, count: columns * rows), total = tissue
        let threshold = Float(parameters.compartments.tissueMinimumOD)
        densities.totalOpticalDensity.values.withUnsafeBufferPointer { od in
            for y in core.y..<(core.y + core.height) {
                let row = ((y - core.y) / patchPixels) * columns
                for x in core.x..<(core.x + core.width) {
                    let patch = row + (x - core.x) / patchPixels
                    total[patch] += 1
                    if od[y * tile.width + x] >= threshold { tissue[patch] += 1 }
                }
            }
        }
        func patchIndex(_ c: Cell) -> Int? {
            let x = Int((c.nucleus.xPixels - Double(originX)).rounded(.down)) - core.x
            let y = Int((c.nucleus.yPixels - Double(originY)).rounded(.down)) - core.y
            guard x >= 0, y >= 0, x < core.width, y < core.height else { return nil }
            return (y / patchPixels) * columns + x / patchPixels
        }
        let patchOfCell = all.map(patchIndex)
        let patchCounts = Self.patchCounts(cells: all, patchOfCell: patchOfCell, columns: columns, rows: rows,
                                           patchPixels: patchPixels, originX: originX + core.x, originY: originY + core.y,
                                           radiusPixels: calibration.pixels(microns: parameters.compartments.neighbourhoodRadiusMicrons))
        let patchRegion = (0..<(columns * rows)).map { p in
            parameters.compartments.region(counts: patchCounts[p], tissueFraction: Double(tissue[p]) / Double(max(1, total[p])))
        }
        var compartments = TissueRegion.allCases.map { CompartmentSummary(region: $0) }
        let regionIndex = { (r: TissueRegion) in TissueRegion.allCases.firstIndex(of: r)! }
        for p in 0..<(columns * rows) {
            compartments[regionIndex(patchRegion[p])].patchCount += 1
            compartments[regionIndex(patchRegion[p])].tissueAreaSquareMicrons += calibration.squareMicrons(pixelCount: Double(tissue[p]))
        }
        var counts = CellCounts(), positive = CellCounts()
        for i in all.indices {
            guard let patch = patchOfCell[i] else { continue }
            let region = patchRegion[patch], k = regionIndex(region), c = all[i]
            all[i].region = region
            counts[c.cellClass] += 1
            compartments[k].counts[c.cellClass] += 1
            if c.dabPositive == true { positive[c.cellClass] += 1; compartments[k].positiveCounts[c.cellClass] += 1 }
            if c.cellClass == .lymphocyte { compartments[k].lymphocyteAreaSquareMicrons += c.nucleus.areaSquareMicrons }
        }
        let coreCells = zip(all, patchOfCell).compactMap { $0.1 == nil ? nil : $0.0 }
        var distances = try DistanceHistogram(binWidthMicrons: parameters.distanceBinMicrons, limitMicrons: parameters.distanceSearchMicrons)
        let lymphocytes = all.filter { $0.cellClass == .lymphocyte }.map { ($0.nucleus.xMicrons, $0.nucleus.yMicrons) }
        let index = NearestNeighbourGrid(points: lymphocytes, cellSizeMicrons: 16)
        for c in coreCells where c.cellClass == .tumor {
            distances.record(index.nearestDistance(x: c.nucleus.xMicrons, y: c.nucleus.yMicrons, within: parameters.distanceSearchMicrons))
        }
        let coreTissue = tissue.reduce(0, +)
        let summary = TileSummary(
            region: parameters.compartments.region(counts: counts, tissueFraction: Double(coreTissue) / Double(core.width * core.height)),
            areaSquareMicrons: calibration.squareMicrons(pixelCount: Double(core.width * core.height)),
            tissueAreaSquareMicrons: calibration.squareMicrons(pixelCount: Double(coreTissue)),
            counts: counts, positiveCounts: positive, compartments: compartments, tumorToLymphocyteDistances: distances)
        return TileResult(summary: summary, cells: coreCells, thresholdOD: segmentation.thresholdOD)
    }
}
