#ifndef TME_COPENBLAS_SHIM_H
#define TME_COPENBLAS_SHIM_H
#include <cblas.h>

/* OpenBLAS's pthreads build starts its worker threads when the library is loaded; idle, they spin on
   sched_yield for about 2^28 cycles before sleeping, which costs a short-lived process tens of
   milliseconds of CPU. blas_thread_shutdown_ stops them; the next threaded BLAS call starts them again.
   Declared weak: a build without it (OpenMP) leaves the pointer null and the call is skipped. */
extern int blas_thread_shutdown_(void) __attribute__((weak));

static inline void tme_openblas_stop_idle_threads(void) {
    if (blas_thread_shutdown_) { blas_thread_shutdown_(); }
}
#endif
