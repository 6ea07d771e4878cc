import BiomarkerStore
import Foundation

/// A table shaped like `tme.tiles` (same columns, types and key, no foreign key) and a
/// deterministic row generator, so both loaders in `db-copy` store identical rows.
enum TilesShape {
    static let columns = [
        "slide_pk", "level", "x_px", "y_px", "width_px", "height_px", "tissue_fraction", "region",
        "lymphocyte_count", "macrophage_count", "tumor_cell_count", "stroma_cell_count", "other_cell_count",
        "mean_nucleus_area_um2", "mean_hematoxylin_od",
    ]

    static let createTable = """
        CREATE TABLE bench_tiles (
            slide_pk bigint NOT NULL, level integer NOT NULL, x_px integer NOT NULL, y_px integer NOT NULL,
            width_px integer NOT NULL, height_px integer NOT NULL, tissue_fraction double precision NOT NULL,
            region text NOT NULL, lymphocyte_count integer NOT NULL, macrophage_count integer NOT NULL,
            tumor_cell_count integer NOT NULL, stroma_cell_count integer NOT NULL, other_cell_count integer NOT NULL,
            mean_nucleus_area_um2 double precision, mean_hematoxylin_od double precision,
            PRIMARY KEY (slide_pk, level, x_px, y_px))
        """

    struct TileRow {
        let slide: Int, x: Int, y: Int, tissue: Double, region: String
        let lymphocytes: Int, macrophages: Int, tumor: Int, stroma: Int, other: Int
        let area: Double, od: Double
    }

    /// Row `i`: 160×160 tiles of 512 px per slide, counts from a fixed hash.
    static func row(_ i: Int) -> TileRow {
        let perSlide = 160 * 160
        let slide = i / perSlide + 1, cell = i % perSlide
        var hash = UInt64(truncatingIfNeeded: i) &* 0x9E37_79B9_7F4A_7C15
        hash ^= hash >> 29
        let regions = ["tumor", "stroma", "mixed", "background"]
        return TileRow(slide: slide, x: (cell % 160) * 512, y: (cell / 160) * 512,
                       tissue: Double(hash % 1000) / 1000, region: regions[Int(hash % 4)],
                       lymphocytes: Int(hash % 97), macrophages: Int(hash % 13), tumor: Int(hash % 211),
                       stroma: Int(hash % 41), other: Int(hash % 7),
                       area: 20 + Double(hash % 600) / 10, od: Double(hash % 900) / 1000)
    }

    static func copy(rows: Int, into connection: Connection) throws {
        try connection.copy(into: "bench_tiles", columns: columns) { writer in
            for i in 0..<rows {
                let r = row(i)
                writer.append(r.slide); writer.append(0); writer.append(r.x); writer.append(r.y)
                writer.append(512); writer.append(512); writer.append(r.tissue); writer.append(r.region)
                writer.append(r.lymphocytes); writer.append(r.macrophages); writer.append(r.tumor)
                writer.append(r.stroma); writer.append(r.other); writer.append(r.area); writer.append(r.od)
                try writer.endRow()
            }
        }
    }

    static func writeCSV(rows: Int, to url: URL) throws {
        _ = FileManager.default.createFile(atPath: url.path, contents: nil)
        let handle = try FileHandle(forWritingTo: url)
        defer { try? handle.close() }
        var chunk = ""
        for i in 0..<rows {
            let r = row(i)
            chunk += "\(r.slide),0,\(r.x),\(r.y),512,512,\(r.tissue),\(r.region),\(r.lymphocytes),\(r.macrophages),\(r.tumor),\(r.stroma),\(r.other),\(r.area),\(r.od)\n"
            if chunk.utf8.count > 1 << 20 { try handle.write(contentsOf: Data(chunk.utf8)); chunk = "" }
        }
        try handle.write(contentsOf: Data(chunk.utf8))
    }
}
