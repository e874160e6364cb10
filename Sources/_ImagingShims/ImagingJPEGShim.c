#include "ImagingJPEGShim.h"

#include <errno.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <jpeglib.h>
#include <jerror.h>

/// libjpeg's error manager, extended with the jump back to imaging_jpeg_read and where the message goes.
typedef struct {
    struct jpeg_error_mgr manager;
    jmp_buf jump;
    char *message;
    size_t capacity;
} ErrorSink;

static void sink_error(j_common_ptr info) {
    ErrorSink *sink = (ErrorSink *)info->err;
    char text[JMSG_LENGTH_MAX];
    (*info->err->format_message)(info, text);
    snprintf(sink->message, sink->capacity, "libjpeg: %s", text);
    longjmp(sink->jump, 1);
}

/// Missing or corrupt entropy-coded data is an error, not a warning: libjpeg would make up the missing pixels, so a
/// hundred bytes declaring a 16000×3600 image would decode (slowly) into 58 megapixels of nothing. The other
/// warnings (extraneous bytes between markers, an unknown JFIF revision or Adobe transform, a bad ICC marker) leave
/// the pixels intact and do not stop a read; trace messages (level > 0) are ignored.
static void refuse_corrupt_data(j_common_ptr info, int level) {
    if (level >= 0) return;
    switch (info->err->msg_code) {
    case JWRN_JPEG_EOF:
    case JWRN_HIT_MARKER:
    case JWRN_HUFF_BAD_CODE:
    case JWRN_ARITH_BAD_CODE:
    case JWRN_MUST_RESYNC:
        (*info->err->error_exit)(info);
        break;
    default:
        break;
    }
}

int imaging_jpeg_read(const char *path, uint64_t maximumSamples, ImagingJPEGImage *image) {
    memset(image, 0, sizeof(*image));
    FILE *file = fopen(path, "rb");
    if (file == NULL) {
        snprintf(image->message, sizeof(image->message), "cannot open: %s", strerror(errno));
        return 1;
    }
    struct jpeg_decompress_struct info;
    ErrorSink sink;
    info.err = jpeg_std_error(&sink.manager);
    sink.manager.error_exit = sink_error;
    sink.manager.emit_message = refuse_corrupt_data;
    sink.message = image->message;
    sink.capacity = sizeof(image->message);
    /* Modified after setjmp and read after longjmp: must be volatile. */
    uint8_t *volatile samples = NULL;
    if (setjmp(sink.jump)) {
        free(samples);
        jpeg_destroy_decompress(&info);
        fclose(file);
        return 1;
    }
    jpeg_create_decompress(&info);
    jpeg_stdio_src(&info, file);
    jpeg_read_header(&info, TRUE);
    if (info.data_precision != 8) {
        snprintf(image->message, sizeof(image->message), "%d-bit samples; expected 8-bit JPEG", info.data_precision);
        longjmp(sink.jump, 1);
    }
    if (info.jpeg_color_space == JCS_CMYK || info.jpeg_color_space == JCS_YCCK) {
        snprintf(image->message, sizeof(image->message), "a CMYK image; expected gray or RGB (YCbCr) JPEG");
        longjmp(sink.jump, 1);
    }
    const int gray = info.num_components == 1;
    info.out_color_space = gray ? JCS_GRAYSCALE : JCS_RGB;
    const uint64_t count = (uint64_t)info.image_width * info.image_height * (gray ? 1 : 3);
    if (count == 0 || count > maximumSamples) {
        snprintf(image->message, sizeof(image->message), "%u×%u×%d samples; expected at most %llu",
                 info.image_width, info.image_height, gray ? 1 : 3, (unsigned long long)maximumSamples);
        longjmp(sink.jump, 1);
    }
    jpeg_start_decompress(&info);
    samples = malloc((size_t)count);
    if (samples == NULL) {
        snprintf(image->message, sizeof(image->message), "cannot allocate %llu bytes", (unsigned long long)count);
        longjmp(sink.jump, 1);
    }
    const size_t rowBytes = (size_t)info.output_width * info.output_components;
    while (info.output_scanline < info.output_height) {
        JSAMPROW row = samples + (size_t)info.output_scanline * rowBytes;
        jpeg_read_scanlines(&info, &row, 1);
    }
    jpeg_finish_decompress(&info);
    image->width = info.output_width;
    image->height = info.output_height;
    image->channels = info.output_components;
    image->samples = samples;
    jpeg_destroy_decompress(&info);
    fclose(file);
    return 0;
}

void imaging_jpeg_free(ImagingJPEGImage *image) {
    free(image->samples);
    image->samples = NULL;
}
