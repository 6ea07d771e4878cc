import Foundation

/// An exclusive advisory lock on a file (`flock`), released when the lock is deallocated.
/// Serialises `tme` processes that set up or start the embedded cluster at the same time.
final class FileLock {
    private let descriptor: Int32

    /// Blocks until the lock on `url` is held.
    init(_ url: URL) throws {
        descriptor = open(url.path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            throw StoreError.embedded(reason: "cannot open the lock file \(url.path): \(String(cString: strerror(errno)))",
                                      fix: "Check that the checkout is writable.")
        }
        while flock(descriptor, LOCK_EX) != 0 {
            if errno == EINTR { continue }
            let reason = String(cString: strerror(errno))
            close(descriptor)
            throw StoreError.embedded(reason: "cannot lock \(url.path): \(reason)", fix: "Check the file system supports flock.")
        }
    }

    deinit {
        flock(descriptor, LOCK_UN)
        close(descriptor)
    }
}
