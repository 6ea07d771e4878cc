import Foundation
import SlideIO

/// Writes the truth of one slide: every cell (TSV), the compartment mask (PNG) and a QuPath GeoJSON.
///
/// - `<slide>_cells.tsv`: cell_id, x_um, y_um, x_px, y_px (level 0), class, region, pdl1, cd8, cd68,
///   nucleus_area_um2 (π·a·b of the nucleus ellipse).
/// - `<slide>_regions.png`: 8-bit gray, one pixel per `step` level-0 pixels (the layout lattice, sampled at
///   the pixel (i·step, j·step)): 0 background, 128 stroma, 255 tumor.
/// - `<slide>.geojson`: FeatureCollection in level-0 pixels, as QuPath imports it: one MultiPoint
///   annotation per cell class and one MultiPolygon annotation per compartment (row runs of the mask).
enum SlideTruthWriter {
    static func write(directory: String, slideID: String, tissue: SlideTissue, stain: SlideStain) throws {
        let layout = tissue.layout, g = layout.geometry, cells = tissue.population.cells
        let mpp = g.micronsPerPixel
        var tsv = TextFile()
        tsv.row(["cell_id", "x_um", "y_um", "x_px", "y_px", "class", "region", "pdl1", "cd8", "cd68", "nucleus_area_um2"])
        for (k, c) in cells.enumerated() {
            let area = Double.pi * Double(c.radiusA) * Double(c.radiusB) * mpp * mpp
            tsv.row([String(k + 1), fmt(Double(c.x) * mpp, 2), fmt(Double(c.y) * mpp, 2), fmt(Double(c.x), 1),
                     fmt(Double(c.y), 1), c.cellClass.name, c.region.name, c.pdl1 ? "1" : "0", c.cd8 ? "1" : "0",
                     c.cd68 ? "1" : "0", fmt(area, 1)])
        }
        try tsv.write(to: "\(directory)/\(slideID)_cells.tsv")

        let (mw, mh, mask) = maskPixels(layout)
        let png = PNGEncoder.encode(width: mw, height: mh, channels: 1, pixels: mask)
        let maskPath = "\(directory)/\(slideID)_regions.png"
        guard FileManager.default.createFile(atPath: maskPath, contents: Data(png)) else {
            throw SimulatorError.writeFailed(path: maskPath, reason: "cannot create file")
        }
        try geoJSON(layout: layout, cells: cells, mask: mask, width: mw, height: mh, stain: stain)
            .write(to: "\(directory)/\(slideID).geojson")
    }

    /// The region mask cropped to the slide: ceil(width/step) × ceil(height/step).
    static func maskPixels(_ layout: TissueLayout) -> (Int, Int, [UInt8]) {
        let g = layout.geometry, s = layout.step
        let w = (g.widthPx + s - 1) / s, h = (g.heightPx + s - 1) / s
        let regions = layout.nodeRegions()
        var out = [UInt8](repeating: 0, count: w * h)
        for j in 0..<h { for i in 0..<w { out[j * w + i] = [0, 128, 255][Int(regions[j * layout.nodesX + i].rawValue)] } }
        return (w, h, out)
    }

    private static func geoJSON(layout: TissueLayout, cells: [SimulatedCell], mask: [UInt8], width: Int, height: Int,
                                stain: SlideStain) -> TextFile {
        let colours: [String: Int] = ["tumor": -3_670_016, "lymphocyte": -16_726_016, "macrophage": -1_384_704,
                                      "stroma": -14_788_865, "Tumor": -6_946_816, "Stroma": -13_408_615]
        var features: [String] = []
        func feature(_ name: String, _ geometry: String) -> String {
            "{\"type\":\"Feature\",\"geometry\":\(geometry),\"properties\":{\"objectType\":\"annotation\","
                + "\"classification\":{\"name\":\"\(name)\",\"color\":\(colours[name] ?? -1)},\"isLocked\":true}}"
        }
        for cls in SimulatedCellClass.allCases {
            let pts = cells.filter { $0.cellClass == cls }.map { "[\(fmt(Double($0.x), 1)),\(fmt(Double($0.y), 1))]" }
            if pts.isEmpty { continue }
            features.append(feature(cls.name, "{\"type\":\"MultiPoint\",\"coordinates\":[\(pts.joined(separator: ","))]}"))
        }
        let s = layout.step, g = layout.geometry
        for (value, name) in [(UInt8(255), "Tumor"), (UInt8(128), "Stroma")] {
            var polys: [String] = []
            for j in 0..<height {
                var i = 0
                while i < width {
                    guard mask[j * width + i] == value else { i += 1; continue }
                    let start = i
                    while i < width && mask[j * width + i] == value { i += 1 }
                    let x0 = max(0, start * s - s / 2), x1 = min(i * s - s / 2, g.widthPx)
                    let y0 = max(0, j * s - s / 2), y1 = min((j + 1) * s - s / 2, g.heightPx)
                    polys.append("[[[\(x0),\(y0)],[\(x1),\(y0)],[\(x1),\(y1)],[\(x0),\(y1)],[\(x0),\(y0)]]]")
                }
            }
            if polys.isEmpty { continue }
            features.append(feature(name, "{\"type\":\"MultiPolygon\",\"coordinates\":[\(polys.joined(separator: ","))]}"))
        }
        var f = TextFile()
        f.line("{\"type\":\"FeatureCollection\",\"properties\":{\"stain\":\"\(stain.rawValue)\",\"units\":\"level-0 pixels\"},\"features\":[")
        f.line(features.joined(separator: ",\n"))
        f.line("]}")
        return f
    }
}
