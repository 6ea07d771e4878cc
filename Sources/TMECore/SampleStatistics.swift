/// Small descriptive statistics shared by the pipeline, validation and benchmarks.
public enum SampleStatistics {
    /// The median of values (mean of the two middle ones for an even count); nan when empty.
    public static func median(_ values: [Double]) -> Double {
        let s = values.sorted()
        guard !s.isEmpty else { return .nan }
        return s.count % 2 == 1 ? s[s.count / 2] : (s[s.count / 2 - 1] + s[s.count / 2]) / 2
    }
}
