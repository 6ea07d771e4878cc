import Foundation
import Genomics
import Tabular

/// One row of a TMEScope cohort's `slides.tsv`.
public struct SlideManifestRow: Sendable, Hashable, Codable {
    public var slideId: String
    public var patientId: String
    public var sampleId: String?
    /// H&E, PD-L1, CD8 or CD68.
    public var stain: String
    /// Path relative to the cohort folder, as written in the manifest.
    public var path: String
    public var widthPx: Int?
    public var heightPx: Int?
    /// Level-0 resolution, micrometres per pixel.
    public var micronsPerPixel: Double?
    public var sourceLine: Int
}

/// Parser of `slides.tsv`: columns slide_id, patient_id, stain, path (required), sample_id, width_px,
/// height_px, mpp (optional); other columns ignored; `#` lines skipped; slide ids unique per patient.
/// Records come from a `DelimitedReader` with ``format``.
public struct SlideManifestParser: Sendable {
    public static let format = DelimitedFormat.tsv
    public let source: String
    private var header: TableHeader?
    private var seen: [String: Int] = [:]
    static let stains: Set<String> = ["H&E", "PD-L1", "CD8", "CD68"]

    public init(source: String) { self.source = source }

    public mutating func parse(record fields: DelimitedRecord) throws -> SlideManifestRow? {
        let loc = SourceLocation(fields)
        let number = loc.line
        guard let header else {
            header = try TableHeader(fields)
            for name in ["slide_id", "patient_id", "stain", "path"] {
                _ = try header!.require(name, at: loc, requiredBy: "a slide manifest")
            }
            return nil
        }
        func value(_ name: String) -> String? {
            guard let i = header.index(of: name) else { return nil }
            return fields[i].value
        }
        func required(_ name: String) throws -> String {
            guard let v = value(name) else { throw GenomicsError.emptyValue(loc, column: name) }
            return v
        }
        func positive<T: LosslessStringConvertible & Comparable & Numeric>(_ name: String, _ type: T.Type) throws -> T? {
            guard let v = value(name) else { return nil }
            guard let x = T(v), x > 0 else {
                throw IngestError.invalidSlideValue(file: source, line: number, column: name, value: v, expected: "a positive number")
            }
            return x
        }
        let stain = try required("stain")
        guard Self.stains.contains(stain) else {
            throw IngestError.invalidSlideValue(file: source, line: number, column: "stain", value: stain,
                                                expected: "a stain (H&E, PD-L1, CD8, CD68)")
        }
        let row = SlideManifestRow(slideId: try required("slide_id"), patientId: try required("patient_id"),
                                   sampleId: value("sample_id"), stain: stain, path: try required("path"),
                                   widthPx: try positive("width_px", Int.self), heightPx: try positive("height_px", Int.self),
                                   micronsPerPixel: try positive("mpp", Double.self), sourceLine: number)
        let key = row.patientId + "\u{1F}" + row.slideId
        if let first = seen[key] { throw GenomicsError.duplicateKey(loc, column: "slide_id of a patient", firstLine: first) }
        seen[key] = number
        return row
    }

    public func finish() throws {
        if header == nil { throw GenomicsError.missingHeader(source: source) }
    }
}
