/// Everything that can go wrong while laying out or rendering a report.
///
/// Messages say what is wrong and what to do; they never contain the text being drawn
/// (which may carry patient identifiers).
public enum ReportError: Error, Sendable, Hashable, CustomStringConvertible {
    /// A Cairo call left its context or surface in an error state.
    case cairo(operation: String, status: String)
    /// Pango could not create a layout, context or font description.
    case pango(operation: String)
    /// An RGB buffer whose length does not match `width × height × 3`.
    case invalidImage(width: Int, height: Int, expectedBytes: Int, actualBytes: Int)
    /// Chart input that cannot be drawn (mismatched lengths, NaN, values outside their domain).
    case invalidChartData(chart: String, detail: String)
    /// Layout input that cannot be honoured (a table with no columns, a box too small for one line).
    case invalidLayout(detail: String)
    /// The document has no pages to render.
    case emptyDocument

    public var description: String {
        switch self {
        case .cairo(let operation, let status):
            return "Cairo failed during \(operation): \(status). Check that the output is writable and the inputs are finite."
        case .pango(let operation):
            return "Pango failed during \(operation); is libpango1.0 installed and fontconfig configured?"
        case .invalidImage(let width, let height, let expected, let actual):
            return "RGB image \(width)×\(height) needs \(expected) bytes (width × height × 3) but has \(actual)."
        case .invalidChartData(let chart, let detail):
            return "\(chart) chart: \(detail)."
        case .invalidLayout(let detail):
            return "Report layout: \(detail)."
        case .emptyDocument:
            return "The report has no pages; add content before rendering."
        }
    }
}
