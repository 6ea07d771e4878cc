import Foundation

/// Number and text formatting shared by the patient and cohort reports. Absent values print as
/// "—" so a reader can tell "not measured" from zero.
public enum ReportFormat {
    public static let missing = "—"

    /// A value with `digits` decimals, or "—".
    public static func number(_ value: Double?, digits: Int) -> String {
        guard let value, value.isFinite else { return missing }
        return NiceScale.format(value, fractionDigits: digits)
    }

    /// Densities and counts per mm²: no decimals from 100, one below.
    public static func density(_ value: Double?) -> String {
        guard let value, value.isFinite else { return missing }
        return NiceScale.format(value, fractionDigits: value >= 100 ? 0 : 1)
    }

    /// A probability as a percentage with no decimals ("42 %").
    public static func percent(_ probability: Double?) -> String {
        guard let p = probability, p.isFinite else { return missing }
        return NiceScale.format(p * 100, fractionDigits: 0) + " %"
    }

    /// Text or "—" for nil/empty.
    public static func text(_ value: String?) -> String {
        guard let value, !value.trimmingCharacters(in: .whitespaces).isEmpty else { return missing }
        return value
    }

    /// UTC time as "2026-11-23 10:15 UTC".
    public static func timestamp(_ date: Date) -> String {
        var seconds = time_t(date.timeIntervalSince1970.rounded(.down))
        var parts = tm()
        gmtime_r(&seconds, &parts)
        return String(format: "%04d-%02d-%02d %02d:%02d UTC", Int(parts.tm_year) + 1900, Int(parts.tm_mon) + 1,
                      Int(parts.tm_mday), Int(parts.tm_hour), Int(parts.tm_min))
    }

    /// The first 12 hex digits of a hash (the full hash is in the provenance table).
    public static func shortHash(_ sha: String?) -> String {
        guard let sha, !sha.isEmpty else { return missing }
        return String(sha.prefix(12))
    }
}
