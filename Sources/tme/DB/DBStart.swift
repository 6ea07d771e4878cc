import ArgumentParser
import BiomarkerStore
import Pipeline
import TMECore

struct DBStart: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "start",
        abstract: "Create (first time) and start the embedded PostgreSQL cluster, then apply migrations.")

    @Flag(name: .long, help: "Start the server without applying pending migrations.")
    var noMigrate = false

    func run() async throws {
        let project = try ProjectDirectory.locate()
        if let configured = ConnectionTarget.configured() {
            note("using the configured server (\(configured.description)); nothing to start")
        }
        let connection = try Connection(try Database.target(project: project, log: note))
        if !noMigrate { try Migrator(project: project).migrate(connection, log: note) }
        note("database ready: \(connection.targetDescription)")
    }
}
