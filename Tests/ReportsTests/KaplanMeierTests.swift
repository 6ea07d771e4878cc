import Testing
@testable import Reports

@Suite struct KaplanMeierTests {
    let curve = KMCurveData(label: "A", times: [2, 5, 7], survival: [0.9, 0.6, 0.6], lower: [0.7, .nan, 0.3],
                            upper: [1, 0.8, 0.9], numberAtRisk: [10, 6, 3], censorTimes: [7], subjectCount: 10)

    @Test func numberAtRiskFollowsSurvminer() {
        #expect(curve.numberAtRisk(at: 0) == 10)
        #expect(curve.numberAtRisk(at: 3) == 6)   // doc example
        #expect(curve.numberAtRisk(at: 5) == 6)
        #expect(curve.numberAtRisk(at: 6) == 3)
        #expect(curve.numberAtRisk(at: 8) == 0)
    }

    @Test func survivalIsRightContinuousStep() {
        #expect(curve.survival(at: 1.99) == 1)
        #expect(curve.survival(at: 2) == 0.9)
        #expect(curve.survival(at: 4.9) == 0.9)
        #expect(curve.survival(at: 100) == 0.6)
        #expect(curve.lastTime == 7)
    }

    @Test func stepPointsCarryNaN() {
        let pts = KaplanMeierChart.stepPoints(times: [2, 5], values: [0.7, .nan], end: 9)
        #expect(pts.map(\.0) == [0, 2, 2, 5, 5, 9])
        #expect(pts.map(\.1) == [1, 1, 0.7, 0.7, 0.7, 0.7])
    }

    @Test func validationNamesTheProblem() {
        var bad = curve
        bad.survival = [0.9, 1.2, 0.5]
        #expect(throws: ReportError.invalidChartData(chart: "Kaplan–Meier", detail: "curve A: survival 2 outside 0…1")) { try bad.validate() }
        bad = curve
        bad.times = [5, 2, 7]
        #expect(throws: ReportError.self) { try bad.validate() }
        bad = curve
        bad.numberAtRisk = [1]
        #expect(throws: ReportError.self) { try bad.validate() }
        #expect(throws: Never.self) { try curve.validate() }
    }

    /// A chart with an invalid curve throws instead of drawing garbage.
    @Test func chartRejectsBadCurve() throws {
        var bad = curve
        bad.lower = [0.1]
        let raster = try RasterCanvas(width: 300, height: 200)
        #expect(throws: ReportError.self) {
            try KaplanMeierChart(title: "x", curves: [bad]).draw(on: raster.canvas, in: Rect(x: 0, y: 0, width: 300, height: 200))
        }
    }
}
