import Foundation
import Testing
@testable import TissueAnalysis

@Suite struct IHCTests {
    func cells(_ cls: CellClass, total: Int, positive: Int) -> [Cell] {
        let n = Nucleus(xPixels: 0, yPixels: 0, xMicrons: 0, yMicrons: 0, areaSquareMicrons: 50, perimeterMicrons: 25,
                        circularity: 1, eccentricity: 0, solidity: 1, majorAxisMicrons: 8, minorAxisMicrons: 8,
                        hematoxylinMean: 0.5, hematoxylinStd: 0.1, ringEosinMean: 0, ringHematoxylinMean: 0,
                        nucleusDABMean: 0, ringDABMean: 0, ringAreaSquareMicrons: 40, touchesTileEdge: false)
        return (0..<total).map { Cell(nucleus: n, cellClass: cls, dabPositive: $0 < positive) }
    }

    @Test func docCommentExample() {
        // 200 tumor cells, 30 positive; 12 positive lymphocytes; 8 positive macrophages → TPS 15 %, CPS 25.
        let list = cells(.tumor, total: 200, positive: 30) + cells(.lymphocyte, total: 50, positive: 12)
            + cells(.macrophage, total: 20, positive: 8) + cells(.stroma, total: 40, positive: 5)
        let score = PDL1Score(cells: list)
        #expect(score.tumorProportionScore == 15)
        #expect(score.combinedPositiveScore == 25)
        #expect(score.adequate)
    }

    @Test func cpsIsCappedAndAdequacyNeedsHundredTumorCells() {
        // 40 tumor cells all positive + 30 positive lymphocytes: raw CPS 175 → 100; TPS 100 %; inadequate.
        let score = PDL1Score(cells: cells(.tumor, total: 40, positive: 40) + cells(.lymphocyte, total: 30, positive: 30))
        #expect(score.combinedPositiveScore == 100)
        #expect(score.tumorProportionScore == 100)
        #expect(!score.adequate)
        #expect(PDL1Score(cells: cells(.tumor, total: 99, positive: 1)).adequate == false)
        #expect(PDL1Score(cells: cells(.tumor, total: 100, positive: 1)).adequate == true)
        // No tumor cells: no score rather than a division by zero.
        let none = PDL1Score(cells: cells(.lymphocyte, total: 10, positive: 10))
        #expect(none.tumorProportionScore == nil && none.combinedPositiveScore == nil)
    }

    @Test func drawnMembraneStainingGivesTPS() throws {
        // H-DAB tile: 5×6 tumor cells in a nest, every third with a brown (DAB 0.45 OD) cytoplasm/membrane.
        var drawing = SyntheticTile(width: 260, height: 220, micronsPerPixel: 0.5, matrix: .hematoxylinDAB, background: [0.08, 0, 0])
        var truthPositive = 0, truthTotal = 0
        for row in 0..<5 {
            for col in 0..<6 {
                let x = 12 + Double(col) * 20, y = 12 + Double(row) * 20
                let positive = (row * 6 + col) % 3 == 0
                drawing.shapes.append(.init(x: x, y: y, a: 9, b: 9, amounts: [0.05, positive ? 0.45 : 0.0, 0]))
                var nucleus = SyntheticTile.tumor(x: x, y: y)
                nucleus.amounts = [0.62, 0, 0]
                drawing.shapes.append(nucleus)
                truthTotal += 1
                if positive { truthPositive += 1 }
            }
        }
        let tile = try drawing.render()
        let analyzer = try TileAnalyzer(parameters: .ihc())
        let result = try analyzer.analyze(tile)
        let score = PDL1Score(cells: result.cells)
        #expect(score.viableTumorCells == truthTotal)
        #expect(score.positiveTumorCells == truthPositive)
        #expect(abs(score.tumorProportionScore! - 100 * Double(truthPositive) / Double(truthTotal)) < 1e-9)
        #expect(result.summary.positiveCounts.tumor == truthPositive)
    }
}
