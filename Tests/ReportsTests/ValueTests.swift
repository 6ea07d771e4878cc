import Testing
import Foundation
@testable import Reports

@Suite struct ValueTests {
    /// Reference: matplotlib 3.11 `cm.viridis(t)` × 255, printed by Fixtures/make_viridis.py.
    @Test func viridisMatchesMatplotlib() throws {
        let expected: [(Double, UInt8, UInt8, UInt8)] = [(0, 68, 1, 84), (0.25, 59, 82, 139), (0.5, 33, 145, 140),
                                                         (0.75, 94, 201, 98), (1, 253, 231, 37)]
        for (t, r, g, b) in expected {
            let c = try #require(Colormap.viridis.rgb8(at: t))
            #expect(c.red == r && c.green == g && c.blue == b, "t = \(t)")
        }
        #expect(Colormap.viridis.rgb8(at: .nan) == nil)
        #expect(Colormap.viridis.index(at: -3) == 0 && Colormap.viridis.index(at: 7) == 255)
        #expect(Colormap.viridis.table.count == 256)
    }

    /// Viridis gets lighter monotonically, so it survives greyscale printing: relative luminance
    /// never falls by more than 8-bit quantisation (5·10⁻⁴; the table has two such dips of 2·10⁻⁴)
    /// and rises by > 0.7 from end to end.
    @Test func viridisLuminanceIsMonotone() {
        let lum = Colormap.viridis.table.map { RGBColor(hex: $0).relativeLuminance }
        for i in 1..<lum.count { #expect(lum[i] >= lum[i - 1] - 5e-4, "entry \(i)") }
        #expect(lum[255] - lum[0] > 0.7)
    }

    /// The first four series differ in dash pattern (greyscale) and use Okabe–Ito colours.
    @Test func paletteSeriesAreDistinct() {
        let styles = (0..<4).map(Palette.style(for:))
        #expect(Set(styles.map(\.dash)).count == 4)
        #expect(Set(styles.map(\.marker)).count == 4)
        #expect(Palette.blue == RGBColor(hex: 0x0072B2) && Palette.vermillion == RGBColor(hex: 0xD55E00))
        #expect(Palette.style(for: 7) == Palette.style(for: 0) && Palette.style(for: -1) == Palette.style(for: 6))
        // WCAG relative luminance of white is 1, black 0.
        #expect(abs(RGBColor.white.relativeLuminance - 1) < 1e-12 && RGBColor.black.relativeLuminance == 0)
    }

    @Test func scaleBarChoosesNiceLengths() throws {
        let a = try #require(ScaleBar(micronsPerPixel: 0.5, pointsPerPixel: 0.1, maxPoints: 60))
        #expect(a.lengthMicrons == 200 && abs(a.lengthPoints - 40) < 1e-9 && a.label == "200 µm")
        let b = try #require(ScaleBar(micronsPerPixel: 16, pointsPerPixel: 3, maxPoints: 120))
        #expect(b.lengthMicrons == 500 && b.label == "500 µm")
        let c = try #require(ScaleBar(micronsPerPixel: 16, pointsPerPixel: 1, maxPoints: 150))
        #expect(c.lengthMicrons == 2000 && c.label == "2 mm" && c.lengthPoints == 125)
        #expect(ScaleBar(micronsPerPixel: 0, pointsPerPixel: 1, maxPoints: 10) == nil)
        #expect(ScaleBar(micronsPerPixel: .nan, pointsPerPixel: 1, maxPoints: 10) == nil)
    }

    @Test func imageAndHeatmapValidation() {
        #expect(throws: ReportError.invalidImage(width: 2, height: 2, expectedBytes: 12, actualBytes: 11)) {
            try RGBImage(width: 2, height: 2, pixels: [UInt8](repeating: 0, count: 11))
        }
        #expect(throws: ReportError.self) { try RGBImage(width: 0, height: 5, pixels: []) }
        #expect(throws: ReportError.self) { try RGBImage(width: Int.max, height: 3, pixels: []) }
        #expect(throws: ReportError.self) { try Heatmap(columns: 2, rows: 2, values: [1, 2, 3], lower: 0, upper: 1) }
        #expect(throws: ReportError.self) { try Heatmap(columns: 1, rows: 1, values: [1], lower: 1, upper: 1) }
    }

    @Test func histogramBinning() {
        #expect(DistributionChart.histogram([0, 0.5, 1, 1.5, 2, .nan, 3], lower: 0, upper: 2, bins: 2) == [2, 3])
        #expect(DistributionChart.histogram([1], lower: 1, upper: 1, bins: 3) == [])
    }

    @Test func formats() {
        #expect(KaplanMeierChart.formatP(0.0123) == "p = 0.012")
        #expect(KaplanMeierChart.formatP(0.34) == "p = 0.34")
        #expect(KaplanMeierChart.formatP(0.05) == "p = 0.050")
        #expect(KaplanMeierChart.formatP(0.0004) == "p < 0.001")
        #expect(ForestPlot.formatInterval(0.55, 0.36, 0.84) == "0.55 (0.36–0.84)")
        #expect(ForestPlot.formatInterval(12.3, 5, 30.4) == "12.3 (5.00–30.4)")
        #expect(ROCCurveData(label: "m", falsePositiveRates: [0, 1], truePositiveRates: [0, 1], auc: 0.783,
                             aucLower: 0.7, aucUpper: 0.851).aucText == "AUC 0.78 (0.70–0.85)")
        #expect(DocumentSettings.pdfDateString(DocumentSettings.reproducibleDate) == "2000-01-01T00:00:00Z")
        #expect(PageSize.a4.widthPoints.rounded() == 595 && PageSize.a4.heightPoints.rounded() == 842)
    }
}
