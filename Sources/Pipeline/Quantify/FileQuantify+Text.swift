import Foundation
import TissueAnalysis

extension FileQuantify.Output {
    /// A few human-readable lines (the JSON has everything).
    public var rendered: String {
        let m = metrics
        func d(_ v: Double?) -> String { v.map { String(format: "%.1f", $0) } ?? "–" }
        var lines = [
            "\(URL(fileURLWithPath: path).lastPathComponent): \(stain.rawValue)\(marker.map { " \($0.rawValue)" } ?? ""), level \(level) "
                + String(format: "(%.3f µm/px), %d tiles, %d cells, %.1f s", micronsPerPixel, tiles, cells, wallSeconds),
            "  detector: \(detector.name)" + (detector.model.map { " (\($0), weights sha256 \(detector.weightsSHA256?.prefix(12) ?? "?")…)" } ?? ""),
            String(format: "  tissue %.3f mm² (tumor %.3f, stroma %.3f)", m.tissueAreaSquareMillimetres,
                   m.tumorAreaSquareMillimetres, m.stromaAreaSquareMillimetres),
            "  cells: lymphocyte \(m.counts.lymphocyte), macrophage \(m.counts.macrophage), tumor \(m.counts.tumor), "
                + "stroma \(m.counts.stroma), other \(m.counts.other)",
            "  per mm²: lymphocytes \(d(m.lymphocyteDensityPerSquareMillimetre)) (intratumoral "
                + "\(d(m.intratumoralLymphocyteDensityPerSquareMillimetre)), stromal \(d(m.stromalLymphocyteDensityPerSquareMillimetre))), "
                + "macrophages \(d(m.macrophageDensityPerSquareMillimetre))",
            "  stromal TILs \(d(m.stromalTILPercent)) %, tumor→lymphocyte median \(d(m.medianTumorToLymphocyteMicrons)) µm, "
                + "phenotype \(m.phenotype?.rawValue ?? "not assessed")",
        ]
        if let p = m.pdl1 {
            lines.append("  PD-L1: TPS \(d(p.tumorProportionScore)) %, CPS \(d(p.combinedPositiveScore)), "
                         + "\(p.viableTumorCells) viable tumor cells\(p.adequate ? "" : " (inadequate: < 100)")")
        }
        if let v = m.cd8PositiveDensityPerSquareMillimetre { lines.append("  CD8+ \(d(v)) per mm²") }
        if let v = m.cd68PositiveDensityPerSquareMillimetre { lines.append("  CD68+ \(d(v)) per mm²") }
        if stainVectorSource != .standard {
            let vectors = stainVectors.keys.sorted().filter { $0 != "residual" }.map { k in
                k + " (" + stainVectors[k]!.map { String(format: "%.3f", $0) }.joined(separator: ", ") + ")"
            }
            lines.append("  stain vectors (\(stainVectorSource.rawValue)): " + vectors.joined(separator: ", "))
        }
        if let cellsFile { lines.append("  cells → \(cellsFile)") }
        return lines.joined(separator: "\n")
    }
}
