import Foundation
import TissueAnalysis
import TMECore

/// Markdown tables of a cohort validation (the body of VALIDATION.md).
public enum ValidationMarkdown {
    static let classes: [CellClass] = [.lymphocyte, .macrophage, .tumor, .stroma]

    public static func render(_ results: [SlideValidation]) -> String {
        var out: [String] = []
        func pct(_ v: Double?) -> String { v.map { String(format: "%+.1f %%", 100 * $0) } ?? "–" }
        for (title, group) in [("H&E", results.filter { $0.stain == "H&E" }), ("IHC", results.filter { $0.stain != "H&E" })]
        where !group.isEmpty {
            let tp = group.reduce(0) { $0 + $1.truePositives }, fp = group.reduce(0) { $0 + $1.falsePositives }
            let fn = group.reduce(0) { $0 + $1.falseNegatives }
            out.append("### \(title) slides (\(group.count))\n")
            out.append(String(format: "Nucleus detection, pooled (4 µm, one-to-one): TP %d, FP %d, FN %d — precision %.3f, recall %.3f, **F1 %.3f**; "
                              + "per-slide F1 min %.3f, median %.3f.\n",
                              tp, fp, fn, Double(tp) / Double(max(1, tp + fp)), Double(tp) / Double(max(1, tp + fn)),
                              2 * Double(tp) / Double(max(1, 2 * tp + fp + fn)), group.map(\.f1).min() ?? 0, SampleStatistics.median(group.map(\.f1))))
            out.append("Per-slide count error (detected − true) / true:\n")
            out.append("| class | mean abs | median | max abs | slides within tolerance |")
            out.append("|---|---|---|---|---|")
            for c in classes {
                let errors = group.compactMap { $0.countError(c) }
                guard !errors.isEmpty else { continue }
                let tolerance = c == .macrophage ? 0.2 : (c == .stroma ? 0.2 : 0.1)
                let within = errors.filter { abs($0) <= tolerance }.count
                out.append(String(format: "| %@ | %.1f %% | %+.1f %% | %.1f %% | %d / %d (≤ %.0f %%) |", c.rawValue,
                                  100 * errors.map(abs).reduce(0, +) / Double(errors.count), 100 * SampleStatistics.median(errors),
                                  100 * (errors.map(abs).max() ?? 0), within, errors.count, 100 * tolerance))
            }
            var matrix = [[Int]](repeating: [Int](repeating: 0, count: CellClass.allCases.count), count: CellClass.allCases.count)
            for r in group { for i in matrix.indices { for j in matrix.indices { matrix[i][j] += r.confusion[i][j] } } }
            out.append("\nConfusion matrix of matched cells (rows: truth, columns: detected; recall = diagonal / row):\n")
            out.append("| truth \\ detected | " + CellClass.allCases.map(\.rawValue).joined(separator: " | ") + " | recall |")
            out.append("|---|" + String(repeating: "---|", count: CellClass.allCases.count + 1))
            for c in classes {
                let row = matrix[c.index], total = row.reduce(0, +)
                out.append("| \(c.rawValue) | " + row.map(String.init).joined(separator: " | ")
                           + String(format: " | %.3f |", Double(row[c.index]) / Double(max(1, total))))
            }
            let precisions = classes.map { c -> String in
                let col = matrix.reduce(0) { $0 + $1[c.index] }
                return String(format: "%@ %.3f", c.rawValue, Double(matrix[c.index][c.index]) / Double(max(1, col)))
            }
            out.append("\nClass precision among matched cells: " + precisions.joined(separator: ", ") + ".\n")
            let found = classes.map { c -> String in
                let truthTotal = group.reduce(0) { $0 + $1.trueCounts[c] }
                return String(format: "%@ %.3f", c.rawValue, Double(matrix[c.index].reduce(0, +)) / Double(max(1, truthTotal)))
            }
            out.append("Detection recall per true class (matched / true cells): " + found.joined(separator: ", ") + ".\n")
            let phenotyped = group.filter { $0.truePhenotype != nil }
            if !phenotyped.isEmpty {
                let correct = phenotyped.filter { $0.truePhenotype == $0.detectedPhenotype }.count
                out.append(String(format: "Immune phenotype correct on %d / %d slides (%.0f %%).\n", correct, phenotyped.count,
                                  100 * Double(correct) / Double(phenotyped.count)))
                let names = ImmunePhenotype.allCases.map(\.rawValue) + ["not assessed"]
                out.append("| true \\ detected phenotype | " + names.joined(separator: " | ") + " |")
                out.append("|---|" + String(repeating: "---|", count: names.count))
                for t in ImmunePhenotype.allCases.map(\.rawValue) {
                    let row = names.map { d in phenotyped.filter { $0.truePhenotype == t && ($0.detectedPhenotype ?? "not assessed") == d }.count }
                    out.append("| \(t) | " + row.map(String.init).joined(separator: " | ") + " |")
                }
                out.append("")
            }
            let tps = group.compactMap { r in r.trueTPS.flatMap { t in r.detectedTPS.map { abs($0 - t) } } }
            if !tps.isEmpty {
                out.append(String(format: "PD-L1 TPS: mean absolute error %.2f points, max %.2f points; %d / %d slides within 5 points.\n",
                                  tps.reduce(0, +) / Double(tps.count), tps.max() ?? 0, tps.filter { $0 <= 5 }.count, tps.count))
            }
        }
        out.append("### Per slide\n")
        out.append("| slide | stain | F1 | precision | recall | lymphocytes | macrophages | tumor | stroma | phenotype (true → detected) | TPS (true → detected) |")
        out.append("|---|---|---|---|---|---|---|---|---|---|---|")
        for r in results {
            let phenotype = r.truePhenotype.map { "\($0) → \(r.detectedPhenotype ?? "–")" } ?? ""
            let tps = r.trueTPS.map { t in String(format: "%.1f → %.1f", t, r.detectedTPS ?? .nan) } ?? ""
            out.append(String(format: "| %@ | %@ | %.3f | %.3f | %.3f | ", r.slideID, r.stain, r.f1, r.precision, r.recall)
                       + classes.map { pct(r.countError($0)) }.joined(separator: " | ") + " | \(phenotype) | \(tps) |")
        }
        return out.joined(separator: "\n") + "\n"
    }
}
