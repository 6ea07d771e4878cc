import ArgumentParser
import Pipeline

struct DBStart: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "start",
        abstract: "Create (first time) and start the embedded PostgreSQL cluster, then apply migrations.")

    @Flag(name: .long, help: "Start the server without applying pending migrations.")
    var noMigrate = false

    func run() async throws {
        let workspace = try Workspace.locate()
        if let configured = Workspace.configuredServer {
            note("using the configured server (\(configured)); nothing to start")
        }
        let ready = try workspace.startDatabase(migrate: !noMigrate, log: note)
        note("database ready: \(ready)")
    }
}
