import Foundation

/// How reports are made. Stored in the report's provenance (printed in the appendix).
public struct ReportParameters: Sendable, Hashable, Codable {
    /// Longer side of the slide thumbnail, pixels (256…2048; default 768). The thumbnail is read
    /// from the coarsest pyramid level that is at least this large.
    public var thumbnailMaxPixels: Int = 768
    /// Longer side of the heatmap grids drawn over the thumbnail, cells (32…1024; default 384).
    public var heatmapMaxCells: Int = 384
    /// Tiles shown at full resolution per slide (0…6; default 3).
    public var topTileCount: Int = 3
    /// Side of the full-resolution crop from the centre of each shown tile, pixels (64…1024; default 384).
    public var tileCropPixels: Int = 384
    /// Tiles with less tissue than this fraction (0…1; default 0.2) get no density (NaN).
    public var minTissueFraction: Double = 0.2
    /// Detect and mark cells on the shown tiles with TissueAnalysis (default true).
    public var markCells: Bool = true
    /// Key-mutation table rows at most (1…100; default 12, which keeps a two-slide report within 4 pages).
    public var maxMutationRows: Int = 12
    /// Fixed creation date and generation time: byte-identical PDFs for identical inputs.
    public var reproducible: Bool = false
    /// "a4" or "letter".
    public var pageSize: String = "a4"

    public init() {}

    public func validate() throws {
        func check(_ ok: Bool, _ name: String, _ range: String) throws {
            if !ok { throw ReportPipelineError.invalidOption(name: name, reason: "must be in \(range)") }
        }
        try check((256...2048).contains(thumbnailMaxPixels), "thumbnailMaxPixels", "256…2048")
        try check((32...1024).contains(heatmapMaxCells), "heatmapMaxCells", "32…1024")
        try check((0...6).contains(topTileCount), "topTileCount", "0…6")
        try check((64...1024).contains(tileCropPixels), "tileCropPixels", "64…1024")
        try check(minTissueFraction >= 0 && minTissueFraction <= 1, "minTissueFraction", "0…1")
        try check((1...100).contains(maxMutationRows), "maxMutationRows", "1…100")
        try check(["a4", "letter"].contains(pageSize), "pageSize", "a4 or letter")
    }

    /// The parameters as compact JSON with sorted keys (for the provenance appendix).
    public var json: String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return (try? String(decoding: encoder.encode(self), as: UTF8.self)) ?? "{}"
    }
}
