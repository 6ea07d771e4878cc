import Foundation

/// Runs poppler-utils and qpdf on rendered PDFs (Debian: poppler-utils, qpdf).
public enum PDFTools {
    public struct Result { public var status: Int32; public var stdout: String; public var stderr: String }

    public static func run(_ tool: String, _ arguments: [String]) throws -> Result {
        let r = try ProcessCapture.run(URL(fileURLWithPath: "/usr/bin/env"), [tool] + arguments)
        return Result(status: r.exitCode, stdout: r.stdout, stderr: r.stderr)
    }

    /// A fresh directory for one test.
    public static func temporaryDirectory(_ name: String) throws -> URL {
        let url = FileManager.default.temporaryDirectory
            .appendingPathComponent("tme-reports-tests-\(name)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// Writes `bytes` to `dir/name` and returns the path.
    public static func write(_ bytes: [UInt8], to dir: URL, name: String) throws -> String {
        let url = dir.appendingPathComponent(name)
        try Data(bytes).write(to: url)
        return url.path
    }

    /// The rows of `pdffonts` as (name, type, embedded) after its two header lines.
    public static func fonts(_ path: String) throws -> [(name: String, embedded: Bool)] {
        let r = try run("pdffonts", [path])
        return r.stdout.split(separator: "\n").dropFirst(2).map { line in
            let cols = line.split(separator: " ", omittingEmptySubsequences: true)
            // name type [type…] encoding emb sub uni object ID: "emb" is the 5th column from the end.
            let emb = cols.count >= 5 ? cols[cols.count - 5] == "yes" : false
            return (String(cols.first ?? ""), emb)
        }
    }

    /// `pdfinfo` fields as a dictionary.
    public static func info(_ path: String) throws -> [String: String] {
        let r = try run("pdfinfo", [path])
        var d: [String: String] = [:]
        for line in r.stdout.split(separator: "\n") {
            guard let colon = line.firstIndex(of: ":") else { continue }
            d[String(line[..<colon])] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        return d
    }

    /// Text of `path` (or of one page) via `pdftotext -layout`.
    public static func text(_ path: String, page: Int? = nil, layout: Bool = true) throws -> String {
        var args: [String] = layout ? ["-layout"] : []
        if let page { args += ["-f", "\(page)", "-l", "\(page)"] }
        return try run("pdftotext", args + [path, "-"]).stdout
    }
}
