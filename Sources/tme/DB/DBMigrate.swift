import ArgumentParser
import Pipeline

struct DBMigrate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "migrate",
        abstract: "Apply pending sql/NNN_*.sql migrations in order, each in its own transaction.")

    func run() async throws {
        let applied = try Workspace.locate().migrateDatabase(log: note)
        print(applied.isEmpty ? "schema is up to date; nothing applied"
                              : "applied \(applied.count) migration(s): \(applied.joined(separator: ", "))")
    }
}
