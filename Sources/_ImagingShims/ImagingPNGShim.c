#include "ImagingPNGShim.h"

#include <png.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/// Where libpng's error callback leaves its message before it longjmps back to our setjmp.
typedef struct {
    char *message;
    size_t capacity;
} ErrorSink;

static void sink_error(png_structp png, png_const_charp text) {
    ErrorSink *sink = (ErrorSink *)png_get_error_ptr(png);
    snprintf(sink->message, sink->capacity, "libpng: %s", text);
    png_longjmp(png, 1);
}

static void ignore_warning(png_structp png, png_const_charp text) {
    (void)png;
    (void)text;
}

static int host_is_little_endian(void) {
    const uint16_t probe = 1;
    return *(const uint8_t *)&probe == 1;
}

/// Walks the chunk headers after the signature (4-byte big-endian length, 4-byte type, data, 4-byte CRC) up to
/// IEND and checks that each chunk fits in what is left of the file. libpng trusts a declared length: a 16 KB file
/// whose text chunk declares 2^31 − 1 bytes made it take 2 GB before its read error. Leaves `file` where it was.
static int check_chunk_lengths(FILE *file, char *message, size_t capacity) {
    const long start = ftell(file);
    if (start < 0 || fseek(file, 0, SEEK_END) != 0) return 0;  /* not seekable: leave it to libpng */
    const long end = ftell(file);
    long position = start;
    int status = 0;
    while (position + 12 <= end) {
        unsigned char header[8];
        if (fseek(file, position, SEEK_SET) != 0 || fread(header, 1, 8, file) != 8) break;
        const uint32_t length = ((uint32_t)header[0] << 24) | ((uint32_t)header[1] << 16) | ((uint32_t)header[2] << 8) | header[3];
        const long remaining = end - position - 12;
        if ((uint64_t)length > (uint64_t)remaining) {
            snprintf(message, capacity, "its '%.4s' chunk declares %u bytes but the file holds %ld after it (truncated or corrupt)",
                     (const char *)header + 4, length, remaining < 0 ? 0 : remaining);
            status = 1;
            break;
        }
        if (memcmp(header + 4, "IEND", 4) == 0) break;
        position += 12 + (long)length;
    }
    fseek(file, start, SEEK_SET);
    return status;
}

int imaging_png_read(const char *path, uint64_t maximumSamples, ImagingPNGImage *image) {
    memset(image, 0, sizeof(*image));
    ErrorSink sink = {image->message, sizeof(image->message)};
    FILE *file = fopen(path, "rb");
    if (file == NULL) {
        snprintf(image->message, sizeof(image->message), "cannot open: %s", strerror(errno));
        return 1;
    }
    unsigned char signature[8];
    if (fread(signature, 1, sizeof(signature), file) != sizeof(signature) ||
        png_sig_cmp(signature, 0, sizeof(signature)) != 0) {
        snprintf(image->message, sizeof(image->message), "not a PNG file (the 8-byte PNG signature is missing)");
        fclose(file);
        return 1;
    }
    if (check_chunk_lengths(file, image->message, sizeof(image->message)) != 0) {
        fclose(file);
        return 1;
    }
    png_structp png = png_create_read_struct(PNG_LIBPNG_VER_STRING, &sink, sink_error, ignore_warning);
    png_infop info = png == NULL ? NULL : png_create_info_struct(png);
    if (info == NULL) {
        snprintf(image->message, sizeof(image->message), "libpng could not allocate its state");
        png_destroy_read_struct(&png, NULL, NULL);
        fclose(file);
        return 1;
    }
    /* Modified after setjmp and read after longjmp: must be volatile. */
    unsigned char *volatile samples = NULL;
    png_bytep *volatile rows = NULL;
    if (setjmp(png_jmpbuf(png))) {
        free(rows);
        free(samples);
        png_destroy_read_struct(&png, &info, NULL);
        fclose(file);
        return 1;
    }
    png_init_io(png, file);
    png_set_sig_bytes(png, sizeof(signature));
    /* libpng's own limits, unset by default: an ancillary chunk (text, profile, ...) may hold at most 8 MiB, and at
       most 1000 of them are kept; a chunk declaring 2 GiB is refused before it is allocated. */
    png_set_chunk_malloc_max(png, 8u << 20);
    png_set_chunk_cache_max(png, 1000);
    png_read_info(png, info);

    const int colorType = png_get_color_type(png, info);
    const int storedDepth = png_get_bit_depth(png, info);
    if (colorType == PNG_COLOR_TYPE_PALETTE) png_set_palette_to_rgb(png);
    if (colorType == PNG_COLOR_TYPE_GRAY && storedDepth < 8) png_set_expand_gray_1_2_4_to_8(png);
    /* Palette expansion also turns a tRNS chunk into alpha; alpha of any origin is dropped. */
    if ((colorType & PNG_COLOR_MASK_ALPHA) || png_get_valid(png, info, PNG_INFO_tRNS)) png_set_strip_alpha(png);
    if (storedDepth == 16 && host_is_little_endian()) png_set_swap(png);
    png_set_interlace_handling(png);
    png_read_update_info(png, info);

    const int channels = png_get_channels(png, info);
    if (channels != 1 && channels != 3) {
        snprintf(image->message, sizeof(image->message), "decodes to %d samples per pixel, not 1 or 3", channels);
        png_longjmp(png, 1);
    }
    const uint32_t width = png_get_image_width(png, info);
    const uint32_t height = png_get_image_height(png, info);
    const size_t rowBytes = png_get_rowbytes(png, info);
    if (width == 0 || height == 0 || rowBytes == 0 || (size_t)height > SIZE_MAX / rowBytes) {
        snprintf(image->message, sizeof(image->message), "invalid image size %u×%u", width, height);
        png_longjmp(png, 1);
    }
    if ((uint64_t)width * height * (uint64_t)channels > maximumSamples) {
        image->width = width;
        image->height = height;
        image->channels = channels;
        snprintf(image->message, sizeof(image->message), "%u×%u×%d samples; expected at most %llu", width, height, channels,
                 (unsigned long long)maximumSamples);
        png_destroy_read_struct(&png, &info, NULL);
        fclose(file);
        return IMAGING_PNG_TOO_LARGE;
    }
    samples = malloc(rowBytes * height);
    rows = malloc(sizeof(png_bytep) * height);
    if (samples == NULL || rows == NULL) {
        snprintf(image->message, sizeof(image->message), "out of memory for a %u×%u image", width, height);
        png_longjmp(png, 1);
    }
    for (uint32_t row = 0; row < height; row++) rows[row] = samples + row * rowBytes;
    png_read_image(png, rows);
    png_read_end(png, NULL);

    image->width = width;
    image->height = height;
    image->channels = channels;
    image->bitDepth = png_get_bit_depth(png, info);
    image->samples = samples;
    free(rows);
    png_destroy_read_struct(&png, &info, NULL);
    fclose(file);
    return 0;
}

void imaging_png_free(ImagingPNGImage *image) {
    free(image->samples);
    image->samples = NULL;
}

int imaging_png_write(const char *path, uint32_t width, uint32_t height, int channels, int bitDepth,
                      const void *samples, char *message, size_t messageCapacity) {
    ErrorSink sink = {message, messageCapacity};
    if ((channels != 1 && channels != 3) || (bitDepth != 8 && bitDepth != 16) || width == 0 || height == 0) {
        snprintf(message, messageCapacity, "cannot write %u×%u×%d samples of %d bits as PNG", width, height,
                 channels, bitDepth);
        return 1;
    }
    FILE *file = fopen(path, "wb");
    if (file == NULL) {
        snprintf(message, messageCapacity, "cannot create: %s", strerror(errno));
        return 1;
    }
    png_structp png = png_create_write_struct(PNG_LIBPNG_VER_STRING, &sink, sink_error, ignore_warning);
    png_infop info = png == NULL ? NULL : png_create_info_struct(png);
    if (info == NULL) {
        snprintf(message, messageCapacity, "libpng could not allocate its state");
        png_destroy_write_struct(&png, NULL);
        fclose(file);
        return 1;
    }
    png_bytep *volatile rows = NULL;
    if (setjmp(png_jmpbuf(png))) {
        free(rows);
        png_destroy_write_struct(&png, &info);
        fclose(file);
        return 1;
    }
    png_init_io(png, file);
    png_set_IHDR(png, info, width, height, bitDepth, channels == 1 ? PNG_COLOR_TYPE_GRAY : PNG_COLOR_TYPE_RGB,
                 PNG_INTERLACE_NONE, PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
    png_write_info(png, info);
    if (bitDepth == 16 && host_is_little_endian()) png_set_swap(png);
    const size_t rowBytes = (size_t)width * channels * (bitDepth / 8);
    rows = malloc(sizeof(png_bytep) * height);
    if (rows == NULL) {
        snprintf(message, messageCapacity, "out of memory");
        png_longjmp(png, 1);
    }
    for (uint32_t row = 0; row < height; row++) rows[row] = (png_bytep)samples + row * rowBytes;
    png_write_image(png, rows);
    png_write_end(png, NULL);
    free(rows);
    png_destroy_write_struct(&png, &info);
    if (fclose(file) != 0) {
        snprintf(message, messageCapacity, "cannot finish writing: %s", strerror(errno));
        return 1;
    }
    return 0;
}
