import Foundation
import TMECore

extension EmbeddedCluster {
    // MARK: - Where the cluster lives

    static func locateBase(project: ProjectDirectory, serverUser: String?) throws -> URL {
        let state = project.stateDirectory
        let pointer = state.appendingPathComponent("cluster-location")
        if let recorded = try? String(contentsOf: pointer, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines),
           !recorded.isEmpty {
            return URL(fileURLWithPath: recorded, isDirectory: true)
        }
        let socketPath = state.appendingPathComponent("run/.s.PGSQL.5432").path
        let reachable = serverUser == nil || traversableByOthers(state.deletingLastPathComponent())
        if reachable && socketPath.utf8.count < 100 { return state }
        // The server user cannot reach the checkout (or the socket path is too long for
        // sun_path): keep the cluster in a per-checkout folder under /var/tmp and record it.
        let key = SHA256.hex(Array(project.root.path.utf8)).prefix(12)
        let fallback = URL(fileURLWithPath: "/var/tmp/tmescope-\(key)", isDirectory: true)
        try FileManager.default.createDirectory(at: state, withIntermediateDirectories: true)
        try fallback.path.write(to: pointer, atomically: true, encoding: .utf8)
        return fallback
    }

    /// True when every folder from `/` down to `url` has the others-execute bit.
    static func traversableByOthers(_ url: URL) -> Bool {
        var path = url.standardizedFileURL.path
        while true {
            var info = stat()
            guard stat(path, &info) == 0, info.st_mode & S_IXOTH != 0 else { return false }
            if path == "/" { return true }
            path = (path as NSString).deletingLastPathComponent
        }
    }

    // MARK: - initdb

    func initialise(log: (String) -> Void) throws {
        let manager = FileManager.default
        if manager.fileExists(atPath: dataDirectory.path) {
            // No marker: an earlier initdb never finished, and the server never ran on it.
            log("removing an incomplete cluster left by an interrupted setup at \(dataDirectory.path)")
            try manager.removeItem(at: dataDirectory)
        }
        log("creating the embedded PostgreSQL cluster in \(dataDirectory.path)")
        for folder in [base, dataDirectory, socketDirectory, logFile.deletingLastPathComponent()] {
            try manager.createDirectory(at: folder, withIntermediateDirectories: true)
        }
        try manager.setAttributes([.posixPermissions: 0o755], ofItemAtPath: base.path)
        try manager.setAttributes([.posixPermissions: 0o700], ofItemAtPath: dataDirectory.path)
        if let serverUser { try handOver([dataDirectory, socketDirectory, logFile.deletingLastPathComponent()], to: serverUser) }
        let initdb = try ProcessRunner.run([try binary("initdb"), "-D", dataDirectory.path, "-A", "trust", "-U", "postgres",
                                            "-E", "UTF8", "--locale=C"], as: serverUser)
        guard initdb.exitCode == 0 else {
            throw StoreError.embedded(reason: "initdb failed: \(initdb.output.suffixLines(6))",
                                      fix: "Remove \(dataDirectory.path) and run `tme db start` again.")
        }
        let settings = """

            # TMEScope embedded cluster: Unix socket only, sized for one workstation.
            listen_addresses = ''
            unix_socket_directories = '\(socketDirectory.path)'
            port = \(port)
            synchronous_commit = off
            max_connections = 100
            shared_buffers = 256MB
            max_wal_size = 2GB

            """
        let config = dataDirectory.appendingPathComponent("postgresql.conf")
        let handle = try FileHandle(forWritingTo: config)
        try handle.seekToEnd()
        try handle.write(contentsOf: Data(settings.utf8))
        try handle.close()
        try (try serverVersion()).write(to: marker, atomically: true, encoding: .utf8)
    }

    private func handOver(_ folders: [URL], to user: String) throws {
        guard let account = getpwnam(user) else {
            throw StoreError.embedded(reason: "running as root, but there is no unprivileged user \"\(user)\" to run the server as",
                                      fix: "Install the postgresql package (it creates the postgres user) or set TME_PG_USER to another user.")
        }
        for folder in folders where chown(folder.path, account.pointee.pw_uid, account.pointee.pw_gid) != 0 {
            throw StoreError.embedded(reason: "cannot give \(folder.path) to \(user): \(String(cString: strerror(errno)))",
                                      fix: "Check the permissions of the checkout.")
        }
    }

    // MARK: - Start and checks

    func startServer() throws {
        let outcome = try ProcessRunner.run([try binary("pg_ctl"), "start", "-D", dataDirectory.path, "-l", logFile.path,
                                             "-w", "-t", "60"], as: serverUser)
        guard outcome.exitCode == 0 else {
            throw StoreError.embedded(reason: "the server did not start. Its log ends with:\n\(logTail(lines: 8))",
                                      fix: "Fix the cause above (disk full, a stale process on \(socketDirectory.path)), then run `tme db start` again.")
        }
    }

    func createProjectDatabase() throws {
        let maintenance = try Connection(target(database: "postgres"))
        let exists = try maintenance.query("SELECT 1 FROM pg_database WHERE datname = $1", [Self.databaseName])
        guard exists.isEmpty else { return }
        do {
            try maintenance.execute("CREATE DATABASE tme")
        } catch let error as StoreError where error.sqlstate == "42P04" || error.sqlstate == "23505" {
            // Another process created it first.
        }
    }

    /// A marker without a usable data folder: someone removed files by hand.
    func checkIntact() throws {
        let version = dataDirectory.appendingPathComponent("PG_VERSION")
        guard let found = try? String(contentsOf: version, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines) else {
            throw StoreError.embedded(reason: "the cluster at \(dataDirectory.path) is half-initialised (PG_VERSION is missing)",
                                      fix: "Its data cannot be used: remove \(base.path)/postgres and \(marker.path), then run `tme db start` to create a new one.")
        }
        let expected = try serverVersion()
        if found != expected {
            throw StoreError.embedded(reason: "the cluster at \(dataDirectory.path) was made by PostgreSQL \(found), but the installed server is \(expected)",
                                      fix: "Install postgresql-\(found), or dump and remove the old cluster.")
        }
    }

    /// Major version of the installed server binaries ("15").
    func serverVersion() throws -> String {
        let outcome = try ProcessRunner.run([try binary("postgres"), "--version"])
        guard outcome.exitCode == 0, let number = outcome.output.split(separator: " ").last?.split(separator: ".").first else {
            throw StoreError.embedded(reason: "`postgres --version` failed", fix: "Reinstall the postgresql package.")
        }
        return String(number).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Path of a server binary: `TME_PG_BINDIR`, Debian's /usr/lib/postgresql/<newest>/bin, or PATH.
    func binary(_ name: String) throws -> String { try Self.binary(name) }

    /// Path of a PostgreSQL program (server or client): `TME_PG_BINDIR`, Debian's newest
    /// /usr/lib/postgresql/<version>/bin, or PATH.
    static func binary(_ name: String) throws -> String {
        let manager = FileManager.default
        if let directory = ProcessInfo.processInfo.environment["TME_PG_BINDIR"] {
            return (directory as NSString).appendingPathComponent(name)
        }
        let debian = "/usr/lib/postgresql"
        let versions = ((try? manager.contentsOfDirectory(atPath: debian)) ?? []).compactMap(Int.init).sorted(by: >)
        for version in versions {
            let candidate = "\(debian)/\(version)/bin/\(name)"
            if manager.isExecutableFile(atPath: candidate) { return candidate }
        }
        for directory in (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":") {
            let candidate = "\(directory)/\(name)"
            if manager.isExecutableFile(atPath: candidate) { return candidate }
        }
        throw StoreError.embedded(reason: "the PostgreSQL server program \(name) is not installed",
                                  fix: "Install it with `apt-get install postgresql` (scripts/demo does this), set TME_PG_BINDIR, or point TME_DATABASE_URL at an existing server.")
    }
}
