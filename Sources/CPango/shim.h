#ifndef TME_CPANGO_SHIM_H
#define TME_CPANGO_SHIM_H
// Pango text layout on Cairo (measured wrapping, shaping, font fallback, ellipsis).
// Text is always set with pango_layout_set_text, never as markup.
#include <pango/pangocairo.h>

/// PANGO_SCALE is a macro; Swift imports it, but keep a typed helper for clarity.
static inline int tme_pango_scale(void) { return PANGO_SCALE; }
#endif
