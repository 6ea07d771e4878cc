/*
 * CTIFF shim: the parts of libtiff that Swift cannot call
 * directly. libtiff's TIFFGetField/TIFFSetField are C variadics, so each argument type gets a typed
 * static-inline wrapper. Errors are collected per handle through TIFFOpenExt's error handler
 * (libtiff >= 4.5) into a caller-owned tme_tiff_diagnostics, so there is no global mutable state.
 */
#ifndef TME_CTIFF_SHIM_H
#define TME_CTIFF_SHIM_H

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <tiffio.h>

/* MARK: - Per-handle diagnostics */

/// Collects libtiff errors and warnings for one TIFF handle. Owned (allocated and freed) by Swift.
typedef struct tme_tiff_diagnostics {
    char first_error[1024]; /* first error since the last reset, "module: message" */
    char last_error[1024];  /* most recent error since the last reset */
    int error_count;
    int warning_count;
} tme_tiff_diagnostics;

static inline void tme_tiff_diagnostics_reset(tme_tiff_diagnostics *d) {
    if (!d) return;
    d->first_error[0] = 0;
    d->last_error[0] = 0;
    d->error_count = 0;
    d->warning_count = 0;
}

static int tme_tiff_error_handler(TIFF *tif, void *user_data, const char *module,
                                  const char *fmt, va_list ap) {
    (void)tif;
    tme_tiff_diagnostics *d = (tme_tiff_diagnostics *)user_data;
    if (!d) return 1;
    char buffer[1024];
    int n = 0;
    if (module) n = snprintf(buffer, sizeof buffer, "%s: ", module);
    if (n < 0) n = 0;
    if ((size_t)n < sizeof buffer) vsnprintf(buffer + n, sizeof buffer - (size_t)n, fmt, ap);
    if (d->error_count == 0) memcpy(d->first_error, buffer, sizeof buffer);
    memcpy(d->last_error, buffer, sizeof buffer);
    d->error_count += 1;
    return 1; /* handled: the global handler (stderr) is not called */
}

static int tme_tiff_warning_handler(TIFF *tif, void *user_data, const char *module,
                                    const char *fmt, va_list ap) {
    (void)tif; (void)module; (void)fmt; (void)ap;
    tme_tiff_diagnostics *d = (tme_tiff_diagnostics *)user_data;
    if (d) d->warning_count += 1;
    return 1; /* warnings (unknown tags, ...) are counted, not printed */
}

/// Opens `path` with per-handle error/warning handlers writing into `d`. `max_single_alloc` > 0 caps
/// any single allocation libtiff makes for this handle (protects against absurd tag values).
static inline TIFF *tme_tiff_open(const char *path, const char *mode, tme_tiff_diagnostics *d,
                                  int64_t max_single_alloc) {
    TIFFOpenOptions *options = TIFFOpenOptionsAlloc();
    if (!options) return NULL;
    TIFFOpenOptionsSetErrorHandlerExtR(options, tme_tiff_error_handler, d);
    TIFFOpenOptionsSetWarningHandlerExtR(options, tme_tiff_warning_handler, d);
    if (max_single_alloc > 0) TIFFOpenOptionsSetMaxSingleMemAlloc(options, (tmsize_t)max_single_alloc);
    TIFF *tif = TIFFOpenExt(path, mode, options);
    TIFFOpenOptionsFree(options);
    return tif;
}

/* MARK: - Typed TIFFGetField wrappers (return 1 if the tag is present) */

static inline int tme_tiff_get_u16(TIFF *t, int tag, uint16_t *v) { return TIFFGetField(t, (uint32_t)tag, v); }
static inline int tme_tiff_get_u32(TIFF *t, int tag, uint32_t *v) { return TIFFGetField(t, (uint32_t)tag, v); }
static inline int tme_tiff_get_u64(TIFF *t, int tag, uint64_t *v) { return TIFFGetField(t, (uint32_t)tag, v); }
static inline int tme_tiff_get_float(TIFF *t, int tag, float *v) { return TIFFGetField(t, (uint32_t)tag, v); }
static inline int tme_tiff_get_string(TIFF *t, int tag, const char **v) { return TIFFGetField(t, (uint32_t)tag, v); }
/// Tags whose value is two uint16 (YCbCrSubsampling).
static inline int tme_tiff_get_u16_pair(TIFF *t, int tag, uint16_t *a, uint16_t *b) {
    return TIFFGetField(t, (uint32_t)tag, a, b);
}
/// Tags whose value is a uint32 count and a byte array (JPEGTables).
static inline int tme_tiff_get_counted_bytes(TIFF *t, int tag, uint32_t *count, const void **data) {
    return TIFFGetField(t, (uint32_t)tag, count, data);
}
/// Tags whose value is a uint16 count and a uint16 array (ExtraSamples).
static inline int tme_tiff_get_counted_u16(TIFF *t, int tag, uint16_t *count, const uint16_t **data) {
    return TIFFGetField(t, (uint32_t)tag, count, data);
}
/// The SubIFD offsets of the current directory.
static inline int tme_tiff_get_subifds(TIFF *t, uint16_t *count, const uint64_t **offsets) {
    return TIFFGetField(t, TIFFTAG_SUBIFD, count, offsets);
}
/// Tags that must be read with their default applied (Orientation, PlanarConfig, ...).
static inline int tme_tiff_get_u16_defaulted(TIFF *t, int tag, uint16_t *v) {
    return TIFFGetFieldDefaulted(t, (uint32_t)tag, v);
}

/* MARK: - Typed TIFFSetField wrappers (return 1 on success) */

/// uint16 and int-typed tags (libtiff reads both through int varargs).
static inline int tme_tiff_set_int(TIFF *t, int tag, int v) { return TIFFSetField(t, (uint32_t)tag, v); }
static inline int tme_tiff_set_u32(TIFF *t, int tag, uint32_t v) { return TIFFSetField(t, (uint32_t)tag, v); }
/// Rational/float tags (XResolution, YResolution) are passed as double through varargs.
static inline int tme_tiff_set_double(TIFF *t, int tag, double v) { return TIFFSetField(t, (uint32_t)tag, v); }
static inline int tme_tiff_set_string(TIFF *t, int tag, const char *v) { return TIFFSetField(t, (uint32_t)tag, v); }
static inline int tme_tiff_set_u16_pair(TIFF *t, int tag, uint16_t a, uint16_t b) {
    return TIFFSetField(t, (uint32_t)tag, (int)a, (int)b);
}
static inline int tme_tiff_set_counted_bytes(TIFF *t, int tag, uint32_t count, const void *data) {
    return TIFFSetField(t, (uint32_t)tag, count, data);
}
static inline int tme_tiff_set_counted_u16(TIFF *t, int tag, uint16_t count, const uint16_t *data) {
    return TIFFSetField(t, (uint32_t)tag, (int)count, data);
}

#endif /* TME_CTIFF_SHIM_H */
