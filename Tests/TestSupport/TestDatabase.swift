import BiomarkerStore
import Foundation
import TMECore

/// Test access to the real PostgreSQL server: every call gets its own freshly migrated database,
/// dropped afterwards, so tests run in parallel and never touch a user's data.
public enum TestDatabase {
    /// The checkout this test binary was built from (found from this source file's location).
    public static let project = ProjectDirectory(
        root: URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent())

    /// Runs `body` with a connection to a new migrated (or empty) database; drops it afterwards.
    public static func with<T>(migrate: Bool = true, _ body: (Connection, TemporaryDatabase) throws -> T) throws -> T {
        let database = try TemporaryDatabase(prefix: "tme_test", project: project, migrate: migrate)
        defer { try? database.drop() }
        let connection = try database.connect()
        return try body(connection, database)
    }
}
