import Foundation
import Testing
@testable import TissueAnalysis

@Suite struct MetricsTests {
    func compartment(_ region: TissueRegion, area: Double, lymphocytes: Int, macrophages: Int, tumor: Int, stroma: Int,
                     lymphocyteArea: Double) -> CompartmentSummary {
        var c = CompartmentSummary(region: region)
        c.patchCount = 1
        c.tissueAreaSquareMicrons = area
        c.counts.lymphocyte = lymphocytes; c.counts.macrophage = macrophages; c.counts.tumor = tumor; c.counts.stroma = stroma
        c.lymphocyteAreaSquareMicrons = lymphocyteArea
        return c
    }

    func tile(_ tumor: CompartmentSummary, _ stroma: CompartmentSummary, distances: [Double?]) throws -> TileSummary {
        var h = try DistanceHistogram(binWidthMicrons: 1, limitMicrons: 300)
        for d in distances { h.record(d) }
        let all = [tumor, stroma, CompartmentSummary(region: .mixed), CompartmentSummary(region: .background)]
        let counts = all.reduce(CellCounts()) { $0 + $1.counts }
        return TileSummary(region: .mixed, areaSquareMicrons: 2e6,
                           tissueAreaSquareMicrons: all.reduce(0) { $0 + $1.tissueAreaSquareMicrons },
                           counts: counts, positiveCounts: CellCounts(), compartments: all, tumorToLymphocyteDistances: h)
    }

    @Test func slideAggregationArithmetic() throws {
        // Tile A: tumor 1.0 mm² (300 L, 50 M, 1000 T); stroma 0.5 mm² (200 L, 100 M, 400 S), lymphocyte area 6000 µm².
        // Tile B: tumor 0.5 mm² (100 L, 10 M, 500 T); stroma 1.0 mm² (400 L, 20 M, 600 S), lymphocyte area 14000 µm².
        let a = try tile(compartment(.tumor, area: 1e6, lymphocytes: 300, macrophages: 50, tumor: 1000, stroma: 0, lymphocyteArea: 9000),
                         compartment(.stroma, area: 0.5e6, lymphocytes: 200, macrophages: 100, tumor: 0, stroma: 400, lymphocyteArea: 6000),
                         distances: [1.5, 2.5, 10.2])
        let b = try tile(compartment(.tumor, area: 0.5e6, lymphocytes: 100, macrophages: 10, tumor: 500, stroma: 0, lymphocyteArea: 3000),
                         compartment(.stroma, area: 1e6, lymphocytes: 400, macrophages: 20, tumor: 0, stroma: 600, lymphocyteArea: 14000),
                         distances: [2.7, nil])
        var total = SlideAccumulator()
        try total.add(a)
        try total.add(b)
        // Order does not matter, and merging partial accumulators equals adding tiles.
        var reversed = SlideAccumulator(), partial = SlideAccumulator()
        try reversed.add(b); try partial.add(a); try reversed.merge(partial)
        #expect(reversed == total)

        let m = try SlideMetrics(total)
        #expect(m.tissueAreaSquareMillimetres == 3)
        #expect(m.tumorAreaSquareMillimetres == 1.5 && m.stromaAreaSquareMillimetres == 1.5)
        #expect(m.counts.lymphocyte == 1000 && m.counts.macrophage == 180)
        #expect(abs(m.lymphocyteDensityPerSquareMillimetre! - 1000.0 / 3) < 1e-9)
        #expect(abs(m.intratumoralLymphocyteDensityPerSquareMillimetre! - 400 / 1.5) < 1e-9)
        #expect(abs(m.stromalLymphocyteDensityPerSquareMillimetre! - 600 / 1.5) < 1e-9)
        #expect(abs(m.macrophageDensityPerSquareMillimetre! - 60) < 1e-9)
        #expect(abs(m.macrophageToLymphocyteRatio! - 0.18) < 1e-12)
        // sTIL = 100 × (6000 + 14000) / 1.5e6 = 1.3333 %.
        #expect(abs(m.stromalTILPercent! - 100 * 20000 / 1.5e6) < 1e-9)
        // Distances 1.5, 2.5, 2.7, 10.2, none: the 2.5th of 5 lies in bin [2, 3) holding 2 → 2 + 1.5/2 = 2.75.
        #expect(abs(m.medianTumorToLymphocyteMicrons! - 2.75) < 1e-12)
        #expect(m.tumorLymphocyteColocalisation == 0.8)
        // 266.7 intratumoral ≥ 250 → inflamed.
        #expect(m.phenotype == .inflamed)
        #expect(m.pdl1 == nil)
    }

    @Test func phenotypeThresholdsAreInclusiveAndExplicit() {
        let p = ImmunePhenotypeParameters()
        #expect(p.phenotype(intratumoralDensity: 250, stromalDensity: 0, tumorAreaSquareMillimetres: 1) == .inflamed)
        #expect(p.phenotype(intratumoralDensity: 249.9, stromalDensity: 400, tumorAreaSquareMillimetres: 1) == .excluded)
        #expect(p.phenotype(intratumoralDensity: 249.9, stromalDensity: 399.9, tumorAreaSquareMillimetres: 1) == .desert)
        #expect(p.phenotype(intratumoralDensity: 1000, stromalDensity: 1000, tumorAreaSquareMillimetres: 0.01) == nil)
        #expect(p.phenotype(intratumoralDensity: nil, stromalDensity: nil, tumorAreaSquareMillimetres: 1) == .desert)
    }

    @Test func histogramMedianAndMismatch() throws {
        var h = try DistanceHistogram(binWidthMicrons: 2, limitMicrons: 10)
        #expect(h.median == nil)
        for d in [1.0, 3.0, 3.5, 100] { h.record(d) }
        // Target 2 of 4: bin [2, 4) holds 2, 1 before → 2 + (2 − 1)/2 × 2 = 3.
        #expect(h.median == 3)
        h.record(nil); h.record(nil); h.record(nil)
        #expect(h.median == nil)  // more than half beyond the limit
        var other = try DistanceHistogram(binWidthMicrons: 1, limitMicrons: 10)
        #expect(throws: TissueAnalysisError.self) { try other.add(h) }
    }

    @Test func tileCompartmentsFromDrawnCells() throws {
        // 512×256 px at 0.5 µm: left 128 µm a tumor nest with 4 lymphocytes, right 128 µm stroma with spindles and
        // 10 lymphocytes. 64 µm patches counting their own cells (the rule before neighbourhood discs; pinned
        // here so the patch arithmetic stays checked): 4 tumor, 4 stroma.
        var drawing = SyntheticTile(width: 512, height: 256, micronsPerPixel: 0.5)
        var stromaLymphocytes = 0
        for row in 0..<9 {
            for col in 0..<9 {
                let x = 8 + Double(col) * 14, y = 8 + Double(row) * 14
                if (row * 9 + col) % 20 == 7 { drawing.shapes.append(SyntheticTile.lymphocyte(x: x, y: y)) }
                else { drawing.shapes.append(SyntheticTile.tumor(x: x, y: y)) }
            }
        }
        for row in 0..<6 {
            for col in 0..<6 {
                let x = 140 + Double(col) * 20, y = 12 + Double(row) * 20
                if (row + col) % 3 == 0 { drawing.shapes.append(SyntheticTile.lymphocyte(x: x, y: y)); stromaLymphocytes += 1 }
                else { drawing.shapes.append(SyntheticTile.spindle(x: x, y: y)) }
            }
        }
        let tile = try drawing.render()
        var parameters = TileAnalysisParameters()
        parameters.compartments.patchSizeMicrons = 64
        parameters.compartments.neighbourhoodRadiusMicrons = 0
        parameters.compartments.tumorMinimumShare = 0.5
        parameters.compartments.stromaMaximumShare = 0.15
        let result = try TileAnalyzer(parameters: parameters).analyze(tile)
        let s = result.summary
        #expect(s.compartment(.tumor).patchCount == 4 && s.compartment(.stroma).patchCount == 4)
        #expect(s.compartment(.stroma).counts.lymphocyte == stromaLymphocytes)
        #expect(s.compartment(.tumor).counts.lymphocyte == 4)
        #expect(s.counts.tumor == 77)
        #expect(abs(s.tissueAreaSquareMicrons - 256 * 128) < 1)
        let stromaArea = result.cells.filter { $0.region == .stroma && $0.cellClass == .lymphocyte }
            .reduce(0) { $0 + $1.nucleus.areaSquareMicrons }
        #expect(abs(s.compartment(.stroma).lymphocyteAreaSquareMicrons - stromaArea) < 1e-9)

        // Drawn lymphocyte area is π·3.2·2.976 µm² each.
        let drawn = Double(stromaLymphocytes) * Double.pi * 3.2 * 3.2 * 0.93
        #expect(abs(stromaArea - drawn) / drawn < 0.05, "lymphocyte area ratio \(stromaArea / drawn)")
    }

    @Test func coreKeepsOnlyItsOwnCellsAndGlassIsBackground() throws {
        var drawing = SyntheticTile(width: 200, height: 100, micronsPerPixel: 0.5)
        for k in 0..<6 { drawing.shapes.append(SyntheticTile.lymphocyte(x: 8 + Double(k) * 16, y: 25)) }
        let tile = try drawing.render()
        // Core = left half (x < 50 µm): lymphocytes at 8, 24, 40 µm.
        let result = try TileAnalyzer().analyze(tile, originX: 1000, originY: 2000, core: PixelRect(x: 0, y: 0, width: 100, height: 100))
        #expect(result.summary.counts.lymphocyte == 3)
        #expect(result.cells.allSatisfy { $0.nucleus.xPixels >= 1000 && $0.nucleus.xPixels < 1100 && $0.nucleus.yPixels >= 2000 })
        var glass = SyntheticTile(width: 128, height: 128, micronsPerPixel: 0.5, background: [0, 0, 0])
        glass.noise = 0.01
        let empty = try TileAnalyzer().analyze(glass.render())
        #expect(empty.summary.region == .background && empty.cells.isEmpty && empty.summary.tissueAreaSquareMicrons < 1)
        #expect(throws: TissueAnalysisError.self) { try TileAnalyzer().analyze(tile, core: PixelRect(x: 150, y: 0, width: 100, height: 10)) }
    }
}
