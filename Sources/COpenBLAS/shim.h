#ifndef TME_COPENBLAS_SHIM_H
#define TME_COPENBLAS_SHIM_H
#include <cblas.h>
#endif
