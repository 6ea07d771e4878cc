import Foundation
import TissueAnalysis

/// Streams detected cells into a GeoJSON FeatureCollection that QuPath imports as detections
/// (File › Import objects): one Feature per cell with a Point geometry in level-0 pixels,
/// `properties.objectType = "detection"`, `properties.classification = {name, color}` with the names QuPath
/// shows (Lymphocyte, Macrophage, Tumor, Stroma, Other), `properties.dab_positive` on IHC slides and
/// `properties.measurements` (area µm², perimeter µm, circularity, eccentricity, solidity, optical densities).
///
/// Thread-safe: tiles append from any worker; the file is written in chunks as it grows, so memory is one
/// tile's cells. Call `finish()` to close the collection (an unfinished file is not valid JSON).
public final class CellGeoJSONWriter: @unchecked Sendable {
    public let path: String
    private let handle: FileHandle
    private let lock = NSLock()
    private var first = true
    public private(set) var cellCount = 0

    static let colours: [CellClass: (Int, Int, Int)] = [
        .lymphocyte: (0, 158, 115), .macrophage: (230, 159, 0), .tumor: (213, 94, 0),
        .stroma: (0, 114, 178), .other: (153, 153, 153),
    ]

    public init(path: String) throws {
        self.path = path
        guard FileManager.default.createFile(atPath: path, contents: nil), let h = FileHandle(forWritingAtPath: path) else {
            throw QuantifyError.writeFailed(path: path, reason: "cannot create the file")
        }
        handle = h
        try write(Data(#"{"type":"FeatureCollection","features":["#.utf8))
    }

    /// Appends cells whose `Nucleus.xPixels/yPixels` are analysis-level pixels; `downsample` maps them to level 0.
    /// The text is built outside the lock, so workers format in parallel and only the write is serialised.
    public func append(_ cells: [Cell], downsample: Double) throws {
        guard !cells.isEmpty else { return }
        var text = ""
        text.reserveCapacity(cells.count * 480)
        for (i, c) in cells.enumerated() {
            text += i == 0 ? "\n" : ",\n"
            Self.appendFeature(c, downsample: downsample, to: &text)
        }
        try lock.withLock {
            if !first { text = "," + text }
            first = false
            cellCount += cells.count
            try write(Data(text.utf8))
        }
    }

    /// Closes the collection and the file.
    public func finish() throws {
        try lock.withLock {
            try write(Data("\n]}\n".utf8))
            try handle.close()
        }
    }

    /// Appends one Feature's JSON text to `s`.
    static func appendFeature(_ c: Cell, downsample: Double, to s: inout String) {
        let n = c.nucleus
        let (r, g, b) = colours[c.cellClass] ?? (128, 128, 128)
        func f(_ v: Double, _ digits: Int = 3) { appendDecimal(v, digits: digits, to: &s) }
        s += #"{"type":"Feature","geometry":{"type":"Point","coordinates":["#
        f(n.xPixels * downsample, 2); s += ","; f(n.yPixels * downsample, 2); s += "]},"
        s += #""properties":{"objectType":"detection","classification":{"name":""# + c.cellClass.displayName
        s += #"","color":["# + "\(r),\(g),\(b)]},"
        if let positive = c.dabPositive { s += #""dab_positive":"# + (positive ? "true" : "false") + "," }
        s += #""region":""# + c.region.rawValue + #"","measurements":{"#
        s += #""Nucleus: Area µm^2":"#; f(n.areaSquareMicrons, 2)
        s += #","Nucleus: Perimeter µm":"#; f(n.perimeterMicrons, 2)
        s += #","Nucleus: Circularity":"#; f(n.circularity)
        s += #","Nucleus: Eccentricity":"#; f(n.eccentricity)
        s += #","Nucleus: Solidity":"#; f(n.solidity)
        s += #","Nucleus: Max diameter µm":"#; f(n.majorAxisMicrons, 2)
        s += #","Nucleus: Min diameter µm":"#; f(n.minorAxisMicrons, 2)
        s += #","Nucleus: Hematoxylin OD mean":"#; f(n.hematoxylinMean)
        s += #","Nucleus: Hematoxylin OD std dev":"#; f(n.hematoxylinStd)
        s += #","Cytoplasm: Eosin OD mean":"#; f(n.ringEosinMean)
        s += #","Cytoplasm: Hematoxylin OD mean":"#; f(n.ringHematoxylinMean)
        s += #","Nucleus: DAB OD mean":"#; f(n.nucleusDABMean)
        s += #","Cytoplasm: DAB OD mean":"#; f(n.ringDABMean)
        s += "}}}"
    }

    /// `v` with `digits` decimals, rounded half away from zero (as `%.{digits}f` for these magnitudes, without its
    /// cost: formatting was a fifth of the CPU time of a run with `--cells-out`); "null" when not finite, and
    /// beyond ±1e15 (never a pixel coordinate or a measurement) falls back to `%f`.
    static func appendDecimal(_ v: Double, digits: Int, to s: inout String) {
        guard v.isFinite else { s += "null"; return }
        var scale = 1.0
        for _ in 0..<digits { scale *= 10 }
        let scaled = (abs(v) * scale).rounded()
        guard scaled < 1e15 else { s += String(format: "%.\(digits)f", v); return }
        let units = Int64(scaled), divisor = Int64(scale)
        if v < 0 && units > 0 { s += "-" }
        s += String(units / divisor)
        guard digits > 0 else { return }
        let fraction = String(units % divisor)
        s += "." + String(repeating: "0", count: digits - fraction.count) + fraction
    }

    private func write(_ data: Data) throws {
        do { try handle.write(contentsOf: data) } catch {
            throw QuantifyError.writeFailed(path: path, reason: "\(error)")
        }
    }
}
