import Foundation
import TMECore

/// The project-local PostgreSQL cluster used when no server is configured.
///
/// Lives in `.tme/postgres` with its Unix socket in `.tme/run` (TCP is off, so it never competes
/// for a port). When `tme` runs as root the server runs as the unprivileged `postgres` user
/// (PostgreSQL refuses root); if that user cannot traverse the checkout's parent folders, the
/// cluster lives under /var/tmp instead and `.tme/cluster-location` records where.
/// Setup and start are serialised across processes by a lock file, `.tme/db.lock`.
public struct EmbeddedCluster: Sendable {
    public let project: ProjectDirectory
    /// Folder holding `postgres/` (data), `run/` (socket), `log/` and the `initialised` marker.
    public let base: URL
    public let port = 5432
    public static let databaseName = "tme"
    /// OS user the server runs as; nil = the current user.
    let serverUser: String?

    public enum State: Equatable, Sendable {
        case notInitialised
        case stopped
        case running
    }

    public init(project: ProjectDirectory) throws {
        self.project = project
        serverUser = geteuid() == 0 ? (ProcessInfo.processInfo.environment["TME_PG_USER"] ?? "postgres") : nil
        base = try Self.locateBase(project: project, serverUser: serverUser)
    }

    public var dataDirectory: URL { base.appendingPathComponent("postgres", isDirectory: true) }
    public var socketDirectory: URL { base.appendingPathComponent("run", isDirectory: true) }
    public var logFile: URL { base.appendingPathComponent("log/postgres.log") }
    var marker: URL { base.appendingPathComponent("initialised") }

    /// Connection target for a database on this cluster (default: the project database).
    public func target(database: String = EmbeddedCluster.databaseName) -> ConnectionTarget {
        .embedded(socketDirectory: socketDirectory.path, port: port, user: "postgres", database: database)
    }

    // MARK: - State

    public func state() throws -> State {
        guard FileManager.default.fileExists(atPath: marker.path) else { return .notInitialised }
        try checkIntact()
        let outcome = try ProcessRunner.run([try binary("pg_ctl"), "status", "-D", dataDirectory.path], as: serverUser)
        return outcome.exitCode == 0 ? .running : .stopped
    }

    /// Initialises the cluster if needed, starts it if stopped, and creates the project database.
    /// Safe to call from several processes at once.
    public func start(log: (String) -> Void = { _ in }) throws {
        try FileManager.default.createDirectory(at: project.stateDirectory, withIntermediateDirectories: true)
        let lock = try FileLock(project.stateDirectory.appendingPathComponent("db.lock"))
        defer { withExtendedLifetime(lock) {} }
        if !FileManager.default.fileExists(atPath: marker.path) {
            try initialise(log: log)
        }
        if try state() != .running {
            log("starting PostgreSQL (socket \(socketDirectory.path))")
            try startServer()
        }
        try createProjectDatabase()
    }

    /// Stops the server if it runs ("fast" shutdown: open transactions roll back).
    public func stop() throws {
        try FileManager.default.createDirectory(at: project.stateDirectory, withIntermediateDirectories: true)
        let lock = try FileLock(project.stateDirectory.appendingPathComponent("db.lock"))
        defer { withExtendedLifetime(lock) {} }
        guard try state() == .running else { return }
        let outcome = try ProcessRunner.run([try binary("pg_ctl"), "stop", "-D", dataDirectory.path, "-m", "fast", "-w"], as: serverUser)
        guard outcome.exitCode == 0 else {
            throw StoreError.embedded(reason: "pg_ctl stop failed: \(outcome.output.suffixLines(5))",
                                      fix: "See \(logFile.path).")
        }
    }

    /// The last lines of the server log, for `tme db status` and error messages.
    public func logTail(lines: Int = 10) -> String {
        ((try? String(contentsOf: logFile, encoding: .utf8)) ?? "").suffixLines(lines)
    }
}

extension String {
    func suffixLines(_ count: Int) -> String {
        split(separator: "\n", omittingEmptySubsequences: true).suffix(count).joined(separator: "\n")
    }
}
