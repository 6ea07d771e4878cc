#ifndef TME_CCAIRO_SHIM_H
#define TME_CCAIRO_SHIM_H
#include <cairo.h>
#include <cairo-pdf.h>
#endif
