import BiomarkerStore
import Foundation
import TMECore

/// The checkout a command works in and its database: the one entry point the CLI uses to locate the
/// project and to open, migrate, start and stop the database (the embedded cluster under `.tme/`, or
/// the server `TME_DATABASE_URL` / `PG*` point at).
public struct Workspace: Sendable {
    public let project: ProjectDirectory

    public init(project: ProjectDirectory) { self.project = project }

    /// The version `tme --version` prints and runs record.
    public static var toolVersion: String { TMEVersion.string }

    /// The checkout found from `TME_HOME`, the working directory or the executable (`ProjectDirectory.locate`).
    public static func locate() throws -> Workspace { Workspace(project: try ProjectDirectory.locate()) }

    /// A password-free description of the server `TME_DATABASE_URL` or `PG*` configure; nil when the
    /// embedded cluster applies. Needs no checkout.
    public static var configuredServer: String? { ConnectionTarget.configured()?.description }

    /// A connection to the configured database (starting the embedded cluster if needed), migrated to
    /// the newest schema when `migrate` is true.
    public func openDatabase(migrate: Bool = true, log: (String) -> Void = { _ in }) throws -> Connection {
        try Database.open(project: project, migrate: migrate, log: log)
    }

    /// Starts the database if it is the embedded cluster, applies pending migrations unless `migrate`
    /// is false, and returns where it is.
    public func startDatabase(migrate: Bool = true, log: (String) -> Void = { _ in }) throws -> String {
        try openDatabase(migrate: migrate, log: log).targetDescription
    }

    /// Applies pending migrations; returns the file names applied (empty when up to date).
    public func migrateDatabase(log: (String) -> Void = { _ in }) throws -> [String] {
        try Migrator(project: project).migrate(try openDatabase(migrate: false, log: log), log: log).map(\.fileName)
    }

    /// Stops the embedded cluster if it runs. Call only when `configuredServer` is nil: tme never stops
    /// external servers.
    public func stopEmbeddedDatabase() throws { try EmbeddedCluster(project: project).stop() }

    /// Where the database is, whether it runs, the migrations and table sizes; starts nothing.
    public func databaseStatus() throws -> DatabaseStatus { try DatabaseStatus.read(project: project) }

    /// `sql/schema.sql` as the migrations produce it now (see `SchemaSnapshot`).
    public func schemaSnapshot() throws -> String { try SchemaSnapshot.generate(project: project) }

    /// Replaces this process with `psql` on the configured database. Returns only on failure.
    public func execPSQL(arguments: [String]) throws -> Never {
        try Database.execPSQL(project: project, extraArguments: arguments)
    }

    /// Starts the database if needed and returns a way for worker threads to open their own connections.
    public func connector(log: (String) -> Void = { _ in }) throws -> DatabaseConnector {
        DatabaseConnector(target: try Database.target(project: project, log: log))
    }
}

/// Opens connections to one resolved database, one per worker thread.
public struct DatabaseConnector: Sendable {
    let target: ConnectionTarget

    /// A new connection (no migration).
    public func connect() throws -> Connection { try Connection(target) }
}
