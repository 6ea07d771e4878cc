import Foundation
import Testing
@testable import TissueAnalysis

/// Greedy one-to-one matching of detections to truth within `radius` µm (closest pairs first).
func matchCount(truth: [(Double, Double)], found: [(Double, Double)], radius: Double) -> Int {
    var pairs: [(Double, Int, Int)] = []
    for (i, t) in truth.enumerated() {
        for (j, f) in found.enumerated() {
            let d = ((t.0 - f.0) * (t.0 - f.0) + (t.1 - f.1) * (t.1 - f.1)).squareRoot()
            if d <= radius { pairs.append((d, i, j)) }
        }
    }
    pairs.sort { $0.0 < $1.0 }
    var usedT = Set<Int>(), usedF = Set<Int>()
    for (_, i, j) in pairs where !usedT.contains(i) && !usedF.contains(j) { usedT.insert(i); usedF.insert(j) }
    return usedT.count
}

/// A crowded field of mixed nuclei on a jittered grid, some pairs touching.
func crowdedField(micronsPerPixel: Double, seed: UInt64 = 7) -> (SyntheticTile, [(Double, Double)]) {
    let (tile, truth) = labelledField(micronsPerPixel: micronsPerPixel, seed: seed)
    return (tile, truth.map { ($0.x, $0.y) })
}

/// The crowded field with each cell's class.
func labelledField(micronsPerPixel: Double, seed: UInt64 = 7, spacing: Double = 13)
    -> (SyntheticTile, [(x: Double, y: Double, cellClass: CellClass)]) {
    var t = SyntheticTile(width: Int(256 / micronsPerPixel), height: Int(256 / micronsPerPixel), micronsPerPixel: micronsPerPixel)
    var state = seed
    func uniform() -> Double {
        state = state &* 6364136223846793005 &+ 1442695040888963407
        return Double(state >> 11) / Double(1 << 53)
    }
    var truth: [(x: Double, y: Double, cellClass: CellClass)] = []
    var y = 10.0
    while y < 246 {
        var x = 10.0
        while x < 246 {
            let cx = x + uniform() * 4, cy = y + uniform() * 4
            let cls: CellClass
            switch Int(uniform() * 4) {
            case 0: t.shapes.append(SyntheticTile.lymphocyte(x: cx, y: cy, radius: 2.9 + uniform() * 0.8)); cls = .lymphocyte
            case 1: t.shapes.append(SyntheticTile.tumor(x: cx, y: cy, a: 5 + uniform() * 1.5, b: 4 + uniform(), angle: uniform() * 3)); cls = .tumor
            case 2: t.shapes.append(SyntheticTile.spindle(x: cx, y: cy, angle: uniform() * 3)); cls = .stroma
            default: t.shapes.append(SyntheticTile.macrophage(x: cx, y: cy, angle: uniform() * 3)); cls = .macrophage
            }
            truth.append((cx, cy, cls))
            x += spacing
        }
        y += spacing
    }
    // Touching lymphocyte pairs (centres 6 µm apart).
    for k in 0..<6 {
        let cx = 20 + Double(k) * 38, cy = 250.0
        t.shapes.append(SyntheticTile.lymphocyte(x: cx, y: cy))
        t.shapes.append(SyntheticTile.lymphocyte(x: cx + 6, y: cy))
        truth.append((cx, cy, .lymphocyte)); truth.append((cx + 6, cy, .lymphocyte))
    }
    return (t, truth)
}

@Suite struct DetectionTests {
    @Test(arguments: [0.5, 0.25])
    func crowdedFieldF1(micronsPerPixel: Double) throws {
        let (drawing, truth) = crowdedField(micronsPerPixel: micronsPerPixel)
        let tile = try drawing.render()
        let densities = ColourDeconvolution.deconvolve(tile, matrix: .hematoxylinEosin)
        let result = try NucleusDetector().detect(densities, calibration: tile.calibration)
        let found = result.nuclei.map { ($0.xMicrons, $0.yMicrons) }
        let matched = Double(matchCount(truth: truth, found: found, radius: 4))
        let precision = matched / Double(found.count), recall = matched / Double(truth.count)
        let f1 = 2 * precision * recall / (precision + recall)
        print("F1", micronsPerPixel, f1, precision, recall, found.count, truth.count)
        #expect(f1 >= 0.9, "F1 \(f1) precision \(precision) recall \(recall) found \(found.count) truth \(truth.count)")
    }

    @Test func discAreaAndShape() throws {
        // Two isolated discs of radius 4 µm and 3 µm, one 10×3 µm ellipse.
        var drawing = SyntheticTile(width: 200, height: 120, micronsPerPixel: 0.5)
        drawing.shapes = [
            .init(x: 15, y: 15, a: 4, b: 4, amounts: [0.9, 0.05, 0]),
            .init(x: 40, y: 15, a: 3, b: 3, amounts: [0.9, 0.05, 0]),
            .init(x: 70, y: 30, a: 10, b: 3, angle: 0.5, amounts: [0.9, 0.05, 0]),
        ]
        drawing.noise = 0.01
        let tile = try drawing.render()
        let result = try NucleusDetector().detect(ColourDeconvolution.deconvolve(tile, matrix: .hematoxylinEosin),
                                                  calibration: tile.calibration)
        try #require(result.nuclei.count == 3)
        let byX = result.nuclei.sorted { $0.xMicrons < $1.xMicrons }
        let disc = byX[0], small = byX[1], ellipse = byX[2]
        #expect(abs(disc.areaSquareMicrons - Double.pi * 16) / (Double.pi * 16) < 0.08)
        #expect(abs(small.areaSquareMicrons - Double.pi * 9) / (Double.pi * 9) < 0.1)
        #expect(abs(ellipse.areaSquareMicrons - Double.pi * 30) / (Double.pi * 30) < 0.08)
        #expect(abs(disc.xMicrons - 15) < 0.3 && abs(disc.yMicrons - 15) < 0.3)
        #expect(abs(disc.perimeterMicrons - 2 * Double.pi * 4) / (2 * Double.pi * 4) < 0.06)
        #expect(disc.circularity > 0.9 && disc.eccentricity < 0.35 && disc.solidity > 0.93)
        // Ellipse 10×3: eccentricity √(1 − 0.09) = 0.954, axes 20 and 6 µm.
        #expect(abs(ellipse.eccentricity - 0.954) < 0.02)
        #expect(abs(ellipse.majorAxisMicrons - 20) < 1 && abs(ellipse.minorAxisMicrons - 6) < 0.8)
        #expect(abs(disc.hematoxylinMean - 0.9) < 0.1)
    }

    /// A nest of pale (0.33 OD, evenly stained) tumor nuclei with four lymphocyte aggregates, on cytoplasm that reads
    /// 0.18 OD hematoxylin (eosin cross-talk, as in the demo slides' nests): with the lymphocyte chromatin (1.05 OD) in
    /// Otsu's histogram the level rises above the pale nuclei and they vanish; with it left out (`otsuCeilingOD`, the
    /// default) every one is found whole. A limit, measured: when lymphocytes cover half the tile (eight aggregates
    /// against eight groups of four pale nuclei), their rims between 0.33 and 0.85 OD alone hold the level at 0.41 OD
    /// and the pale nuclei are lost with or without the ceiling (at a 0.75 OD ceiling it was 0.27 OD, but that one
    /// moves macrophages across the classifier's bands; VALIDATION.md).
    @Test func paleTumorNucleiAmongLymphocytesAreFoundWhole() throws {
        var drawing = SyntheticTile(width: 400, height: 400, micronsPerPixel: 0.5, background: [0.18, 0.3, 0])
        var pale: [(Double, Double)] = []
        for row in 0..<4 { for column in 0..<4 {
            let x = 25 + Double(column) * 50, y = 25 + Double(row) * 50
            if (row + column) % 4 != 0 {
                // A small nest: four pale nuclei.
                for k in 0..<4 {
                    let px = x - 10 + Double(k % 2) * 20, py = y - 10 + Double(k / 2) * 20
                    drawing.shapes.append(.init(x: px, y: py, a: 6, b: 5, angle: 0.4 + Double(k), amounts: [0.33, 0.08, 0]))
                    pale.append((px, py))
                }
            } else {
                // A lymphocyte aggregate: nine per cell of the grid.
                for k in 0..<9 {
                    drawing.shapes.append(SyntheticTile.lymphocyte(x: x - 12 + Double(k % 3) * 12, y: y - 12 + Double(k / 3) * 12))
                }
            }
        } }
        let tile = try drawing.render()
        let densities = ColourDeconvolution.deconvolve(tile, matrix: .hematoxylinEosin)
        func paleFound(_ parameters: NucleusDetectionParameters) throws -> (found: Int, areas: [Double], threshold: Double) {
            let result = try NucleusDetector(parameters: parameters).detect(densities, calibration: tile.calibration)
            let near = pale.compactMap { p in
                result.nuclei.first { (($0.xMicrons - p.0) * ($0.xMicrons - p.0) + ($0.yMicrons - p.1) * ($0.yMicrons - p.1)).squareRoot() <= 4 }
            }
            return (near.count, near.map(\.areaSquareMicrons), result.thresholdOD)
        }
        let withCeiling = try paleFound(NucleusDetectionParameters())
        let area = Double.pi * 30
        #expect(withCeiling.found == pale.count, "\(withCeiling.found) of \(pale.count) pale nuclei at threshold \(withCeiling.threshold)")
        #expect(withCeiling.areas.allSatisfy { abs($0 - area) / area < 0.2 }, "areas \(withCeiling.areas), true \(area)")
        var whole = NucleusDetectionParameters()
        whole.otsuCeilingOD = .infinity
        let without = try paleFound(whole)
        print("pale nuclei found: \(withCeiling.found) / \(pale.count) at \(withCeiling.threshold) OD with the ceiling, "
              + "\(without.found) at \(without.threshold) OD without")
        #expect(without.found < pale.count / 2, "without the ceiling: \(without.found) of \(pale.count) at \(without.threshold)")
    }
}
