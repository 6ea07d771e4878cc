import ArgumentParser
import BiomarkerStore
import Pipeline
import TMECore

struct DBStop: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stop", abstract: "Stop the embedded PostgreSQL cluster (a configured external server is left alone).")

    func run() async throws {
        if let configured = ConnectionTarget.configured() {
            note("TME_DATABASE_URL or PG* point at \(configured.description); tme does not stop external servers")
            return
        }
        try EmbeddedCluster(project: try ProjectDirectory.locate()).stop()
        note("embedded PostgreSQL stopped")
    }
}
