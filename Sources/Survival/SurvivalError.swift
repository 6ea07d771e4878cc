/// Every way a survival computation can refuse its input.
///
/// Messages say what is wrong and what to do; they never contain data values or patient
/// identifiers, only counts, indices and covariate names.
public enum SurvivalError: Error, Sendable, Hashable, CustomStringConvertible {
    /// No observations were given.
    case emptyInput(what: String)
    /// Two arrays that must have one entry per subject differ in length.
    case lengthMismatch(what: String, expected: Int, actual: Int)
    /// A time is negative, NaN or infinite (index of the first offending subject).
    case invalidTime(index: Int)
    /// A covariate, score or weight value is NaN or infinite.
    case nonFiniteValue(what: String, index: Int)
    /// A statistic needs at least one event and there is none.
    case noEvents(what: String)
    /// A covariate has the same value for every subject.
    case constantCovariate(name: String)
    /// A covariate is (numerically) a linear combination of the ones before it.
    case collinearCovariate(name: String)
    /// A covariate does not vary within any risk set at an event time, so the data say nothing about it.
    case uninformativeCovariate(name: String)
    /// The partial likelihood increases without bound along a covariate (monotone likelihood).
    case separation(name: String)
    /// Newton–Raphson did not converge in the allowed iterations.
    case notConverged(iterations: Int)
    /// A parameter is outside its allowed range.
    case invalidParameter(name: String, reason: String)
    /// A group/stratum statistic needs at least two groups.
    case tooFewGroups(found: Int)

    public var description: String {
        switch self {
        case .emptyInput(let what):
            return "\(what): no observations; pass at least one subject"
        case .lengthMismatch(let what, let expected, let actual):
            return "\(what): expected \(expected) values (one per subject), got \(actual)"
        case .invalidTime(let index):
            return "time of subject #\(index) is negative or not finite; times must be finite and ≥ 0"
        case .nonFiniteValue(let what, let index):
            return "\(what) of subject #\(index) is NaN or infinite; remove or impute it first"
        case .noEvents(let what):
            return "\(what): there are no events (all subjects censored); it is undefined without events"
        case .constantCovariate(let name):
            return "covariate '\(name)' is constant across subjects; drop it from the model"
        case .collinearCovariate(let name):
            return "covariate '\(name)' is a linear combination of the covariates before it; drop it or set a ridge penalty > 0"
        case .uninformativeCovariate(let name):
            return "covariate '\(name)' does not vary among the subjects at risk at any event time, so its effect cannot be estimated; drop it or set a ridge penalty > 0"
        case .separation(let name):
            return "covariate '\(name)' separates events perfectly (monotone likelihood, coefficient tends to ±∞); drop it, merge categories or set a ridge penalty > 0"
        case .notConverged(let iterations):
            return "Cox fit did not converge in \(iterations) Newton–Raphson iterations; raise maxIterations or set a ridge penalty > 0"
        case .invalidParameter(let name, let reason):
            return "parameter '\(name)': \(reason)"
        case .tooFewGroups(let found):
            return "found \(found) group(s) with subjects; the test needs at least two"
        }
    }
}
