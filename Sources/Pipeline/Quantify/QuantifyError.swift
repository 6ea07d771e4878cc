/// Errors of slide quantification. Cases name the slide file, the level and the tile (level pixels), so a
/// corrupt tile can be found; patient identifiers and pixel values never appear.
public enum QuantifyError: Error, Sendable, Hashable, CustomStringConvertible {
    case invalidParameter(name: String, value: String, expected: String)
    /// The slide has no pixel size and none was given.
    case unknownPixelSize(slide: String)
    /// Opening the slide or computing its tissue mask failed.
    case slideUnreadable(slide: String, reason: String)
    /// The per-slide stain vectors could not be estimated (too little stained tissue, or parallel stains).
    case stainEstimationFailed(slide: String, reason: String)
    /// Reading or analysing one tile failed.
    case tileFailed(slide: String, level: Int, x: Int, y: Int, width: Int, height: Int, reason: String)
    /// A cohort name that is not in the database.
    case unknownCohort(name: String)
    /// Writing an output file failed.
    case writeFailed(path: String, reason: String)
    /// A truth file of the simulator is malformed (validation only).
    case invalidTruth(file: String, line: Int, expected: String)

    public var description: String {
        switch self {
        case .invalidParameter(let name, let value, let expected):
            "quantify parameter \(name) = \(value) is out of range; expected \(expected)"
        case .unknownPixelSize(let slide):
            "\(slide): the slide records no pixel size; give it with --mpp (µm per level-0 pixel, 0.25 at 40×, 0.5 at 20×)"
        case .slideUnreadable(let slide, let reason):
            "\(slide): cannot be quantified: \(reason)"
        case .stainEstimationFailed(let slide, let reason):
            "\(slide): per-slide stain vectors (Macenko) could not be estimated: \(reason); quantify it with the standard vectors"
        case .tileFailed(let slide, let level, let x, let y, let w, let h, let reason):
            "\(slide): level \(level), tile at x=\(x) y=\(y) (\(w)×\(h) px): \(reason)"
        case .unknownCohort(let name):
            "no cohort named \(name) in the database; ingest it first (tme ingest DIR --cohort \(name))"
        case .writeFailed(let path, let reason):
            "cannot write \(path): \(reason)"
        case .invalidTruth(let file, let line, let expected):
            "\(file):\(line): expected \(expected)"
        }
    }
}
