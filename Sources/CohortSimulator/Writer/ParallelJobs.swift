import Foundation

/// Runs `count` independent jobs on `workers` threads, each worker taking the next unclaimed index.
/// Results must not depend on which worker runs a job (the simulator's outputs depend only on seeds).
/// The first error stops further jobs from starting and is rethrown.
enum ParallelJobs {
    private final class State: @unchecked Sendable {
        let lock = NSLock()
        var next = 0
        var done = 0
        var error: Error?
    }

    static func run(count: Int, workers: Int, progress: @Sendable (Int, Int) -> Void,
                    _ job: @Sendable (Int) throws -> Void) throws {
        let state = State()
        DispatchQueue.concurrentPerform(iterations: max(1, min(workers, count))) { _ in
            while true {
                state.lock.lock()
                let i = state.next
                let stop = state.error != nil || i >= count
                if !stop { state.next += 1 }
                state.lock.unlock()
                if stop { return }
                do {
                    try job(i)
                    state.lock.lock(); state.done += 1; let d = state.done; state.lock.unlock()
                    progress(d, count)
                } catch {
                    state.lock.lock(); if state.error == nil { state.error = error }; state.lock.unlock()
                    return
                }
            }
        }
        if let e = state.error { throw e }
    }
}
