#include "CMalloc.h"
#include <limits.h>  /* first: brings in <features.h>, which defines __GLIBC__ */
#if defined(__GLIBC__)
#include <malloc.h>

int tme_malloc_retain_freed(size_t mmap_threshold, size_t trim_threshold) {
    if (mmap_threshold > INT_MAX || trim_threshold > INT_MAX) return 0;
    int a = mallopt(M_MMAP_THRESHOLD, (int)mmap_threshold);
    int b = mallopt(M_TRIM_THRESHOLD, (int)trim_threshold);
    return a == 1 && b == 1;
}
#else
int tme_malloc_retain_freed(size_t mmap_threshold, size_t trim_threshold) {
    (void)mmap_threshold; (void)trim_threshold;
    return 0;
}
#endif
