import FusionModel

/// Process-wide settings the executables apply at start (see AllocatorTuning for the allocator, which they
/// apply before quantifying slides). Libraries never change process-wide state themselves.
public enum ProcessTuning {
    /// Stops OpenBLAS's idle worker threads, which every `tme` process loads with the library: a command
    /// that never multiplies matrices (stats, ingest, db) would otherwise spend ~30 ms of CPU on their spin.
    /// Commands that do use BLAS restart them on their first threaded call.
    public static func atStart() { BLASThreads.stopIdle() }
}
