import Foundation
import TMECore

/// A throwaway database on the configured server, for tests and benchmarks: created empty (or
/// migrated), dropped with `drop()`. Never touches the user's `tme` database.
public final class TemporaryDatabase: @unchecked Sendable {
    public let name: String
    public let target: ConnectionTarget
    private let maintenance: Connection
    private var dropped = false

    /// Creates `<prefix>_<pid>_<random>` on the configured server (starting the embedded cluster
    /// if that is the target) and, when `migrate` is true, applies the project's migrations.
    public init(prefix: String = "tme_test", project: ProjectDirectory? = nil, migrate: Bool = true) throws {
        let project = try project ?? ProjectDirectory.locate()
        let base = try Database.target(project: project)
        maintenance = base.isEmbedded ? try Connection(base, database: "postgres") : try Connection(base)
        let suffix = UUID().uuidString.prefix(8).lowercased()
        name = "\(prefix)_\(getpid())_\(suffix)"
        // The name is made here from a fixed prefix, the pid and hex digits: safe to splice.
        try maintenance.execute("CREATE DATABASE \(SQLIdentifier.quote(name))")
        target = base
        if migrate { try Migrator(project: project).migrate(try connect()) }
    }

    /// A new connection to the temporary database.
    public func connect() throws -> Connection { try Connection(target, database: name) }

    /// Drops the database, closing any connection still open to it.
    public func drop() throws {
        guard !dropped else { return }
        try maintenance.execute("DROP DATABASE IF EXISTS \(SQLIdentifier.quote(name)) WITH (FORCE)")
        dropped = true
    }

    deinit { if !dropped { _ = try? drop() } }
}
