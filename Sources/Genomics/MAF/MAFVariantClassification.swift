/// The MAF `Variant_Classification` vocabulary (GDC MAF specification, plus the two de-novo start
/// classes some annotators emit). Raw values are exactly as they appear in MAF files.
public enum MAFVariantClassification: String, Sendable, Hashable, Codable, CaseIterable, Comparable {
    case frameShiftDel = "Frame_Shift_Del"
    case frameShiftIns = "Frame_Shift_Ins"
    case inFrameDel = "In_Frame_Del"
    case inFrameIns = "In_Frame_Ins"
    case missense = "Missense_Mutation"
    case nonsense = "Nonsense_Mutation"
    case nonstop = "Nonstop_Mutation"
    case spliceSite = "Splice_Site"
    case translationStartSite = "Translation_Start_Site"
    case silent = "Silent"
    case spliceRegion = "Splice_Region"
    case intron = "Intron"
    case utr3 = "3'UTR"
    case utr5 = "5'UTR"
    case flank3 = "3'Flank"
    case flank5 = "5'Flank"
    case igr = "IGR"
    case rna = "RNA"
    case targetedRegion = "Targeted_Region"
    case deNovoStartInFrame = "De_novo_Start_InFrame"
    case deNovoStartOutOfFrame = "De_novo_Start_OutOfFrame"
    case unknown = "Unknown"

    /// The nine classes maftools counts as non-synonymous (`vc_nonSyn` of `read.maf`, Mayakonda et al.
    /// 2018): Frame_Shift_Del, Frame_Shift_Ins, Splice_Site, Translation_Start_Site, Nonsense_Mutation,
    /// Nonstop_Mutation, In_Frame_Del, In_Frame_Ins, Missense_Mutation.
    public static let maftoolsNonsynonymous: Set<MAFVariantClassification> = [
        .frameShiftDel, .frameShiftIns, .spliceSite, .translationStartSite, .nonsense,
        .nonstop, .inFrameDel, .inFrameIns, .missense,
    ]

    /// True for the maftools non-synonymous set.
    public var isNonsynonymous: Bool { Self.maftoolsNonsynonymous.contains(self) }

    public static func < (a: Self, b: Self) -> Bool { a.rawValue < b.rawValue }

    private static let byName: [String: MAFVariantClassification] =
        Dictionary(uniqueKeysWithValues: allCases.map { ($0.rawValue, $0) })

    /// Parses a raw value exactly (MAF is case-sensitive); nil if it is not a MAF class.
    public init?(mafValue: some StringProtocol) {
        guard let value = Self.byName[String(mafValue)] else { return nil }
        self = value
    }

    /// The closest class name to a misspelt value (edit distance ≤ 3, or a case-insensitive match),
    /// for "did you mean" hints.
    public static func suggestion(for value: String) -> MAFVariantClassification? {
        if let exact = allCases.first(where: { $0.rawValue.lowercased() == value.lowercased() }) { return exact }
        let scored = allCases.map { ($0, editDistance(Array(value.utf8), Array($0.rawValue.utf8))) }
        guard let best = scored.min(by: { $0.1 < $1.1 }), best.1 <= 3 else { return nil }
        return best.0
    }

    static func editDistance(_ a: [UInt8], _ b: [UInt8]) -> Int {
        if a.isEmpty { return b.count }
        var previous = Array(0...b.count)
        for (i, x) in a.enumerated() {
            var current = [i + 1] + Array(repeating: 0, count: b.count)
            for (j, y) in b.enumerated() {
                current[j + 1] = Swift.min(previous[j + 1] + 1, current[j] + 1, previous[j] + (x == y ? 0 : 1))
            }
            previous = current
        }
        return previous[b.count]
    }
}
