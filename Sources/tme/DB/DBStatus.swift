import ArgumentParser
import Pipeline
import TMECore

struct DBStatus: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status", abstract: "Show where the database is, whether it runs, the migrations and table sizes.")

    func run() async throws {
        print(try DatabaseStatus.read(project: try ProjectDirectory.locate()).rendered)
    }
}
