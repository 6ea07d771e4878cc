import Foundation

extension CohortConfig {
    /// Reads and validates a config file.
    public static func load(path: String) throws -> CohortConfig {
        let data: Data
        do { data = try Data(contentsOf: URL(fileURLWithPath: path)) } catch {
            throw SimulatorError.unreadableConfig(path: path, reason: "file cannot be read")
        }
        let config: CohortConfig
        do { config = try JSONDecoder().decode(CohortConfig.self, from: data) } catch let DecodingError.keyNotFound(key, ctx) {
            throw SimulatorError.unreadableConfig(path: path, reason: "missing key '\(key.stringValue)' at \(ctx.codingPath.map(\.stringValue).joined(separator: "."))")
        } catch let DecodingError.typeMismatch(_, ctx) {
            throw SimulatorError.unreadableConfig(path: path, reason: "wrong type at \(ctx.codingPath.map(\.stringValue).joined(separator: "."))")
        } catch {
            throw SimulatorError.unreadableConfig(path: path, reason: "not a valid cohort JSON document")
        }
        try config.validate()
        return config
    }

    /// Checks ranges; throws `SimulatorError.invalidConfig` naming the first bad field.
    public func validate() throws {
        func check(_ ok: Bool, _ field: String, _ expected: String) throws {
            if !ok { throw SimulatorError.invalidConfig(field: field, expected: expected) }
        }
        try check(!name.isEmpty && name.allSatisfy { $0.isLetter || $0.isNumber || $0 == "_" }, "name", "letters, digits, _")
        try check((1...100_000).contains(patientCount), "patientCount", "1 … 100000")
        try check(!tumorTypes.isEmpty, "tumorTypes", "at least one tumor type")
        for (i, t) in tumorTypes.enumerated() {
            try check(t.weight > 0, "tumorTypes[\(i)].weight", "> 0")
            try check(t.tmbMedianPerMb > 0 && t.tmbMedianPerMb < 500, "tumorTypes[\(i)].tmbMedianPerMb", "0 … 500")
            try check(t.tmbLogSD >= 0 && t.tmbLogSD < 3, "tumorTypes[\(i)].tmbLogSD", "0 … 3")
            try check((0...0.5).contains(t.cnvGainProbability) && (0...0.5).contains(t.cnvLossProbability),
                      "tumorTypes[\(i)].cnv*Probability", "0 … 0.5")
        }
        func probs(_ p: [Double], _ n: Int, _ f: String) throws {
            try check(p.count == n && p.allSatisfy { $0 >= 0 } && abs(p.reduce(0, +) - 1) < 1e-6, f, "\(n) probabilities summing to 1")
        }
        try probs(clinical.ecogProbabilities, 3, "clinical.ecogProbabilities")
        try probs(clinical.stageProbabilities, 2, "clinical.stageProbabilities")
        try probs(clinical.lineProbabilities, 3, "clinical.lineProbabilities")
        for p in ImmunePhenotype.allCases {
            try check(immune.lymphocyteDensity[p.rawValue] != nil, "immune.lymphocyteDensity.\(p.rawValue)", "tumor and stroma densities")
        }
        try check(immune.desertBelow <= immune.excludedBelow, "immune.desertBelow", "≤ excludedBelow")
        try check((0...1).contains(immune.gepCorrelation), "immune.gepCorrelation", "0 … 1")
        try check(response.targetRate > 0.01 && response.targetRate < 0.99, "response.targetRate", "0.01 … 0.99")
        for (f, h) in [("survival.os", survival.os), ("survival.pfs", survival.pfs)] {
            try check(h.shape > 0.1 && h.shape < 10, f + ".shape", "0.1 … 10")
            try check(h.medianMonths > 0, f + ".medianMonths", "> 0")
        }
        try check(survival.targetEventRate > 0.05 && survival.targetEventRate < 0.99, "survival.targetEventRate", "0.05 … 0.99")
        try check((0...1).contains(survival.accrualFraction), "survival.accrualFraction", "0 … 1")
        let s = slides
        try check(s.widthPx >= 256 && s.heightPx >= 256 && s.widthPx <= 200_000 && s.heightPx <= 200_000,
                  "slides.widthPx/heightPx", "256 … 200000")
        try check(s.micronsPerPixel >= 0.1 && s.micronsPerPixel <= 2, "slides.micronsPerPixel", "0.1 … 2")
        try check(s.tileSize >= 64 && s.tileSize % 16 == 0 && s.tileSize <= 2048, "slides.tileSize", "multiple of 16 in 64 … 2048")
        try check((0...1).contains(s.pdl1Fraction), "slides.pdl1Fraction", "0 … 1")
        try check(s.tumorFraction > 0.05 && s.tumorFraction < 0.95, "slides.tumorFraction", "0.05 … 0.95")
        try check(s.whitespaceFraction >= 0 && s.whitespaceFraction < 0.8, "slides.whitespaceFraction", "0 … 0.8")
        try check(s.nestScaleMicrons >= 20, "slides.nestScaleMicrons", "≥ 20")
        try check(s.blurSigmaPx >= 0 && s.blurSigmaPx <= 3, "slides.blurSigmaPx", "0 … 3")
        try check(["deflate", "jpeg"].contains(s.compression), "slides.compression", "\"deflate\" or \"jpeg\"")
        try check((30...100).contains(s.jpegQuality), "slides.jpegQuality", "30 … 100")
    }
}
