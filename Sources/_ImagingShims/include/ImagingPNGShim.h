#ifndef IMAGING_PNG_SHIM_H
#define IMAGING_PNG_SHIM_H

#include <stddef.h>
#include <stdint.h>

/// libpng reports errors by longjmp, which Swift cannot catch. These two functions keep every libpng call
/// (and its setjmp) on the C side and turn failures into a return code plus a message.

/// A decoded PNG: colour samples exactly as stored (no gamma, no alpha compositing), alpha dropped,
/// palette and 1/2/4-bit gray expanded to 8 bits, 16-bit samples in host byte order.
typedef struct {
    uint32_t width;
    uint32_t height;
    int channels;           ///< 1 (gray) or 3 (RGB)
    int bitDepth;           ///< 8 or 16
    void *samples;          ///< height * width * channels samples; release with imaging_png_free
    char message[256];      ///< on failure: libpng's or our own description of the problem
} ImagingPNGImage;

/// imaging_png_read's result when the image declares more than `maximumSamples` samples.
#define IMAGING_PNG_TOO_LARGE 2

/// Reads the PNG file at `path`. Returns 0 on success, nonzero on failure (then `image->message` says why
/// and `image->samples` is NULL): IMAGING_PNG_TOO_LARGE, with the declared size in `image`, when the decoded image
/// would hold more than `maximumSamples` samples — refused from the header, before anything is allocated or
/// decompressed (a few hundred kilobytes of zlib expand to gigabytes).
int imaging_png_read(const char *path, uint64_t maximumSamples, ImagingPNGImage *image);

/// Releases the samples of an image returned by imaging_png_read.
void imaging_png_free(ImagingPNGImage *image);

/// Writes `samples` (height * width * channels, interleaved, 8-bit or host-order 16-bit) as a non-interlaced
/// gray (channels 1) or RGB (channels 3) PNG at `path`. Returns 0 on success, nonzero on failure with a message
/// in `message` (capacity `messageCapacity`).
int imaging_png_write(const char *path, uint32_t width, uint32_t height, int channels, int bitDepth,
                      const void *samples, char *message, size_t messageCapacity);

#endif
