import Foundation
import Testing
@testable import TissueAnalysis

/// A labeller that returns the drawing's own ellipses as instances (pixel centres inside each ellipse; later
/// shapes over earlier ones, as drawn): the perfect detector, so what `TileAnalyzer` makes of external labels
/// can be checked against the truth.
private struct DrawnEllipseLabeller: NucleusLabeller {
    let drawing: SyntheticTile
    var identity: DetectorIdentity { DetectorIdentity(name: "drawn", model: "truth", weightsSHA256: "00") }

    func labels(for tile: RGBTile) throws -> (labels: [Int32], count: Int) {
        var labels = [Int32](repeating: 0, count: tile.width * tile.height)
        let mpp = drawing.micronsPerPixel
        for (k, e) in drawing.shapes.enumerated() {
            let c = cos(e.angle), s = sin(e.angle), reach = max(e.a, e.b) / mpp + 2
            let cx = e.x / mpp, cy = e.y / mpp
            for py in max(0, Int(cy - reach))...min(tile.height - 1, Int(cy + reach)) {
                for px in max(0, Int(cx - reach))...min(tile.width - 1, Int(cx + reach)) {
                    let mx = (Double(px) + 0.5) * mpp - e.x, my = (Double(py) + 0.5) * mpp - e.y
                    let u = (c * mx + s * my) / e.a, v = (-s * mx + c * my) / e.b
                    if u * u + v * v <= 1 { labels[py * tile.width + px] = Int32(k + 1) }
                }
            }
        }
        return (labels, drawing.shapes.count)
    }
}

private struct BrokenLabeller: NucleusLabeller {
    var identity: DetectorIdentity { DetectorIdentity(name: "broken") }
    func labels(for tile: RGBTile) throws -> (labels: [Int32], count: Int) {
        ([Int32](repeating: 3, count: tile.width * tile.height), 2)
    }
}

@Suite struct NucleusLabellerTests {
    @Test func externalLabelsAreMeasuredClassifiedAndCountedLikeDetections() throws {
        let (drawing, truth) = labelledField(micronsPerPixel: 0.5)
        let tile = try drawing.render()
        let analyzer = try TileAnalyzer(labeller: DrawnEllipseLabeller(drawing: drawing))
        #expect(analyzer.detector == DetectorIdentity(name: "drawn", model: "truth", weightsSHA256: "00"))
        let result = try analyzer.analyze(tile)
        // Every drawn nucleus whose visible part is within the size limits (8–400 µm²) is one cell at its centre.
        let found = result.cells.map { ($0.nucleus.xMicrons, $0.nucleus.yMicrons) }
        let matched = matchCount(truth: truth.map { ($0.x, $0.y) }, found: found, radius: 1.5)
        #expect(found.count <= truth.count)
        #expect(Double(matched) >= 0.97 * Double(truth.count), "matched \(matched) of \(truth.count), found \(found.count)")
        // Classes are not checked here: the rules were set on the classical detector's half-maximum borders, and
        // re-deriving them on full (learned) masks is the companion issue's work.
        #expect(result.summary.counts.total == result.cells.count)
    }

    @Test func classicalAnalyzerNamesItsDetector() throws {
        #expect(try TileAnalyzer().detector == .classical)
    }

    @Test func labelsAboveTheCountAreRejected() throws {
        let tile = try SyntheticTile(width: 32, height: 32, micronsPerPixel: 0.5).render()
        #expect(throws: TissueAnalysisError.self) { try TileAnalyzer(labeller: BrokenLabeller()).analyze(tile) }
    }
}
