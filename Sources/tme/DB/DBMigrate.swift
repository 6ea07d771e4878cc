import ArgumentParser
import BiomarkerStore
import Pipeline
import TMECore

struct DBMigrate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "migrate",
        abstract: "Apply pending sql/NNN_*.sql migrations in order, each in its own transaction.")

    func run() async throws {
        let project = try ProjectDirectory.locate()
        let connection = try Connection(try Database.target(project: project, log: note))
        let applied = try Migrator(project: project).migrate(connection, log: note)
        print(applied.isEmpty ? "schema is up to date; nothing applied"
                              : "applied \(applied.count) migration(s): \(applied.map(\.fileName).joined(separator: ", "))")
    }
}
