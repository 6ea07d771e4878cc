import Foundation
import TMECore

/// Opens "the configured database": `TME_DATABASE_URL`, else the libpq `PG*` variables, else the
/// embedded cluster under `.tme/` (initialised and started on demand).
public enum Database {
    /// Where `open` will connect; starts the embedded cluster when it is the target and `start` is true.
    public static func target(project: ProjectDirectory? = nil, start: Bool = true,
                              log: (String) -> Void = { _ in }) throws -> ConnectionTarget {
        if let configured = ConnectionTarget.configured() { return configured }
        let cluster = try EmbeddedCluster(project: project ?? ProjectDirectory.locate())
        if start { try cluster.start(log: log) }
        return cluster.target()
    }

    /// A connection to the configured database, migrated to the newest schema when `migrate` is true.
    public static func open(project: ProjectDirectory? = nil, migrate: Bool = true,
                            log: (String) -> Void = { _ in }) throws -> Connection {
        let project = try project ?? ProjectDirectory.locate()
        let connection = try Connection(try target(project: project, log: log))
        if migrate { try Migrator(project: project).migrate(connection, log: log) }
        return connection
    }
}

extension Database {
    /// Replaces this process with `psql` on the configured database. Returns only on failure.
    public static func execPSQL(project: ProjectDirectory? = nil, extraArguments: [String] = []) throws -> Never {
        let target = try target(project: project)
        let code = ProcessRunner.exec(["psql"] + target.psqlArguments + extraArguments)
        throw StoreError.embedded(reason: "could not start psql: \(String(cString: strerror(code)))",
                                  fix: "Install the PostgreSQL client (apt-get install postgresql-client).")
    }
}
