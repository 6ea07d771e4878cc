import ArgumentParser
import Pipeline

struct DBStop: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stop", abstract: "Stop the embedded PostgreSQL cluster (a configured external server is left alone).")

    func run() async throws {
        if let configured = Workspace.configuredServer {
            note("TME_DATABASE_URL or PG* point at \(configured); tme does not stop external servers")
            return
        }
        try Workspace.locate().stopEmbeddedDatabase()
        note("embedded PostgreSQL stopped")
    }
}
