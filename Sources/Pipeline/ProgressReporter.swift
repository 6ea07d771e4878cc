import Foundation

/// Progress of long work on stderr: a bar with count, rate and ETA on a terminal, plain periodic
/// lines otherwise (logs, CI), so stdout stays clean for `--json`.
public final class ProgressReporter: @unchecked Sendable {
    private let label: String
    private let total: Int?
    private let unit: String
    private let start = Date()
    private let isTerminal = isatty(STDERR_FILENO) == 1
    private let lock = NSLock()
    private var done = 0
    private var lastPrint = Date.distantPast
    private let interval: TimeInterval

    public init(_ label: String, total: Int?, unit: String = "items") {
        self.label = label
        self.total = total
        self.unit = unit
        interval = isTerminal ? 0.1 : 5
    }

    /// Records `count` more finished items; prints at most every 0.1 s (terminal) or 5 s.
    public func advance(by count: Int = 1) {
        lock.lock()
        defer { lock.unlock() }
        done += count
        let now = Date()
        if now.timeIntervalSince(lastPrint) >= interval || done == total {
            lastPrint = now
            emit(now: now, final: false)
        }
    }

    /// Prints the closing line with the total time.
    public func finish() {
        lock.lock()
        defer { lock.unlock() }
        emit(now: Date(), final: true)
    }

    private func emit(now: Date, final: Bool) {
        let elapsed = max(now.timeIntervalSince(start), 1e-9)
        let rate = Double(done) / elapsed
        var line = "\(label): \(done)"
        if let total { line += "/\(total)" }
        line += " \(unit), \(Self.format(rate))/s"
        if final {
            line += ", \(Self.duration(elapsed))"
        } else if let total, rate > 0, done < total {
            line += ", ETA \(Self.duration(Double(total - done) / rate))"
        }
        if isTerminal, let total, total > 0 {
            let width = 24
            let filled = min(width, done * width / total)
            line = "[" + String(repeating: "#", count: filled) + String(repeating: ".", count: width - filled) + "] " + line
            FileHandle.standardError.write(Data(("\r\u{1B}[K" + line + (final ? "\n" : "")).utf8))
        } else {
            FileHandle.standardError.write(Data((line + "\n").utf8))
        }
    }

    static func format(_ rate: Double) -> String {
        rate >= 100 ? String(Int(rate.rounded())) : String(format: "%.1f", rate)
    }

    static func duration(_ seconds: Double) -> String {
        seconds < 60 ? String(format: "%.1f s", seconds) : "\(Int(seconds) / 60) min \(Int(seconds) % 60) s"
    }
}

/// A line on stderr (progress and notes never go to stdout).
public func note(_ message: String) {
    FileHandle.standardError.write(Data((message + "\n").utf8))
}
