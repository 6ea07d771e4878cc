import ArgumentParser
import Pipeline

struct DBStatus: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status", abstract: "Show where the database is, whether it runs, the migrations and table sizes.")

    func run() async throws {
        print(try Workspace.locate().databaseStatus().rendered)
    }
}
