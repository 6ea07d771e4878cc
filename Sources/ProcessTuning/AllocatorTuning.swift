import CMalloc

/// Keeps freed tile-sized buffers inside the process while slides are quantified.
///
/// Each tile's analysis allocates and frees a few buffers of several MB (planes of 1088² px). By default glibc
/// serves blocks that large with a fresh `mmap` and unmaps them on free, so every tile faults its pages in again:
/// on a 40,000² px slide that was 10.4 million minor page faults and 35 s of system time out of 209 s of CPU
/// (BENCHMARKS.md, quantify-wsi). With blocks up to `mmapThresholdBytes` taken from the heap arenas and free memory
/// returned only beyond `trimThresholdBytes`, the next tile reuses the same pages: on a 10,000² px slide minor page
/// faults fell from 900,000 to 27,000, system time from 2.7 s to 0.2 s and user time from 10.0 s to 8.7 s, at
/// unchanged peak RSS (≈ 140 MB), since memory is still bounded by the tiles in flight (one per worker).
///
/// Process-wide, so only executables apply it (`tme quantify`, `tme-bench quantify-validate`), before slides are
/// quantified; libraries never do.
public enum AllocatorTuning {
    /// Largest block served from the arenas (glibc `M_MMAP_THRESHOLD`), bytes: glibc's maximum (half its 64 MB
    /// arena heap), far above a tile plane (1088² × 4 bytes ≈ 4.7 MB).
    static let mmapThresholdBytes = 32 << 20
    /// Free memory kept at the top of a heap before it is returned (glibc `M_TRIM_THRESHOLD`), bytes.
    static let trimThresholdBytes = 1 << 30

    /// Applies the settings once per process (the first read does it); true when glibc accepted them.
    public static let applied: Bool = tme_malloc_retain_freed(mmapThresholdBytes, trimThresholdBytes) == 1
}
