import Foundation

/// How database values become the fusion model's genomic and clinical vectors.
///
/// Genomic vector (15): ln(1 + TMB mut/Mb), T-cell-inflamed GEP score (Ayers et al. 2017), IFN-γ
/// score, CD274 expression as log2(x + 1) of linear values (or as stored when already log2), ten
/// key-gene mutation flags (0/1), CNV burden (fraction of genes altered).
/// Clinical vector (5): age in years, male (0/1), ECOG 0–5, stage group I–IV as 1–4, line of therapy.
///
/// A vector with any component missing is absent as a whole (the modality is masked, never
/// imputed), and the reason names the first missing component.
public enum ModelInputEncoding {
    public static let keyGenes = ["STK11", "KEAP1", "PTEN", "B2M", "JAK1", "JAK2", "POLE", "TP53", "KRAS", "EGFR"]

    public static let genomicNames: [String] =
        ["ln(1+TMB mut/Mb)", "GEP score", "IFN-gamma score", "CD274 log2 expression"]
        + keyGenes.map { "\($0) mutated (0/1)" } + ["CNV burden fraction"]

    public static let clinicalNames = ["age (years)", "male (0/1)", "ECOG (0-5)", "stage group (1-4)", "line of therapy"]

    /// Raw genomic values of one sample, as stored.
    public struct GenomicValues: Sendable, Hashable {
        public var tmbPerMb: Double?
        public var gepScore: Double?
        public var ifngScore: Double?
        public var cd274Value: Double?
        public var cd274Unit: String?
        /// Flags in `keyGenes` order.
        public var mutated: [Bool?]
        public var cnvBurdenFraction: Double?

        public init(tmbPerMb: Double?, gepScore: Double?, ifngScore: Double?, cd274Value: Double?, cd274Unit: String?,
                    mutated: [Bool?], cnvBurdenFraction: Double?) {
            self.tmbPerMb = tmbPerMb; self.gepScore = gepScore; self.ifngScore = ifngScore
            self.cd274Value = cd274Value; self.cd274Unit = cd274Unit; self.mutated = mutated
            self.cnvBurdenFraction = cnvBurdenFraction
        }
    }

    /// The genomic vector, or the name of the first missing component.
    public static func genomic(_ g: GenomicValues) -> Result<[Float], Missing> {
        guard let tmb = g.tmbPerMb else { return .failure(Missing("TMB")) }
        guard let gep = g.gepScore else { return .failure(Missing("GEP score")) }
        guard let ifng = g.ifngScore else { return .failure(Missing("IFN-gamma score")) }
        guard let cd274 = g.cd274Value else { return .failure(Missing("CD274 expression")) }
        guard let cnv = g.cnvBurdenFraction else { return .failure(Missing("CNV burden")) }
        var flags: [Float] = []
        for (gene, flag) in zip(keyGenes, g.mutated) {
            guard let flag else { return .failure(Missing("\(gene) mutation status")) }
            flags.append(flag ? 1 : 0)
        }
        let expression = g.cd274Unit == "log2" ? cd274 : log2(max(cd274, 0) + 1)
        let v = [Float(log1p(max(tmb, 0))), Float(gep), Float(ifng), Float(expression)] + flags + [Float(cnv)]
        guard v.allSatisfy(\.isFinite) else { return .failure(Missing("a finite genomic value")) }
        return .success(v)
    }

    /// The clinical vector, or the name of the first missing component.
    public static func clinical(ageYears: Double?, sex: String?, ecog: Int?, stage: String?, line: Int?) -> Result<[Float], Missing> {
        guard let age = ageYears else { return .failure(Missing("age")) }
        guard let sex, sex == "male" || sex == "female" else { return .failure(Missing("sex (male/female)")) }
        guard let ecog else { return .failure(Missing("ECOG")) }
        guard let stage, let group = stageGroup(stage) else { return .failure(Missing("stage (I–IV)")) }
        guard let line else { return .failure(Missing("line of therapy")) }
        return .success([Float(age), sex == "male" ? 1 : 0, Float(ecog), Float(group), Float(line)])
    }

    /// Stage group from an AJCC stage text: "IIIB" → 3, "IV" → 4, "stage II" → 2; nil otherwise.
    public static func stageGroup(_ text: String) -> Int? {
        var s = text.uppercased().trimmingCharacters(in: .whitespaces)
        if s.hasPrefix("STAGE") { s = String(s.dropFirst(5)).trimmingCharacters(in: .whitespaces) }
        let roman = s.prefix { "IV".contains($0) }
        switch roman {
        case "I": return 1
        case "II": return 2
        case "III": return 3
        case "IV": return 4
        default: return nil
        }
    }

    /// Parses PostgreSQL's text form of a real[] ("{1.5,2,NaN}"); nil when malformed.
    public static func parseRealArray(_ text: String) -> [Float]? {
        guard text.hasPrefix("{"), text.hasSuffix("}") else { return nil }
        let body = text.dropFirst().dropLast()
        if body.isEmpty { return [] }
        var out: [Float] = []
        for part in body.split(separator: ",", omittingEmptySubsequences: false) {
            guard let v = Float(part) else { return nil }
            out.append(v)
        }
        return out
    }

    /// The first missing component of a vector.
    public struct Missing: Error, Sendable, Hashable {
        public var component: String
        public init(_ component: String) { self.component = component }
    }
}
