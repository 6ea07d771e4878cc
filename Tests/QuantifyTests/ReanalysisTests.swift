import Foundation
@testable import Pipeline
import Testing
import TissueAnalysis

/// A report draws the cells that `tme quantify` counted: a stored run's tile analysed again from its stored
/// parameters (`CohortQuantify.storedParameters`, `SlideQuantifier.reanalyse`) gives exactly the counts of that
/// tile's row in `tme.tiles`, for the classical and the learned detector.
@Suite(.serialized) struct ReanalysisTests {
    static let slide = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Fixtures/public/stardist_he.tif").path

    @Test(arguments: [NucleusDetectorChoice.classical, .instanseg])
    func reanalysedTileEqualsTheStoredTileRow(detector: NucleusDetectorChoice) throws {
        var parameters = QuantifyParameters(stain: .he, detector: detector)
        parameters.tileSizeMicrons = 64
        parameters.stainVectors = .macenko
        let run = try SlideQuantifier(parameters: parameters).quantify(path: Self.slide, micronsPerPixel: 0.5)
        // What CohortQuantify stores, read back as a report does.
        let json = String(decoding: try JSONEncoder().encode(CohortQuantify.RunParameters(
            quantify: run.parameters, level: run.level, micronsPerPixel: run.micronsPerPixel)), as: UTF8.self)
        let stored = try #require(CohortQuantify.storedParameters(json: json))
        // The slide's Macenko estimate comes back (re-normalised on decoding, so equal to rounding), not estimated anew.
        #expect(stored.stainVectors == .standard)
        let difference = zip(stored.tileAnalysis.stainMatrix.vectors.joined(), run.parameters.tileAnalysis.stainMatrix.vectors.joined())
            .map { abs($0 - $1) }.max() ?? 1
        #expect(difference < 1e-12 && run.parameters.tileAnalysis.stainMatrix != StainMatrix.hematoxylinEosin)
        let quantifier = try SlideQuantifier(parameters: stored)
        // The tile with the most cells and a corner tile.
        let busiest = try #require(run.tiles.max { $0.summary.counts.total < $1.summary.counts.total })
        for record in [busiest, run.tiles[0]] {
            let again = try #require(try quantifier.reanalyse(path: Self.slide, micronsPerPixel: 0.5,
                                                              levelZeroX: record.xPixels, levelZeroY: record.yPixels))
            #expect(again.result.summary.counts == record.summary.counts,
                    "\(detector) tile (\(record.xPixels), \(record.yPixels)): stored \(record.summary.counts), again \(again.result.summary.counts)")
            // The marks of a crop are the tile's cells inside it, in crop pixels.
            let marks = SlideFigureLoader.marks(again.result.cells, downsample: again.downsample,
                                                cropX: record.xPixels, cropY: record.yPixels, side: 64)
            let inside = again.result.cells.filter {
                let x = $0.nucleus.xPixels * again.downsample - Double(record.xPixels), y = $0.nucleus.yPixels * again.downsample - Double(record.yPixels)
                return x >= 0 && y >= 0 && x < 64 && y < 64
            }
            #expect(marks.count == inside.count && marks.allSatisfy { $0.x >= 0 && $0.x < 64 && $0.y >= 0 && $0.y < 64 })
        }
        #expect(try quantifier.reanalyse(path: Self.slide, micronsPerPixel: 0.5, levelZeroX: 7, levelZeroY: 7) == nil)
    }

    @Test func undecodableStoredParametersGiveNoMarks() {
        #expect(CohortQuantify.storedParameters(json: #"{"tile_px":256}"#) == nil)
    }
}
