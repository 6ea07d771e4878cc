import Foundation

/// Best overall response by RECIST 1.1.
public enum BestResponse: String, Sendable, Hashable, Codable, CaseIterable {
    case completeResponse = "CR"
    case partialResponse = "PR"
    case stableDisease = "SD"
    case progressiveDisease = "PD"
    /// Not evaluable (recorded, unlike a missing value).
    case notEvaluable = "NE"

    /// Objective response: true for CR or PR, false for SD or PD, nil when not evaluable.
    public var isObjectiveResponse: Bool? {
        switch self {
        case .completeResponse, .partialResponse: return true
        case .stableDisease, .progressiveDisease: return false
        case .notEvaluable: return nil
        }
    }

    /// Accepts CR/PR/SD/PD/NE and the spelled-out forms ("Complete Response", "progressive disease",
    /// "not evaluable"), case-insensitively.
    public init?(clinicalValue raw: some StringProtocol) {
        let v = raw.trimmingSpaces().lowercased().replacingOccurrences(of: "_", with: " ")
        switch v {
        case "cr", "complete response": self = .completeResponse
        case "pr", "partial response": self = .partialResponse
        case "sd", "stable disease": self = .stableDisease
        case "pd", "progressive disease", "progression": self = .progressiveDisease
        case "ne", "not evaluable", "non evaluable": self = .notEvaluable
        default: return nil
        }
    }
}

/// Microsatellite instability status as reported by the source (PCR/IHC or MSIsensor/MANTIS calls).
public enum MSIStatus: String, Sendable, Hashable, Codable, CaseIterable {
    case high = "MSI-H"
    case low = "MSI-L"
    case stable = "MSS"

    /// Accepts MSI-H, MSI-High, MSI, MSI-L, MSI-Low, MSS, Stable, dMMR (→ MSI-H), pMMR (→ MSS),
    /// case-insensitively.
    public init?(clinicalValue raw: some StringProtocol) {
        let v = raw.trimmingSpaces().lowercased().replacingOccurrences(of: "_", with: "-")
        switch v {
        case "msi-h", "msi-high", "msi high", "msi", "instable", "dmmr": self = .high
        case "msi-l", "msi-low", "msi low": self = .low
        case "mss", "stable", "microsatellite stable", "pmmr": self = .stable
        default: return nil
        }
    }
}

/// A time-to-event outcome: follow-up time and whether the event happened (false = censored).
public struct SurvivalTime: Sendable, Hashable, Codable {
    /// Months from the start of therapy (or diagnosis, as the cohort declares) to event or censoring; ≥ 0.
    public var months: Double
    /// True when the event (death, progression) was observed.
    public var event: Bool

    public init(months: Double, event: Bool) {
        self.months = months
        self.event = event
    }
}

/// Sex as stored (lower case).
public enum Sex: String, Sendable, Hashable, Codable, CaseIterable {
    case female, male, other, unknown

    /// Accepts female/male/other/unknown, F/M and their capitalised forms.
    public init?(clinicalValue raw: some StringProtocol) {
        switch raw.trimmingSpaces().lowercased() {
        case "female", "f", "woman": self = .female
        case "male", "m", "man": self = .male
        case "other", "intersex": self = .other
        case "unknown", "u", "not reported": self = .unknown
        default: return nil
        }
    }
}

/// Reading of event-status values.
public enum EventStatus {
    /// Parses cBioPortal `"1:DECEASED"` / `"0:LIVING"` / `"1:Recurred/Progressed"` / `"0:DiseaseFree"`
    /// (the digit before the colon decides), bare `1`/`0`, and words: deceased, dead, died, progressed,
    /// progression, recurred, event, yes, true → event; living, alive, censored, diseasefree,
    /// disease free, no, false → censored. Nil when unrecognised.
    public static func parse(_ raw: some StringProtocol) -> Bool? {
        let v = raw.trimmingSpaces().lowercased()
        if let colon = v.firstIndex(of: ":") {
            switch v[..<colon] {
            case "1": return true
            case "0": return false
            default: return nil
            }
        }
        switch v {
        case "1", "deceased", "dead", "died", "progressed", "progression", "recurred", "recurred/progressed",
             "event", "yes", "true":
            return true
        case "0", "living", "alive", "censored", "diseasefree", "disease free", "no", "false":
            return false
        default:
            return nil
        }
    }
}
