#ifndef TMESCOPE_CZLIB_SHIM_H
#define TMESCOPE_CZLIB_SHIM_H
// zlib, used by Pipeline to read plain or gzip-compressed text (gzopen reads both transparently).
#include <zlib.h>
#endif
