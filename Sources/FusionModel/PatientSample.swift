/// The three input modalities of the fusion model.
public enum Modality: String, Sendable, Hashable, Codable, CodingKeyRepresentable, CaseIterable, Comparable {
    /// A bag of tile feature vectors from the H&E slide.
    case slide
    /// The genomic vector (log TMB, GEP score, CD274 expression, mutation flags, CNV burden).
    case genomics
    /// The clinical vector (age, stage, ECOG, line of therapy, …).
    case clinical

    public static func < (a: Modality, b: Modality) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }
}

/// Overall survival (or PFS) of one patient.
public struct SurvivalOutcome: Sendable, Hashable, Codable {
    /// Follow-up time in months (> 0).
    public var timeMonths: Double
    /// True when the event (death / progression) was observed, false when censored.
    public var event: Bool

    public init(timeMonths: Double, event: Bool) {
        self.timeMonths = timeMonths
        self.event = event
    }
}

/// One patient's model inputs and (for training) outcomes. A `nil` modality is absent: it is masked
/// in the fusion, never imputed.
public struct PatientSample: Sendable, Hashable, Codable {
    /// Caller's key (e.g. a pseudonym); never appears in errors.
    public var id: String
    /// Tile features, one row per tile (tiles × tile features).
    public var tiles: Matrix?
    public var genomic: [Float]?
    public var clinical: [Float]?
    /// Objective response: true for CR/PR, false for SD/PD, nil when not evaluable.
    public var response: Bool?
    public var survival: SurvivalOutcome?

    public init(id: String, tiles: Matrix? = nil, genomic: [Float]? = nil, clinical: [Float]? = nil,
                response: Bool? = nil, survival: SurvivalOutcome? = nil) {
        self.id = id
        self.tiles = tiles
        self.genomic = genomic
        self.clinical = clinical
        self.response = response
        self.survival = survival
    }

    /// The modalities this patient has data for (a bag needs at least one tile).
    public var availableModalities: Set<Modality> {
        var s: Set<Modality> = []
        if let tiles, tiles.rows > 0 { s.insert(.slide) }
        if genomic != nil { s.insert(.genomics) }
        if clinical != nil { s.insert(.clinical) }
        return s
    }

    /// A copy without the given modalities (for modality dropout and ablations).
    public func removing(_ modalities: Set<Modality>) -> PatientSample {
        var copy = self
        if modalities.contains(.slide) { copy.tiles = nil }
        if modalities.contains(.genomics) { copy.genomic = nil }
        if modalities.contains(.clinical) { copy.clinical = nil }
        return copy
    }
}
