/// Errors reading genomics input files (before any parsing): the file cannot be opened, or its
/// gzip stream is damaged. Parsing errors are `Genomics.GenomicsError`.
public enum GenomicsInputError: Error, Sendable, Hashable, CustomStringConvertible {
    case cannotOpen(path: String, reason: String)
    case readFailed(path: String, reason: String)

    public var description: String {
        switch self {
        case .cannotOpen(let path, let reason):
            return "\(path): cannot open (\(reason)); check the path and permissions"
        case .readFailed(let path, let reason):
            return "\(path): read failed (\(reason)); the file may be truncated or not valid gzip"
        }
    }
}
