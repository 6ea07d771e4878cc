/// Quoting for identifiers that come from the catalog (never from users), e.g. table names
/// listed from pg_class for status output.
public enum SQLIdentifier {
    public static func quote(_ identifier: String) -> String {
        "\"" + identifier.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
