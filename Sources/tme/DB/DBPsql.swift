import ArgumentParser
import Pipeline

struct DBPsql: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "psql", abstract: "Open psql on the configured database (extra arguments go to psql).")

    @Argument(parsing: .captureForPassthrough, help: "Arguments passed to psql, e.g. -c 'SELECT 1'.")
    var psqlArguments: [String] = []

    func run() async throws {
        try Workspace.locate().execPSQL(arguments: psqlArguments)
    }
}
