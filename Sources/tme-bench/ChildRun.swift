import ArgumentParser
import Foundation

/// One child process run to completion and what it cost, as `/usr/bin/time -v` reports it.
///
/// Wall clock around spawn … exit; user/system CPU time and peak resident set size from
/// `getrusage(RUSAGE_CHILDREN)` taken before and after (CPU times are differences; `ru_maxrss` is the largest
/// of all waited-for children, so measure at most one heavy child per benchmark process, as here).
struct ChildRun {
    var status: Int32
    var wallSeconds: Double
    var userSeconds: Double
    var systemSeconds: Double
    var peakRSSBytes: Double

    /// Runs `executable arguments…` with stdout written to `stdout` (created or truncated) and stderr inherited;
    /// `environment` entries are added to this process's environment.
    static func run(_ executable: String, _ arguments: [String], stdout: String,
                    environment: [String: String] = [:]) throws -> ChildRun {
        guard FileManager.default.createFile(atPath: stdout, contents: nil),
              let out = FileHandle(forWritingAtPath: stdout) else {
            throw ValidationError("cannot create \(stdout)")
        }
        defer { try? out.close() }
        let before = usage()
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.standardOutput = out
        if !environment.isEmpty {
            process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        }
        let start = DispatchTime.now().uptimeNanoseconds
        try process.run()
        process.waitUntilExit()
        let wall = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        let after = usage()
        return ChildRun(status: process.terminationStatus, wallSeconds: wall,
                        userSeconds: seconds(after.ru_utime) - seconds(before.ru_utime),
                        systemSeconds: seconds(after.ru_stime) - seconds(before.ru_stime),
                        peakRSSBytes: Double(after.ru_maxrss) * 1024)
    }

    private static func usage() -> rusage {
        var u = rusage()
        getrusage(RUSAGE_CHILDREN.rawValue, &u)
        return u
    }

    private static func seconds(_ t: timeval) -> Double { Double(t.tv_sec) + Double(t.tv_usec) / 1e6 }
}
