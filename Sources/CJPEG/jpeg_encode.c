#include "CJPEG.h"
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <jpeglib.h>

struct tme_jpeg_error {
    struct jpeg_error_mgr base;
    jmp_buf jump;
};

static void tme_jpeg_error_exit(j_common_ptr cinfo) {
    struct tme_jpeg_error *err = (struct tme_jpeg_error *)cinfo->err;
    longjmp(err->jump, 1);
}

static void tme_jpeg_silent(j_common_ptr cinfo) { (void)cinfo; }

int tme_jpeg_encode_rgb(const unsigned char *rgb, int width, int height, int quality,
                        unsigned char **out, unsigned long *out_size, char *errbuf, size_t errbuf_size) {
    struct jpeg_compress_struct cinfo;
    struct tme_jpeg_error err;
    /* Address taken (jpeg_mem_dest writes it), so it lives in memory and is valid after longjmp. */
    unsigned char *mem = NULL;
    unsigned long size = 0;
    *out = NULL;
    *out_size = 0;
    cinfo.err = jpeg_std_error(&err.base);
    err.base.error_exit = tme_jpeg_error_exit;
    err.base.output_message = tme_jpeg_silent;
    if (setjmp(err.jump)) {
        if (errbuf && errbuf_size > 0) {
            char message[JMSG_LENGTH_MAX];
            (*cinfo.err->format_message)((j_common_ptr)&cinfo, message);
            snprintf(errbuf, errbuf_size, "%s", message);
        }
        jpeg_destroy_compress(&cinfo);
        free(mem);
        return -1;
    }
    jpeg_create_compress(&cinfo);
    jpeg_mem_dest(&cinfo, &mem, &size);
    cinfo.image_width = (JDIMENSION)width;
    cinfo.image_height = (JDIMENSION)height;
    cinfo.input_components = 3;
    cinfo.in_color_space = JCS_RGB;
    jpeg_set_defaults(&cinfo);
    jpeg_set_quality(&cinfo, quality, TRUE);
    jpeg_start_compress(&cinfo, TRUE);
    while (cinfo.next_scanline < cinfo.image_height) {
        JSAMPROW row = (JSAMPROW)(rgb + (size_t)cinfo.next_scanline * (size_t)width * 3);
        jpeg_write_scanlines(&cinfo, &row, 1);
    }
    jpeg_finish_compress(&cinfo);
    jpeg_destroy_compress(&cinfo);
    *out = mem;
    *out_size = size;
    return 0;
}

void tme_jpeg_free(unsigned char *buffer) { free(buffer); }
