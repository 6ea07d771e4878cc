import Foundation
import Pipeline
import Testing

/// `GitCommit.current` on hand-made repository layouts: a clone (`.git` directory, loose and packed refs,
/// detached HEAD) and a linked worktree (`.git` file pointing at its own HEAD, refs in the common directory).
@Suite struct GitCommitTests {
    static let a = String(repeating: "a", count: 40), b = String(repeating: "b", count: 40), c = String(repeating: "c", count: 40)

    func layout(_ body: (URL) throws -> Void) throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("gitcommit-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        try body(root)
    }

    func write(_ text: String, _ url: URL) throws {
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try text.write(to: url, atomically: true, encoding: .utf8)
    }

    @Test func cloneWithLooseAndPackedRefsAndDetachedHead() throws {
        try layout { root in
            let git = root.appendingPathComponent("repo/.git")
            try write("ref: refs/heads/main\n", git.appendingPathComponent("HEAD"))
            try write(Self.a + "\n", git.appendingPathComponent("refs/heads/main"))
            let nested = root.appendingPathComponent("repo/Sources/x")
            try FileManager.default.createDirectory(at: nested, withIntermediateDirectories: true)
            #expect(GitCommit.current(from: nested.path) == Self.a)
            try FileManager.default.removeItem(at: git.appendingPathComponent("refs/heads/main"))
            try write("# pack-refs with: peeled\n\(Self.b) refs/heads/main\n", git.appendingPathComponent("packed-refs"))
            #expect(GitCommit.current(from: nested.path) == Self.b)
            try write(Self.c + "\n", git.appendingPathComponent("HEAD"))
            #expect(GitCommit.current(from: nested.path) == Self.c)
        }
    }

    @Test func linkedWorktreeReadsItsHeadAndTheCommonRefs() throws {
        try layout { root in
            let common = root.appendingPathComponent("main/.git")
            let worktreeGit = common.appendingPathComponent("worktrees/feature")
            try write("ref: refs/heads/feature\n", worktreeGit.appendingPathComponent("HEAD"))
            try write("../..\n", worktreeGit.appendingPathComponent("commondir"))
            try write(Self.a + "\n", common.appendingPathComponent("refs/heads/feature"))
            try write("gitdir: \(worktreeGit.path)\n", root.appendingPathComponent("feature/.git"))
            #expect(GitCommit.current(from: root.appendingPathComponent("feature").path) == Self.a)
            #expect(GitCommit.current(from: root.path) == nil)
        }
    }
}
