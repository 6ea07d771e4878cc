import Foundation
import Pipeline
import Testing
import TissueAnalysis

/// Tile features and the GeoJSON of cells, on a real (simulated) slide.
@Suite struct TileOutputTests {
    @Test func featureVectorsAreNamedAndFinite() throws {
        let slide = try SimulatedCohort.url().appendingPathComponent("slides").path
        let he = try #require(try FileManager.default.contentsOfDirectory(atPath: slide).sorted().first { $0.hasSuffix("-HE.tiff") })
        let q = try SlideQuantifier(parameters: QuantifyParameters()).quantify(path: slide + "/" + he)
        #expect(TileFeatures.names.count >= 32)
        #expect(Set(TileFeatures.names).count == TileFeatures.names.count)
        #expect(!q.tiles.isEmpty)
        for t in q.tiles {
            #expect(t.features.count == TileFeatures.names.count)
            #expect(t.features.allSatisfy { $0.isFinite })
            // The lymphocyte density feature is the tile's count over its tissue area.
            let i = TileFeatures.names.firstIndex(of: "lymphocyte_density_per_mm2")!
            let expected = Double(t.summary.counts.lymphocyte) / (t.summary.tissueAreaSquareMicrons * 1e-6)
            if t.summary.tissueAreaSquareMicrons > 0 { #expect(abs(Double(t.features[i]) - expected) <= 1e-3 * max(1, expected)) }
        }
        // Tiles add up to the slide.
        #expect(q.tiles.reduce(0) { $0 + $1.summary.counts.total } == q.metrics.counts.total)
        #expect(q.cellCount == q.metrics.counts.total)
    }

    @Test func cellsGeoJSONIsAQuPathFeatureCollection() throws {
        let dir = try SimulatedCohort.url()
        let slide = try #require(try FileManager.default.contentsOfDirectory(atPath: dir.appendingPathComponent("slides").path)
            .sorted().first { $0.hasSuffix("-PDL1.tiff") })
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("cells-\(UUID().uuidString.prefix(8)).geojson")
        defer { try? FileManager.default.removeItem(at: out) }
        let q = try FileQuantify.run(path: dir.appendingPathComponent("slides/" + slide).path,
                                     parameters: QuantifyParameters(stain: .ihcDAB, marker: .pdl1), micronsPerPixel: nil,
                                     cellsPath: out.path, showProgress: false)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: out)) as? [String: Any])
        #expect(json["type"] as? String == "FeatureCollection")
        let features = try #require(json["features"] as? [[String: Any]])
        #expect(features.count == q.cellCount)
        var positive = 0, tumor = 0
        for f in features {
            let geometry = try #require(f["geometry"] as? [String: Any]), p = try #require(f["properties"] as? [String: Any])
            #expect(geometry["type"] as? String == "Point")
            let xy = try #require(geometry["coordinates"] as? [Double])
            #expect(xy.count == 2 && xy[0] >= 0 && xy[0] <= 1280 && xy[1] >= 0 && xy[1] <= 1280)
            let name = try #require((p["classification"] as? [String: Any])?["name"] as? String)
            #expect(["Lymphocyte", "Macrophage", "Tumor", "Stroma", "Other"].contains(name))
            let dab = try #require(p["dab_positive"] as? Bool)
            if name == "Tumor" { tumor += 1; if dab { positive += 1 } }
            #expect(p["measurements"] is [String: Any])
        }
        // TPS recomputed from the file equals the slide's.
        let tps = try #require(q.metrics.pdl1?.tumorProportionScore)
        #expect(abs(100 * Double(positive) / Double(tumor) - tps) < 1e-9)
    }
}
