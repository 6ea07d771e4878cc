#ifndef TME_CJPEG_H
#define TME_CJPEG_H
#include <stddef.h>

/// Encodes 8-bit RGB (row-major, width × height × 3 bytes) as a baseline JPEG with libjpeg.
/// On success returns 0 and sets *out (free with tme_jpeg_free) and *out_size. On failure returns
/// -1 and writes libjpeg's message into errbuf (NUL-terminated, at most errbuf_size bytes):
/// libjpeg's default error handler would call exit(), so errors unwind through setjmp here.
int tme_jpeg_encode_rgb(const unsigned char *rgb, int width, int height, int quality,
                        unsigned char **out, unsigned long *out_size, char *errbuf, size_t errbuf_size);

void tme_jpeg_free(unsigned char *buffer);

#endif
