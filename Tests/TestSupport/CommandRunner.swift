import Foundation

/// Runs the built `tme` executable as a user would, capturing stdout, stderr and the exit code.
public struct CommandResult: Sendable {
    public let exitCode: Int32
    public let stdout: String
    public let stderr: String
}

public enum TMECommand {
    /// `.build/debug/tme` of this checkout (`swift test` builds it with the tests).
    public static var executable: URL {
        TestDatabase.project.root.appendingPathComponent(".build/debug/tme")
    }

    /// Runs `tme arguments…` with `environment` added to (and `removing` taken from) ours.
    public static func run(_ arguments: [String], environment: [String: String] = [:],
                           removing: [String] = [], currentDirectory: URL? = nil) throws -> CommandResult {
        var env = ProcessInfo.processInfo.environment
        for key in removing { env.removeValue(forKey: key) }
        env.merge(environment) { $1 }
        return try ProcessCapture.run(executable, arguments, environment: env, currentDirectory: currentDirectory)
    }

    /// Variables that would point `tme` at a configured server instead of the embedded cluster.
    public static let databaseVariables = ["TME_DATABASE_URL", "PGHOST", "PGHOSTADDR", "PGPORT", "PGDATABASE",
                                           "PGUSER", "PGSERVICE", "PGPASSWORD"]
}

/// A scratch checkout (just `sql/`) in a temporary folder, for tests that need their own `.tme/`.
public final class ScratchCheckout: @unchecked Sendable {
    public let root: URL

    public init() throws {
        root = URL(fileURLWithPath: "/tmp").appendingPathComponent("tme-checkout-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        // The server user must be able to traverse it when tests run as root.
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: root.path)
        try FileManager.default.copyItem(at: TestDatabase.project.migrations, to: root.appendingPathComponent("sql"))
    }

    /// Runs `tme` against this checkout's own embedded cluster.
    public func tme(_ arguments: [String]) throws -> CommandResult {
        try TMECommand.run(arguments, environment: ["TME_HOME": root.path], removing: TMECommand.databaseVariables)
    }

    /// Stops the cluster (if any) and removes the folder.
    public func remove() {
        _ = try? tme(["db", "stop"])
        let pointer = root.appendingPathComponent(".tme/cluster-location")
        if let elsewhere = try? String(contentsOf: pointer, encoding: .utf8) {
            try? FileManager.default.removeItem(atPath: elsewhere.trimmingCharacters(in: .whitespacesAndNewlines))
        }
        try? FileManager.default.removeItem(at: root)
    }
}
