import ArgumentParser
import Foundation
import Pipeline

struct DBSchema: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "schema",
        abstract: "Print the schema the migrations produce (pg_dump of a throwaway migrated database, normalised).",
        discussion: "Regenerate the committed snapshot after adding or changing a migration: tme db schema --out sql/schema.sql")

    @Option(name: .long, help: "Write the snapshot to this file instead of standard output (e.g. sql/schema.sql).")
    var out: String?

    func run() async throws {
        let snapshot = try Workspace.locate().schemaSnapshot()
        guard let out else {
            print(snapshot, terminator: "")
            return
        }
        try snapshot.write(to: URL(fileURLWithPath: out), atomically: true, encoding: .utf8)
        note("wrote \(out)")
    }
}
