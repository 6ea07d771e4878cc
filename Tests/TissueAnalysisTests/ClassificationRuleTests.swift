import Foundation
import Testing
@testable import TissueAnalysis

/// The macrophage chromatin band, the touching-lymphocyte rule and the pooled fallback of `HematoxylinReference`,
/// on nuclei with known features and on a drawn tile.
@Suite struct ClassificationRuleTests {
    /// A nucleus with the given shape and hematoxylin; area from the equivalent diameter.
    static func nucleus(diameter d: Double, circularity: Double, eccentricity: Double, solidity: Double,
                        major: Double, minor: Double, hematoxylin h: Double, cv: Double = 0.15) -> Nucleus {
        Nucleus(xPixels: 0, yPixels: 0, xMicrons: 0, yMicrons: 0, areaSquareMicrons: Double.pi * d * d / 4,
                perimeterMicrons: Double.pi * d / circularity.squareRoot(), circularity: circularity,
                eccentricity: eccentricity, solidity: solidity, majorAxisMicrons: major, minorAxisMicrons: minor,
                hematoxylinMean: h, hematoxylinStd: cv * h, ringEosinMean: 0.08, ringHematoxylinMean: 0.1,
                nucleusDABMean: 0, ringDABMean: 0, ringAreaSquareMicrons: 60, touchesTileEdge: false)
    }

    /// An oval macrophage-shaped nucleus: 8.5 µm equivalent diameter, 9.8 × 7.4 µm, evenly stained.
    static func oval(_ h: Double) -> Nucleus {
        nucleus(diameter: 8.5, circularity: 0.91, eccentricity: 0.62, solidity: 0.99, major: 9.8, minor: 7.4, hematoxylin: h)
    }

    @Test func macrophageBandEndsBelowTheFibroblastReference() throws {
        let he = RuleBasedCellClassifier(), ihc = try RuleBasedCellClassifier(parameters: .ihc)
        // H&E: the median macrophage of the demo slides (0.66 OD) is a macrophage; a fibroblast-dense oval (0.78 OD,
        // two touching fibroblast nuclei) is no longer one (it was with the former 0.85 OD bound).
        #expect(he.classify(Self.oval(0.66)) == .macrophage)
        #expect(he.classify(Self.oval(0.78)) == .other)
        #expect(he.classify(Self.oval(0.50)) == .tumor, "pale: vesicular tumor")
        var old = RuleBasedClassifierParameters()
        old.macrophageMaximumHematoxylin = 0.85
        #expect(try RuleBasedCellClassifier(parameters: old).classify(Self.oval(0.78)) == .macrophage, "the former bound")
        // IHC: the same band at 0.6 × (0.348–0.432 OD).
        #expect(abs(RuleBasedClassifierParameters.ihc.macrophageMaximumHematoxylin - 0.432) < 1e-12)
        #expect(ihc.classify(Self.oval(0.40)) == .macrophage)
        #expect(ihc.classify(Self.oval(0.47)) == .other)
    }

    @Test func touchingLymphocytesAreLymphocytes() throws {
        let rules = RuleBasedCellClassifier()
        // Two touching lymphocytes left as one object: 9 µm equivalent diameter, 11.5 × 7 µm, dense chromatin.
        let doublet = Self.nucleus(diameter: 9, circularity: 0.76, eccentricity: 0.79, solidity: 0.94, major: 11.5,
                                   minor: 7, hematoxylin: 0.95, cv: 0.18)
        #expect(rules.classify(doublet) == .lymphocyte)
        var lobed = doublet
        lobed.solidity = 0.75
        #expect(rules.classify(lobed) == .other, "lobed (neutrophil-like) or debris")
        var lighter = doublet
        lighter.hematoxylinMean = 0.8; lighter.hematoxylinStd = 0.8 * 0.18
        #expect(rules.classify(lighter) == .other, "chromatin between macrophage and lymphocyte")
        var large = doublet
        large.areaSquareMicrons = Double.pi * 12 * 12 / 4
        #expect(rules.classify(large) == .tumor, "≥ 11 µm: the large-tumor rule")
        var off = RuleBasedClassifierParameters()
        off.lymphocyteClusterMaximumDiameterMicrons = 4
        #expect(try RuleBasedCellClassifier(parameters: off).classify(doublet) == .other)
        off.lymphocyteClusterMinimumSolidity = 2
        #expect(throws: TissueAnalysisError.self) { try off.validate() }
    }

    static func spindle(_ h: Double) -> Nucleus {
        nucleus(diameter: 6.2, circularity: 0.5, eccentricity: 0.97, solidity: 0.98, major: 13, minor: 3.2, hematoxylin: h)
    }
    static func round(_ h: Double) -> Nucleus {
        nucleus(diameter: 6.4, circularity: 0.95, eccentricity: 0.4, solidity: 0.99, major: 6.8, minor: 6.2, hematoxylin: h)
    }
    static func large(_ h: Double) -> Nucleus {
        nucleus(diameter: 10, circularity: 0.9, eccentricity: 0.6, solidity: 0.98, major: 11.5, minor: 9, hematoxylin: h)
    }

    @Test func referenceFallbackExampleFromDocComment() throws {
        let r = HematoxylinReference()
        // 30 lymphocyte-shaped nuclei at 0.8 OD and no spindle nuclei: f = 0.75 × 1.3 / 0.8.
        #expect(abs(r.factor(for: Array(repeating: Self.round(0.8), count: 30)) - 0.75 * 1.3 / 0.8) < 1e-12)
        // Pooled: 8 spindle nuclei at 0.6 OD (0.75 / 0.6 = 1.25) and 8 lymphocyte-shaped at 0.78 OD (0.975 / 0.78 = 1.25).
        let pooled = Array(repeating: Self.spindle(0.6), count: 8) + Array(repeating: Self.round(0.78), count: 8)
        #expect(abs(r.factor(for: pooled) - 1.25) < 1e-12)
        // Fewer than 12 estimates: no normalisation.
        #expect(r.factor(for: Array(repeating: Self.round(0.8), count: 11)) == 1)
        // The primary reference wins when there are ≥ 20 spindle nuclei, whatever the lymphocytes say.
        let both = Array(repeating: Self.spindle(0.6), count: 20) + Array(repeating: Self.round(0.5), count: 40)
        #expect(abs(r.factor(for: both) - 1.25) < 1e-12)
    }

    @Test func referenceFallbackIgnoresFragmentsOfPaleNuclei() throws {
        let r = HematoxylinReference()
        // Small round objects as pale as the tile's 20 large nuclei are fragments of them: no reference.
        let fragments = Array(repeating: Self.round(0.4), count: 30) + Array(repeating: Self.large(0.4), count: 20)
        #expect(r.factor(for: fragments) == 1)
        // The same small objects 1.6 × darker than the large ones are lymphocytes: f = 0.975 / 0.64, clamped to 1.33.
        let lymphocytes = Array(repeating: Self.round(0.64), count: 30) + Array(repeating: Self.large(0.4), count: 20)
        #expect(r.factor(for: lymphocytes) == 1.33)
        // 15 elongated objects only 1.19 × darker than the nest's nuclei (tumor slivers, as in a nest tile of
        // SIM-0050-T1-HE): no reference, below the 1.25 contrast; the former 1.15 took them (f = 0.75 / 0.5).
        let slivers = Array(repeating: Self.spindle(0.5), count: 15) + Array(repeating: Self.large(0.42), count: 20)
        #expect(r.factor(for: slivers) == 1)
        var lax = HematoxylinReference()
        lax.minimumContrast = 1.15
        #expect(lax.factor(for: slivers) == 1.33)
        var bad = HematoxylinReference()
        bad.lymphocyteToFibroblastRatio = 0.5
        #expect(throws: TissueAnalysisError.self) { try bad.validate() }
    }

    /// A drawn tile of tumor nest with a lymphocyte infiltrate and no fibroblasts, stained at 75 % strength:
    /// without the fallback its lymphocytes (≈ 0.79 OD) fall below the 0.85 OD lymphocyte threshold; with it they
    /// are read against themselves and counted.
    @Test func weakNestTileKeepsItsLymphocytes() throws {
        var drawing = SyntheticTile(width: 400, height: 240, micronsPerPixel: 0.5)
        for row in 0..<4 { for col in 0..<7 {
            var t = SyntheticTile.tumor(x: 14 + Double(col) * 26, y: 14 + Double(row) * 26)
            t.amounts = t.amounts.map { $0 * 0.75 }; t.paleCentre = 0.3 * 0.75
            drawing.shapes.append(t)
        } }
        for row in 0..<4 { for col in 0..<5 {
            var l = SyntheticTile.lymphocyte(x: 27 + Double(col) * 26, y: 27 + Double(row) * 26)
            l.amounts = l.amounts.map { $0 * 0.75 }
            drawing.shapes.append(l)
        } }
        let tile = try drawing.render()
        let withFallback = try TileAnalyzer().analyze(tile)
        var p = TileAnalysisParameters()
        p.hematoxylinReference?.minimumFallbackNuclei = 10_000
        let without = try TileAnalyzer(parameters: p).analyze(tile)
        #expect(withFallback.summary.counts[.lymphocyte] == 20, "\(withFallback.summary.counts)")
        #expect(withFallback.summary.counts[.tumor] == 28, "\(withFallback.summary.counts)")
        #expect(without.summary.counts[.lymphocyte] < 10, "without the fallback: \(without.summary.counts)")
    }
}
