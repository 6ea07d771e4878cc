import CProcess
import Foundation

/// Runs a helper program (initdb, pg_ctl) to completion with its output captured in a file.
///
/// Uses `posix_spawn` with every inherited descriptor closed rather than Foundation's `Process`:
/// `pg_ctl start` leaves the server running with our descriptors, and `Process` would then wait
/// until the server stops (see shared/NOTES.md).
struct ProcessRunner {
    struct Outcome {
        let exitCode: Int32
        let output: String
    }

    /// Runs `arguments[0]` (searched in PATH when not absolute), optionally as `user` via runuser.
    static func run(_ arguments: [String], as user: String? = nil) throws -> Outcome {
        let command = user.map { ["runuser", "-u", $0, "--"] + arguments } ?? arguments
        let logURL = FileManager.default.temporaryDirectory.appendingPathComponent("tme-\(getpid())-\(UUID().uuidString).log")
        let fd = open(logURL.path, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        guard fd >= 0 else {
            throw StoreError.embedded(reason: "cannot create a temporary log file in \(logURL.deletingLastPathComponent().path)",
                                      fix: "Check that the temporary directory is writable.")
        }
        defer { unlink(logURL.path) }
        let argv = command.map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var pid: pid_t = 0
        let spawnError = tme_spawn(&pid, command[0], argv, environ, fd, fd)
        close(fd)
        guard spawnError == 0 else {
            throw StoreError.embedded(reason: "could not run \(command[0]): \(String(cString: strerror(spawnError)))",
                                      fix: "Install the PostgreSQL server (apt-get install postgresql) or run scripts/demo, which installs it.")
        }
        var exitCode: Int32 = 0
        let waitError = tme_wait(pid, &exitCode)
        guard waitError == 0 else {
            throw StoreError.embedded(reason: "waiting for \(command[0]) failed: \(String(cString: strerror(waitError)))", fix: "Try again.")
        }
        let output = (try? String(contentsOf: logURL, encoding: .utf8)) ?? ""
        return Outcome(exitCode: exitCode, output: output)
    }

    /// Replaces this process with `arguments` (used by `tme db psql`). Returns only on failure.
    static func exec(_ arguments: [String]) -> Int32 {
        let argv = arguments.map { strdup($0) } + [nil]
        execvp(arguments[0], argv)
        return errno
    }
}
