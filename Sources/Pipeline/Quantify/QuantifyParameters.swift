import Foundation
import SlideIO
import TissueAnalysis

/// The stain family of a slide, which picks the stain vectors, the classifier thresholds and the
/// positivity rule (`TileAnalysisParameters.ihc()`, `RuleBasedClassifierParameters.ihc`).
public enum QuantifyStain: String, Sendable, Hashable, Codable, CaseIterable {
    /// Hematoxylin and eosin.
    case he
    /// Hematoxylin counterstain with a DAB chromogen (PD-L1, CD8, CD68 IHC).
    case ihcDAB = "ihc-dab"

    /// The stain family of a `tme.slides.stain` value (H&E, PD-L1, CD8, CD68) and its IHC marker.
    public static func of(slideStain: String) -> (QuantifyStain, IHCMarker?) {
        switch slideStain {
        case "PD-L1": (.ihcDAB, .pdl1)
        case "CD8": (.ihcDAB, .cd8)
        case "CD68": (.ihcDAB, .cd68)
        default: (.he, nil)
        }
    }
}

/// Where the stain vectors of a slide's colour deconvolution come from.
public enum StainVectorSource: String, Sendable, Hashable, Codable, CaseIterable {
    /// The standard Ruifrok–Johnston vectors of the stain family (H&E or H-DAB).
    case standard
    /// Estimated per slide by Macenko's method (`MacenkoEstimator`) from up to `macenkoSampleTiles` of its tissue
    /// tiles; the estimate replaces `tileAnalysis.stainMatrix` for that slide and is stored with its run.
    case macenko
}

/// Which nucleus detector a run uses.
public enum NucleusDetectorChoice: String, Sendable, Hashable, Codable, CaseIterable {
    /// Colour deconvolution → hematoxylin threshold → distance transform + seeded watershed (`NucleusDetector`):
    /// the fast preview, tuned on the simulator.
    case classical
    /// InstanSeg "brightfield_nuclei" 0.1.1 (Goldsborough et al. 2024), a U-Net trained on real H&E and IHC
    /// nuclei at 0.5 µm/px, run natively on OpenBLAS from the published weights (`scripts/fetch-models`).
    case instanseg
}

/// How a slide is cut into tiles and streamed through `TileAnalyzer`; stored with each run as JSON.
///
/// Tiles: a grid of `tileSizeMicrons` squares on the analysis level (the coarsest pyramid level whose pixel
/// is at most `analysisMicronsPerPixel` × 1.1, else level 0), kept when the low-resolution tissue mask covers at
/// least `minimumTissueFraction` of the tile; each tile is read with `marginMicrons` of context on every side
/// and analysed with its core (the tile itself) as the responsible area, so a cell is counted once.
public struct QuantifyParameters: Sendable, Hashable, Codable {
    /// Wanted resolution of the analysis level, µm/px. Default 0.5 (20×), range 0.1–4.
    public var analysisMicronsPerPixel: Double = 0.5
    /// The nucleus detector. Default `.classical` (`.instanseg` becomes the default once the cell classes on its
    /// masks are re-derived on real tissue).
    public var detector: NucleusDetectorChoice = .classical
    /// nil: the analysis level is the coarsest level within 10 % of `analysisMicronsPerPixel` or finer (the
    /// classical detector works in µm at any pixel size). Set (the learned detector, trained at one pixel size): a
    /// level within this fraction of `analysisMicronsPerPixel`, else tiles area-resampled to exactly that size
    /// (`TileGrid`). Fraction, range 0–0.5; 0.02 with `.instanseg`.
    public var exactResolutionTolerance: Double? = nil
    /// Settings of the learned detector (used with `.instanseg`).
    public var learned = LearnedDetectionParameters()
    /// Tile side, µm. Default 512 (1024 px at 0.5 µm/px), range 64–4096.
    public var tileSizeMicrons: Double = 512
    /// Context read around each tile, µm (≥ a nucleus diameter so border nuclei are whole). Default 16, range 0–512.
    public var marginMicrons: Double = 16
    /// Tiles with less tissue in the mask are skipped. Fraction, default 0.02, range 0–1.
    public var minimumTissueFraction: Double = 0.02
    /// Glass skipped inside tiles: each tile is analysed over its tissue bounding box in the mask, grown by this
    /// margin (µm, rounded up to whole mask pixels), plus `marginMicrons` of context; nil analyses whole tiles.
    /// Default 32 (range 0–512): about two mask pixels on a 40,000 px slide, beyond the mask's blur.
    public var cropMarginMicrons: Double? = 32
    /// Concurrent tile workers (each holds one tile and its own slide handle). Default: all cores; range 1–256.
    public var workers: Int = ProcessInfo.processInfo.activeProcessorCount
    public var stain: QuantifyStain = .he
    /// IHC marker of the slide (nil on H&E): decides TPS/CPS, CD8+ or CD68+ densities.
    public var marker: IHCMarker? = nil
    public var tissueMask = TissueMaskParameters()
    public var slideMetrics = SlideMetricsParameters()

    /// Standard or per-slide (Macenko) stain vectors. Default `.standard`: the classifier's absolute chromatin
    /// levels were set on the standard vectors (VALIDATION.md measures both).
    public var stainVectors: StainVectorSource = .standard
    /// Tissue tiles sampled (evenly along the grid) for the Macenko estimate. Default 16, range 1–256.
    public var macenkoSampleTiles: Int = 16
    /// Deconvolution, detection, compartments and positivity (`TileAnalysisParameters()` on H&E, `.ihc()` on IHC).
    public var tileAnalysis = TileAnalysisParameters()
    /// Thresholds of the rule-based classifier (`RuleBasedClassifierParameters.ihc` on IHC).
    public var classifierRules = RuleBasedClassifierParameters()

    /// The documented defaults for `stain` and `detector` (an IHC slide without a marker is taken as PD-L1). The
    /// learned detector reads exactly 0.5 µm/px (its training resolution) with 32 µm of context around each tile
    /// (its receptive field reaches beyond a nucleus diameter, and its reflect padding must stay out of the core).
    public init(stain: QuantifyStain = .he, marker: IHCMarker? = nil, detector: NucleusDetectorChoice = .classical) {
        self.stain = stain
        self.detector = detector
        if detector == .instanseg {
            analysisMicronsPerPixel = LearnedDetectionParameters.modelMicronsPerPixel
            exactResolutionTolerance = 0.02
            marginMicrons = 32
        }
        self.marker = stain == .ihcDAB ? (marker ?? .pdl1) : nil
        slideMetrics.marker = self.marker
        if stain == .ihcDAB {
            tileAnalysis = TileAnalysisParameters.ihc()
            classifierRules = RuleBasedClassifierParameters.ihc
        }
    }

    /// The rule-based classifier with `classifierRules`.
    public func classifier() throws -> RuleBasedCellClassifier {
        try RuleBasedCellClassifier(parameters: classifierRules)
    }

    /// Throws `QuantifyError.invalidParameter` for the first field out of range.
    public func validate() throws {
        let checks: [(String, Double, ClosedRange<Double>)] = [
            ("analysisMicronsPerPixel", analysisMicronsPerPixel, 0.1...4),
            ("tileSizeMicrons", tileSizeMicrons, 64...4096),
            ("marginMicrons", marginMicrons, 0...512),
            ("minimumTissueFraction", minimumTissueFraction, 0...1),
            ("workers", Double(workers), 1...256),
            ("macenkoSampleTiles", Double(macenkoSampleTiles), 1...256),
        ] + (cropMarginMicrons.map { [("cropMarginMicrons", $0, 0...512)] } ?? [])
            + (exactResolutionTolerance.map { [("exactResolutionTolerance", $0, 0...0.5)] } ?? [])
        for (name, value, range) in checks where !(value.isFinite && range.contains(value)) {
            throw QuantifyError.invalidParameter(name: name, value: "\(value)", expected: "\(range.lowerBound)–\(range.upperBound)")
        }
        if detector == .instanseg {
            guard analysisMicronsPerPixel == LearnedDetectionParameters.modelMicronsPerPixel, exactResolutionTolerance != nil else {
                throw QuantifyError.invalidParameter(name: "analysisMicronsPerPixel", value: "\(analysisMicronsPerPixel)",
                                                     expected: "exactly \(LearnedDetectionParameters.modelMicronsPerPixel) with a resolution tolerance for the learned detector (its training pixel size)")
            }
            // The post-processing needs 64 px (2 windows of 32 px) on each side of every tile it is given.
            guard marginMicrons >= 16 else {
                throw QuantifyError.invalidParameter(name: "marginMicrons", value: "\(marginMicrons)",
                                                     expected: "at least 16 µm with the learned detector (its windows need 64 px per tile side)")
            }
            try learned.validate()
        }
        do {
            try tissueMask.validate()
            try tileAnalysis.validate()
            try classifierRules.validate()
            try slideMetrics.phenotype.validate()
        } catch {
            throw QuantifyError.invalidParameter(name: "analysis parameters", value: "", expected: "\(error)")
        }
    }
}
