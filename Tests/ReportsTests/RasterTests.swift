import Testing
@testable import Reports

@Suite struct RasterTests {
    @Test func nearestFilterKeepsBlocksSharp() throws {
        let image = try RGBImage(width: 2, height: 1, pixels: [255, 0, 0, 0, 0, 255])
        let nearest = try RasterCanvas(width: 20, height: 10)
        let shown = try nearest.canvas.drawImage(image, in: Rect(x: 0, y: 0, width: 20, height: 10), filter: .nearest)
        #expect(shown == Rect(x: 0, y: 0, width: 20, height: 10))
        #expect(nearest.pixel(x: 9, y: 5) == (255, 0, 0, 255))
        #expect(nearest.pixel(x: 10, y: 5) == (0, 0, 255, 255))
        let smooth = try RasterCanvas(width: 20, height: 10)
        try smooth.canvas.drawImage(image, in: Rect(x: 0, y: 0, width: 20, height: 10), filter: .smooth)
        let mid = smooth.pixel(x: 9, y: 5)
        #expect(mid.red < 250 && mid.blue > 5)
    }

    @Test func aspectFitCentresTheImage() throws {
        let image = try RGBImage(width: 4, height: 2, pixels: [UInt8](repeating: 200, count: 24))
        let raster = try RasterCanvas(width: 40, height: 40)
        let shown = try raster.canvas.drawImage(image, in: Rect(x: 0, y: 0, width: 40, height: 40))
        #expect(shown == Rect(x: 0, y: 10, width: 40, height: 20))
        #expect(raster.pixel(x: 20, y: 5).alpha == 0 && raster.pixel(x: 20, y: 20) == (200, 200, 200, 255))
    }

    @Test func heatmapBlendsAndLeavesNaNTransparent() throws {
        let raster = try RasterCanvas(width: 20, height: 10)
        let heat = try Heatmap(columns: 2, rows: 1, values: [.nan, 0], lower: 0, upper: 1)
        try raster.canvas.fill(Rect(x: 0, y: 0, width: 20, height: 10), color: .white)
        try raster.canvas.drawHeatmap(heat, in: Rect(x: 0, y: 0, width: 20, height: 10), alpha: 0.5)
        #expect(raster.pixel(x: 4, y: 5) == (255, 255, 255, 255))
        // 50 % of viridis(0) = (68, 1, 84) over white: (161.5, 128, 169.5) ± rounding.
        let p = raster.pixel(x: 15, y: 5)
        #expect(abs(Int(p.red) - 162) <= 2 && abs(Int(p.green) - 128) <= 2 && abs(Int(p.blue) - 170) <= 2)
    }

    @Test func cellMarksAreDrawnAtImageCoordinates() throws {
        let raster = try RasterCanvas(width: 100, height: 100)
        try raster.canvas.fill(Rect(x: 0, y: 0, width: 100, height: 100), color: .white)
        try raster.canvas.drawCellMarks([CellMark(x: 5, y: 5, classIndex: 0)],
                                        imageWidth: 10, imageHeight: 10, in: Rect(x: 0, y: 0, width: 100, height: 100), markerSize: 10)
        // Open circle of radius 5 at (50, 50): white inside, Okabe–Ito blue on the ring, white far away.
        #expect(raster.pixel(x: 50, y: 50) == (255, 255, 255, 255))
        let ring = (0..<20).map { raster.pixel(x: 54 + $0 % 2, y: 49 + $0 / 2 % 3) }
        #expect(ring.contains { $0.blue > 200 && $0.red < 200 })
        #expect(raster.pixel(x: 70, y: 50) == (255, 255, 255, 255))
    }

    @Test func everyChartStaysInsideItsBox() throws {
        // Draw each chart into the centre of a larger raster; the margin around the box must stay empty.
        let graphics: [any ReportGraphic] = [
            KaplanMeierChart(title: "KM", curves: [GalleryFixture.kmCurve(label: "A", n: 30, scaleMonths: 10)], logRankP: 0.2),
            ROCChart(title: "ROC", curves: [GalleryFixture.rocCurve(label: "m", separation: 0.3)]),
            DistributionChart(title: "D", values: GalleryFixture.tmbValues, valueAxisTitle: "TMB (mut/Mb)", patientValue: 30),
            ForestPlot(title: "F", rows: [ForestRow(label: "x", estimate: 0.5, lower: 0.001, upper: 1e6)]),
        ]
        for g in graphics {
            let raster = try RasterCanvas(width: 400, height: 300)
            try g.draw(on: raster.canvas, in: Rect(x: 50, y: 50, width: 300, height: 200))
            var outside = 0
            for y in 0..<300 { for x in 0..<400 where x < 49 || x > 351 || y < 49 || y > 251 {
                if raster.pixel(x: x, y: y).alpha > 0 { outside += 1 }
            } }
            #expect(outside == 0, "\(type(of: g)) drew \(outside) pixels outside its box")
        }
    }
}
