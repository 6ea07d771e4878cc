import Foundation

/// Writes a file so that a reader sees either the old file or the complete new one, never half:
/// the bytes go to a temporary file in the same directory (same file system), are flushed with
/// fsync, and the temporary file is renamed over the target (rename(2) is atomic on POSIX).
public enum AtomicFile {
    /// Writes `bytes` to `path`, creating missing parent directories.
    public static func write(_ bytes: [UInt8], to path: String) throws {
        let url = URL(fileURLWithPath: path)
        let dir = url.deletingLastPathComponent()
        do {
            try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        } catch {
            throw ReportPipelineError.cannotWrite(path: path, reason: "cannot create the directory (\(error.localizedDescription))")
        }
        let temp = dir.appendingPathComponent(".\(url.lastPathComponent).\(getpid()).\(UUID().uuidString.prefix(8)).tmp").path
        let fd = open(temp, O_WRONLY | O_CREAT | O_EXCL, 0o644)
        guard fd >= 0 else { throw ReportPipelineError.cannotWrite(path: path, reason: String(cString: strerror(errno))) }
        var ok = true
        var reason = ""
        bytes.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let n = Foundation.write(fd, buffer.baseAddress! + offset, buffer.count - offset)
                if n < 0 { if errno == EINTR { continue }; ok = false; reason = String(cString: strerror(errno)); return }
                offset += n
            }
        }
        if ok, fsync(fd) != 0 { ok = false; reason = String(cString: strerror(errno)) }
        close(fd)
        guard ok else {
            unlink(temp)
            throw ReportPipelineError.cannotWrite(path: path, reason: reason)
        }
        if rename(temp, path) != 0 {
            let why = String(cString: strerror(errno))
            unlink(temp)
            throw ReportPipelineError.cannotWrite(path: path, reason: why)
        }
    }
}
