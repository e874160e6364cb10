#ifndef IMAGING_JPEG_SHIM_H
#define IMAGING_JPEG_SHIM_H

#include <stddef.h>
#include <stdint.h>

/// libjpeg reports errors through an error manager that must not return (it longjmps), which Swift cannot catch.
/// This function keeps every libjpeg call (and its setjmp) on the C side and turns failures into a return code
/// plus a message.

/// A decoded JPEG: 8-bit samples, gray or RGB (YCbCr converted to RGB by libjpeg).
typedef struct {
    uint32_t width;
    uint32_t height;
    int channels;           ///< 1 (gray) or 3 (RGB)
    uint8_t *samples;       ///< height * width * channels samples; release with imaging_jpeg_free
    char message[256];      ///< on failure: libjpeg's or our own description of the problem
} ImagingJPEGImage;

/// Reads the baseline or progressive 8-bit JPEG file at `path`, refusing before decoding any image larger than
/// `maximumSamples` samples, CMYK/YCCK images and sample precisions other than 8 bits. Returns 0 on success,
/// nonzero on failure (then `image->message` says why and `image->samples` is NULL).
int imaging_jpeg_read(const char *path, uint64_t maximumSamples, ImagingJPEGImage *image);

/// Releases the samples of an image returned by imaging_jpeg_read.
void imaging_jpeg_free(ImagingJPEGImage *image);

#endif
