#ifndef TME_CTIFF_SHIM_H
#define TME_CTIFF_SHIM_H
#include <tiffio.h>
#endif
