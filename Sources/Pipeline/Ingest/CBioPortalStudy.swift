import Foundation
import Genomics

/// The data files of a cBioPortal study folder, found through its `meta_*.txt` files
/// (`genetic_alteration_type`, `datatype`, `data_filename`), as the cBioPortal importer does.
struct CBioPortalStudy {
    var patientFile: URL?
    var sampleFile: URL?
    var mutationFile: URL?
    var expressionFile: URL?
    var cnvFile: (url: URL, kind: GeneMatrixKind)?
    /// The case list of sequenced samples (`case_lists/*` with `stable_id: <study>_sequenced`).
    var sequencedCaseList: URL?

    init(root: URL) throws {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: root.path)) ?? []
        for name in names.sorted() where name.hasPrefix("meta_") && name.hasSuffix(".txt") && name != "meta_study.txt" {
            let meta = try Self.readMeta(root.appendingPathComponent(name))
            guard let file = meta["data_filename"] else { continue }
            let url = root.appendingPathComponent(file)
            guard FileManager.default.fileExists(atPath: url.path) else {
                throw IngestError.missingFile(folder: root.path, file: "\(file) (named by \(name))")
            }
            let type = meta["genetic_alteration_type"]?.uppercased() ?? "", datatype = meta["datatype"]?.uppercased() ?? ""
            switch (type, datatype) {
            case ("CLINICAL", "PATIENT_ATTRIBUTES"): patientFile = url
            case ("CLINICAL", "SAMPLE_ATTRIBUTES"): sampleFile = url
            case ("MUTATION_EXTENDED", _): mutationFile = url
            case ("COPY_NUMBER_ALTERATION", "DISCRETE"): cnvFile = cnvFile ?? (url, .copyNumberCalls)
            case ("COPY_NUMBER_ALTERATION", "LOG2-VALUE"), ("COPY_NUMBER_ALTERATION", "CONTINUOUS"):
                if cnvFile == nil { cnvFile = (url, .copyNumberLog2) }
            case ("MRNA_EXPRESSION", "CONTINUOUS"): expressionFile = expressionFile ?? url
            default: continue   // z-scores, methylation, fusions…: not loaded
            }
        }
        let lists = root.appendingPathComponent("case_lists")
        for name in ((try? FileManager.default.contentsOfDirectory(atPath: lists.path)) ?? []).sorted() {
            let url = lists.appendingPathComponent(name)
            if (try? Self.readMeta(url))?["stable_id"]?.hasSuffix("_sequenced") == true { sequencedCaseList = url; break }
        }
    }

    /// The sample ids of a case list (`case_list_ids:` separated by tabs or spaces) and the line they are on.
    static func readCaseList(_ url: URL) throws -> (ids: [String], line: Int) {
        let text = try String(contentsOf: url, encoding: .utf8)
        for (i, line) in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).enumerated()
        where line.hasPrefix("case_list_ids:") {
            return (line.dropFirst("case_list_ids:".count).split(whereSeparator: { $0 == "\t" || $0 == " " }).map(String.init), i + 1)
        }
        return ([], 1)
    }

    /// `key: value` lines of a meta file.
    static func readMeta(_ url: URL) throws -> [String: String] {
        let text = try String(contentsOf: url, encoding: .utf8)
        var result: [String: String] = [:]
        for line in text.split(whereSeparator: \.isNewline) {
            guard let colon = line.firstIndex(of: ":") else { continue }
            result[line[..<colon].trimmingCharacters(in: .whitespaces)] =
                line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        return result
    }
}
