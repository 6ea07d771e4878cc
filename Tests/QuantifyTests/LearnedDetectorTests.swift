import Foundation
import InstanSeg
@testable import Pipeline
import SlideIO
import Testing
import TissueAnalysis

/// The learned detector (InstanSeg brightfield_nuclei, run natively) inside `tme quantify` on real tissue:
/// tiles stitch so that each nucleus is kept exactly once, a slide without a 0.5 µm/px level is resampled to
/// it, hand counts hold, keratin gets (almost) nothing, and missing weights are a clear error.
@Suite(.serialized) struct LearnedDetectorTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/public")
    static let crops = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("InstanSegTests/Fixtures/real")

    struct Point: Sendable { var x: Double, y: Double }

    /// Cells (level-0 pixels) of `path` quantified with the learned detector.
    static func cells(_ path: String, micronsPerPixel: Double?, tileMicrons: Double = 512) throws -> ([Point], SlideQuantification) {
        var parameters = QuantifyParameters(stain: .he, detector: .instanseg)
        parameters.tileSizeMicrons = tileMicrons
        let box = PointBox()
        let q = try SlideQuantifier(parameters: parameters).quantify(path: path, micronsPerPixel: micronsPerPixel, cells: { cells, ds in
            box.add(cells.map { Point(x: $0.nucleus.xPixels * ds, y: $0.nucleus.yPixels * ds) })
        })
        return (box.all, q)
    }

    /// Greedy one-to-one matches within `radius` px.
    static func matched(_ a: [Point], _ b: [Point], radius: Double) -> Int {
        var used = Set<Int>(), count = 0
        for p in a {
            var best: Int?, bestDistance = radius
            for (j, q) in b.enumerated() where !used.contains(j) {
                let d = hypot(p.x - q.x, p.y - q.y)
                if d <= bestDistance { bestDistance = d; best = j }
            }
            if let best { used.insert(best); count += 1 }
        }
        return count
    }

    @Test func tilesStitchSoThatEachNucleusIsKeptOnce() throws {
        let path = Self.fixtures.appendingPathComponent("stardist_he.tif").path
        let (whole, q) = try Self.cells(path, micronsPerPixel: 0.5)
        #expect(q.tiles.count == 1)
        #expect(q.detector.name == "instanseg" && q.detector.weightsSHA256 == TorchScriptArchive.brightfieldNucleiSHA256)
        #expect(q.parameters.learned.slideLowerPercentiles?.count == 3)
        // 128 px tiles with 64 px of context: 12 tiles, every border crossing nuclei.
        let (tiled, t) = try Self.cells(path, micronsPerPixel: 0.5, tileMicrons: 64)
        #expect(t.tiles.count == 12)
        let pairs = Self.matched(whole, tiled, radius: 1)
        #expect(tiled.count == whole.count && pairs == whole.count,
                "whole image \(whole.count) nuclei, 12 tiles \(tiled.count), matched within 1 px \(pairs)")
        // Hand count in the box of PublicImageTests: 20–26 nuclei; a fifth more either way for centres on the edge.
        let box = whole.filter { (198...326).contains($0.x) && (88...216).contains($0.y) }
        #expect((16...31).contains(box.count), "\(box.count) nuclei in the counted box, hand count 20–26")
    }

    /// A scan at 1/3 µm/px (no level at 0.5) is area-resampled to 0.5 µm/px: the nuclei are those of the 0.5 µm/px
    /// original at the same places.
    @Test func aSlideWithoutAHalfMicronLevelIsResampled() throws {
        let source = try Slide(path: Self.fixtures.appendingPathComponent("stardist_he.tif").path)
        let original = try source.readRegion(level: 0, x: 0, y: 0, width: source.levels[0].width, height: source.levels[0].height)
        let (w, h) = (original.width * 3 / 2, original.height * 3 / 2)
        let fine = original.areaResampled(originX: 0, originY: 0, scale: 2.0 / 3.0, width: w, height: h)
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("learned-resample-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("third.tif").path
        let writer = try PyramidTIFFWriter(path: path, width: w, height: h, options: .init(tileSize: 256, micronsPerPixel: 1.0 / 3.0))
        for index in 0..<writer.tileCount {
            let r = writer.tileRegion(at: index)
            var tile = RGBImage(width: r.width, height: r.height)
            for y in 0..<r.height {
                for x in 0..<r.width where r.x + x < w && r.y + y < h {
                    let s = ((r.y + y) * w + r.x + x) * 3, d = (y * r.width + x) * 3
                    tile.pixels[d] = fine.pixels[s]; tile.pixels[d + 1] = fine.pixels[s + 1]; tile.pixels[d + 2] = fine.pixels[s + 2]
                }
            }
            try writer.append(tile: tile)
        }
        try writer.finish()
        let (resampled, q) = try Self.cells(path, micronsPerPixel: nil)
        #expect(abs(q.micronsPerPixel - 0.5) < 1e-9 && abs(q.downsample - 1.5) < 1e-4, "downsample \(q.downsample) (the TIFF stores 1/3 µm as a rational)")
        let (reference, _) = try Self.cells(Self.fixtures.appendingPathComponent("stardist_he.tif").path, micronsPerPixel: 0.5)
        let back = resampled.map { Point(x: $0.x / 1.5, y: $0.y / 1.5) }
        let pairs = Self.matched(reference, back, radius: 2)
        #expect(Double(pairs) >= 0.9 * Double(reference.count) && abs(resampled.count - reference.count) <= reference.count / 10,
                "0.5 µm/px original \(reference.count) nuclei, resampled from 1/3 µm/px \(resampled.count), matched within 1 µm \(pairs)")
    }

    /// CMU-1 (Aperio, skin) with its anucleate keratin (the issue's box, x 1250–1550 on the slide = x 100–400 here):
    /// the classical detector put 128 detections in that box's 0.0225 mm²; at most 6 per 0.0225 mm² are allowed.
    @Test func keratinGetsAlmostNothing() throws {
        let data = try #require(FileManager.default.contents(atPath: Self.crops.appendingPathComponent("cmu1_keratin.rgb.npy").path))
        let bytes = [UInt8](data), header = Int(bytes[8]) | Int(bytes[9]) << 8
        let (w, h) = (500, 200)
        let rgb = Array(bytes[(10 + header)...])
        #expect(rgb.count == w * h * 3)
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("learned-keratin-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("cmu1.tif").path
        let writer = try PyramidTIFFWriter(path: path, width: w, height: h, options: .init(tileSize: 256, micronsPerPixel: 0.499))
        for index in 0..<writer.tileCount {
            let r = writer.tileRegion(at: index)
            var tile = RGBImage(width: r.width, height: r.height)
            for y in 0..<r.height where r.y + y < h {
                for x in 0..<r.width where r.x + x < w {
                    for c in 0..<3 { tile.pixels[(y * r.width + x) * 3 + c] = rgb[((r.y + y) * w + r.x + x) * 3 + c] }
                }
            }
            try writer.append(tile: tile)
        }
        try writer.finish()
        let (cells, _) = try Self.cells(path, micronsPerPixel: nil)
        let keratin = cells.filter { (100...400).contains($0.x) }
        let areaSquareMillimetres = 300 * 200 * 0.499 * 0.499 / 1e6
        #expect(Double(keratin.count) <= 6 * areaSquareMillimetres / 0.0225,
                "\(keratin.count) detections on \(areaSquareMillimetres) mm² of keratin; the epidermis beside it has \(cells.count - keratin.count)")
        #expect(cells.count - keratin.count >= 10, "the epidermal nuclei left of the keratin must still be found")
    }

    @Test func missingWeightsAreAClearError() throws {
        let url = try LearnedModels.instanSegWeights(environment: ["TME_MODELS_DIR": "/nonexistent/models"])
        #expect(url.path == "/nonexistent/models/instanseg/brightfield_nuclei/0.1.1/instanseg.pt")
        do {
            _ = try InstanSegModel(contentsOf: url)
            Issue.record("no error for missing weights")
        } catch {
            let text = "\(error)"
            #expect(text.contains(url.path) && text.contains(TorchScriptArchive.brightfieldNucleiSHA256) && text.contains("scripts/fetch-models"), "\(text)")
        }
    }

    @Test func learnedDetectorRefusesAnotherResolution() {
        var parameters = QuantifyParameters(detector: .instanseg)
        parameters.analysisMicronsPerPixel = 0.25
        #expect(throws: QuantifyError.self) { try parameters.validate() }
    }
}

private final class PointBox: @unchecked Sendable {
    private let lock = NSLock()
    private var items: [LearnedDetectorTests.Point] = []
    func add(_ p: [LearnedDetectorTests.Point]) { lock.withLock { items += p } }
    var all: [LearnedDetectorTests.Point] { lock.withLock { items } }
}
