#ifndef TME_CMALLOC_H
#define TME_CMALLOC_H
#include <stddef.h>

/// Makes glibc's allocator keep freed blocks for reuse instead of handing them back to the kernel at once:
/// `mallopt(M_MMAP_THRESHOLD, mmap_threshold)` (blocks below it come from the heap arenas rather than from a fresh
/// mmap that is unmapped again on free) and `mallopt(M_TRIM_THRESHOLD, trim_threshold)` (free memory at the top of a
/// heap is returned only beyond it). Process-wide. Returns 1 when both settings were accepted, else 0 (also on
/// non-glibc systems, where it does nothing).
int tme_malloc_retain_freed(size_t mmap_threshold, size_t trim_threshold);
#endif
