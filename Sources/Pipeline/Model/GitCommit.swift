import Foundation

/// The checked-out commit, read from `.git` (HEAD → ref → packed-refs) without running git, so a model's
/// config.json and `tme.model_runs` say which code trained it.
///
/// `.git` is a directory in a clone and a file `gitdir: PATH` in a linked worktree (`git worktree add`); a
/// worktree keeps its own HEAD there, while branch refs live in the common directory named by its `commondir`.
public enum GitCommit {
    /// The 40-hex commit of the repository containing `directory` (searching upwards), or nil.
    public static func current(from directory: String = FileManager.default.currentDirectoryPath) -> String? {
        var url = URL(fileURLWithPath: directory).standardizedFileURL
        for _ in 0..<32 {
            if let gitDirectory = gitDirectory(at: url.appendingPathComponent(".git").path) {
                return commit(gitDirectory: gitDirectory)
            }
            let parent = url.deletingLastPathComponent()
            if parent.path == url.path { break }
            url = parent
        }
        return nil
    }

    /// The git directory that `.git` at `path` stands for, or nil if there is none.
    static func gitDirectory(at path: String) -> String? {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else { return nil }
        if isDirectory.boolValue { return path }
        guard let text = try? String(contentsOfFile: path, encoding: .utf8),
              let line = text.split(separator: "\n").first, line.hasPrefix("gitdir: ") else { return nil }
        let target = line.dropFirst(8).trimmingCharacters(in: .whitespaces)
        return target.hasPrefix("/") ? target : URL(fileURLWithPath: path).deletingLastPathComponent().appendingPathComponent(target).path
    }

    static func commit(gitDirectory git: String) -> String? {
        guard let head = try? String(contentsOfFile: git + "/HEAD", encoding: .utf8) else { return nil }
        let h = head.trimmingCharacters(in: .whitespacesAndNewlines)
        guard h.hasPrefix("ref: ") else { return h.isEmpty ? nil : h }
        let ref = String(h.dropFirst(5))
        var directories = [git]
        if let common = try? String(contentsOfFile: git + "/commondir", encoding: .utf8) {
            let c = common.trimmingCharacters(in: .whitespacesAndNewlines)
            directories.append(c.hasPrefix("/") ? c : URL(fileURLWithPath: git).appendingPathComponent(c).standardizedFileURL.path)
        }
        for directory in directories {
            if let sha = try? String(contentsOfFile: directory + "/" + ref, encoding: .utf8) {
                return sha.trimmingCharacters(in: .whitespacesAndNewlines)
            }
            let packed = (try? String(contentsOfFile: directory + "/packed-refs", encoding: .utf8)) ?? ""
            for line in packed.split(separator: "\n") where line.hasSuffix(" " + ref) {
                return String(line.prefix(40))
            }
        }
        return nil
    }
}
