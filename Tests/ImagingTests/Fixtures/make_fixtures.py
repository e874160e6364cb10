#!/usr/bin/env python3
"""Makes the ImagingTests fixtures with libraries independent of the Swift code under test.

How it was run (from the repository root, with the peers' venv: numpy, scipy, scikit-image 0.26.0, Pillow 13.0.0,
tifffile 2026.3.3):

    /tmp/peers/bin/python Tests/ImagingTests/Fixtures/make_fixtures.py

Outputs, all in this folder:
- codecs/*.png  PNGs encoded by hand here (zlib + struct, no libpng), in every colour type the reader supports,
                 with samples given by `pattern` below, which the Swift tests recompute.
- codecs/*.tif  TIFFs written by tifffile (pure Python) and Pillow (LZW), same pattern, plus unsupported variants.
- bicubic.json  Pillow `Image.resize(size, Image.BICUBIC)` on a seeded random float image ('F' mode, per channel).
- metrics_independent.json + metrics/*  PSNR and SSIM from scikit-image for three pairs the shared
                 metrics.json never saw (crops of Kodak images with seeded degradations), stored losslessly.
"""
import json
import os
import struct
import zlib

import numpy as np
import tifffile
from PIL import Image
from scipy.ndimage import gaussian_filter
from skimage.metrics import peak_signal_noise_ratio, structural_similarity

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, "..", "..", ".."))


def pattern(height, width, channels, bits):
    """Sample (i, j, c) = (i*7919 + j*104729 + c*1299709) mod 2^bits: every code size exercised, no symmetry."""
    i, j, c = np.meshgrid(np.arange(height), np.arange(width), np.arange(channels), indexing="ij")
    return ((i * 7919 + j * 104729 + c * 1299709) % (1 << bits)).astype(np.int64)


# ---------------------------------------------------------------------------------------------- PNG, by hand
def png_chunk(kind, data):
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)


ADAM7 = ((0, 0, 8, 8), (0, 4, 8, 8), (4, 0, 8, 4), (0, 2, 4, 4), (2, 0, 4, 2), (0, 1, 2, 2), (1, 0, 2, 1))


def write_png(path, rows, width, height, bit_depth, colour_type, extra_chunks=(), interlaced=False):
    """`rows`: list of packed scanline bytes (filter type 0 is prepended here); for an interlaced image, the
    concatenated scanlines of the seven Adam7 passes (see `adam7_rows`)."""
    raw = b"".join(b"\x00" + row for row in rows)
    data = b"\x89PNG\r\n\x1a\n"
    data += png_chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, bit_depth, colour_type, 0, 0, int(interlaced)))
    for kind, payload in extra_chunks:
        data += png_chunk(kind, payload)
    data += png_chunk(b"IDAT", zlib.compress(raw))
    data += png_chunk(b"IEND", b"")
    with open(path, "wb") as f:
        f.write(data)


def pack_samples(samples, bits):
    """Row of integer samples -> bytes, big-endian, low bit depths packed MSB first."""
    if bits == 16:
        return b"".join(struct.pack(">H", int(s)) for s in samples)
    if bits == 8:
        return bytes(int(s) for s in samples)
    out, acc, n = bytearray(), 0, 0
    for s in samples:
        acc = (acc << bits) | int(s)
        n += bits
        if n == 8:
            out.append(acc)
            acc, n = 0, 0
    if n:
        out.append(acc << (8 - n))
    return bytes(out)


def adam7_rows(samples, bits):
    """The scanlines of the seven Adam7 passes of an (h, w, channels) array, empty passes left out."""
    rows = []
    for y0, x0, dy, dx in ADAM7:
        sub = samples[y0::dy, x0::dx]
        if sub.shape[0] and sub.shape[1]:
            rows += [pack_samples(row.reshape(-1), bits) for row in sub]
    return rows


def make_pngs(folder):
    h, w = 5, 7
    # colour type 0 gray, 2 RGB, 4 gray+alpha, 6 RGBA at 8 and 16 bits; the pattern fills colour samples and alpha.
    # Each carries gAMA = 1/2.2: a reader that applied gamma (or linearised) would change the samples.
    gamma = [(b"gAMA", struct.pack(">I", 45455))]
    for bits in (8, 16):
        for name, ctype, channels in (("gray", 0, 1), ("rgb", 2, 3), ("grayalpha", 4, 2), ("rgba", 6, 4)):
            s = pattern(h, w, channels, bits)
            rows = [pack_samples(s[i].reshape(-1), bits) for i in range(h)]
            write_png(os.path.join(folder, f"{name}{bits}.png"), rows, w, h, bits, ctype, gamma)
    # Adam7-interlaced RGB, 8 and 16 bits, 11×13 so that every pass is present.
    for bits in (8, 16):
        s = pattern(11, 13, 3, bits)
        write_png(os.path.join(folder, f"rgb{bits}_interlaced.png"), adam7_rows(s, bits), 13, 11, bits, 2,
                  interlaced=True)
    # 1-, 2- and 4-bit gray: codes scale to 8 bits as code * 255 / (2^bits - 1).
    for bits in (1, 2, 4):
        s = pattern(h, w, 1, bits)
        write_png(os.path.join(folder, f"gray{bits}.png"), [pack_samples(s[i, :, 0], bits) for i in range(h)],
                  w, h, bits, 0)
    # 4-bit palette: index (i*7919 + j*104729) mod 16, palette entry k = (k*16 + 1, 255 - k*16, k*7).
    idx = pattern(h, w, 1, 4)[:, :, 0]
    palette = b"".join(bytes((k * 16 + 1, 255 - k * 16, k * 7)) for k in range(16))
    write_png(os.path.join(folder, "palette4.png"), [pack_samples(idx[i], 4) for i in range(h)], w, h, 4, 3,
              [(b"PLTE", palette)])
    # The same with a tRNS chunk (entries 0-3 partly transparent): transparency is ignored like alpha.
    write_png(os.path.join(folder, "palette4_trns.png"), [pack_samples(idx[i], 4) for i in range(h)], w, h, 4, 3,
              [(b"PLTE", palette), (b"tRNS", bytes((0, 60, 120, 180)))])


# --------------------------------------------------------------------------------------------------- TIFF
def make_tiffs(folder):
    h, w = 37, 21  # several strips / tiles with cut edges
    path = lambda name: os.path.join(folder, name)
    for bits, dtype in ((8, np.uint8), (16, np.uint16)):
        for channels, photometric in ((1, "minisblack"), (3, "rgb")):
            data = pattern(h, w, channels, bits).astype(dtype)
            if channels == 1:
                data = data[:, :, 0]
            tag = f"{'gray' if channels == 1 else 'rgb'}{bits}"
            tifffile.imwrite(path(f"{tag}_strips.tif"), data, photometric=photometric, rowsperstrip=8)
            tifffile.imwrite(path(f"{tag}_tiles_deflate.tif"), data, photometric=photometric, tile=(16, 16),
                             compression="zlib")
    rgb16 = pattern(h, w, 3, 16).astype(np.uint16)
    tifffile.imwrite(path("rgb16_separate.tif"), np.moveaxis(rgb16, 2, 0), photometric="rgb", planarconfig="separate",
                     rowsperstrip=8)
    rgb8 = pattern(h, w, 3, 8).astype(np.uint8)
    Image.fromarray(rgb8, "RGB").save(path("rgb8_lzw.tif"), compression="tiff_lzw")
    # float32: pattern / 65535 * 3 - 1 (values outside [0, 1], kept as stored)
    floats = (pattern(h, w, 3, 16) / 65535.0 * 3 - 1).astype(np.float32)
    tifffile.imwrite(path("rgb32f_tiles.tif"), floats, photometric="rgb", tile=(16, 16))
    tifffile.imwrite(path("gray32f_strips.tif"), floats[:, :, 1], photometric="minisblack", rowsperstrip=5)
    # RGBA with ExtraSamples = unassociated alpha: alpha dropped.
    rgba = pattern(h, w, 4, 8).astype(np.uint8)
    tifffile.imwrite(path("rgba8_extrasample.tif"), rgba, photometric="rgb", extrasamples=["unassalpha"])
    # A private tag libtiff does not know: it warns (which must not reach stderr).
    tifffile.imwrite(path("gray8_unknown_tag.tif"), pattern(h, w, 1, 8)[:, :, 0].astype(np.uint8),
                     photometric="minisblack", extratags=[(65000, "s", 0, "private", True)])
    # Unsupported: 4 samples of gray with no ExtraSamples meaning, 32-bit integers, complex.
    tifffile.imwrite(path("unsupported_4samples.tif"), rgba, photometric="minisblack", planarconfig="contig")
    tifffile.imwrite(path("unsupported_uint32.tif"), pattern(h, w, 1, 16)[:, :, 0].astype(np.uint32),
                     photometric="minisblack")
    tifffile.imwrite(path("unsupported_complex.tif"), np.ones((h, w), np.complex64), photometric="minisblack")


# ------------------------------------------------------------------------------------------------ bicubic
def make_bicubic(out):
    rng = np.random.default_rng(20261129)
    source = rng.random((13, 17, 2), dtype=np.float64).astype(np.float32)
    cases = []
    for (oh, ow) in ((5, 7), (6, 8), (20, 30), (13, 9), (4, 17), (1, 1)):
        channels = [np.asarray(Image.fromarray(source[:, :, c], "F").resize((ow, oh), Image.BICUBIC))
                    for c in range(source.shape[2])]
        result = np.stack(channels, axis=2)
        cases.append({"height": oh, "width": ow, "pixels": [float(v) for v in result.reshape(-1)]})
    json.dump({"generator": f"Pillow {Image.__version__} Image.resize(BICUBIC), mode 'F' per channel",
               "height": 13, "width": 17, "channels": 2,
               "pixels": [float(v) for v in source.reshape(-1)], "cases": cases}, open(out, "w"), indent=0)


# ------------------------------------------------------------------------------------------------ metrics
def make_metrics(folder, out):
    def kodak(name, top, left, height, width, gray=False):
        im = Image.open(os.path.join(ROOT, "Datasets", "kodak24", name))
        im = im.convert("L") if gray else im.convert("RGB")
        return np.asarray(im)[top:top + height, left:left + width]

    rng = np.random.default_rng(7)
    pairs = []
    # 1. RGB crop of kodim05 + Gaussian noise (sigma 12/255), stored as 8-bit PNGs.
    ref = kodak("kodim05.png", 100, 200, 48, 64)
    test = np.clip(np.rint(ref + rng.normal(0, 12, ref.shape)), 0, 255).astype(np.uint8)
    Image.fromarray(ref).save(os.path.join(folder, "kodim05_crop.png"))
    Image.fromarray(test).save(os.path.join(folder, "kodim05_crop_noisy.png"))
    pairs.append(("metrics/kodim05_crop.png", "metrics/kodim05_crop_noisy.png", ref / 255.0, test / 255.0))
    # 2. Gray crop of kodim23, blurred (sigma 1.2) + noise, stored as float32 TIFF (unclipped).
    ref = kodak("kodim23.png", 40, 300, 40, 56, gray=True)
    blurred = gaussian_filter(ref / 255.0, 1.2) + rng.normal(0, 0.02, ref.shape)
    test = blurred.astype(np.float32)
    Image.fromarray(ref).save(os.path.join(folder, "kodim23_gray_crop.png"))
    tifffile.imwrite(os.path.join(folder, "kodim23_gray_crop_blurred.tif"), test, photometric="minisblack")
    pairs.append(("metrics/kodim23_gray_crop.png", "metrics/kodim23_gray_crop_blurred.tif", ref / 255.0,
                  test.astype(np.float64)))
    # 3. RGB crop of kodim20, contrast 0.9 + 0.05 offset + small noise, stored as 16-bit TIFFs.
    ref = kodak("kodim20.png", 150, 250, 33, 45).astype(np.float64) / 255.0
    test = np.clip(0.9 * ref + 0.05 + rng.normal(0, 0.01, ref.shape), 0, 1)
    ref16, test16 = (np.rint(ref * 65535).astype(np.uint16), np.rint(test * 65535).astype(np.uint16))
    tifffile.imwrite(os.path.join(folder, "kodim20_crop16.tif"), ref16, photometric="rgb")
    tifffile.imwrite(os.path.join(folder, "kodim20_crop16_contrast.tif"), test16, photometric="rgb")
    pairs.append(("metrics/kodim20_crop16.tif", "metrics/kodim20_crop16_contrast.tif", ref16 / 65535.0,
                  test16 / 65535.0))

    cases = []
    for ref_name, test_name, x, y in pairs:
        axis = -1 if x.ndim == 3 else None
        cases.append({"reference": ref_name, "test": test_name,
                      "psnr": peak_signal_noise_ratio(x, y, data_range=1),
                      "ssim": structural_similarity(x, y, data_range=1, gaussian_weights=True, sigma=1.5,
                                                    use_sample_covariance=False, channel_axis=axis)})
    json.dump({"generator": "scikit-image 0.26.0 peak_signal_noise_ratio / structural_similarity(gaussian_weights="
                            "True, sigma=1.5, use_sample_covariance=False, data_range=1, channel_axis=-1 for RGB) "
                            "on float64 samples of the stored files (8-bit / 255, 16-bit / 65535, float32 as is)",
               "cases": cases}, open(out, "w"), indent=1)


if __name__ == "__main__":
    for sub in ("codecs", "metrics"):
        os.makedirs(os.path.join(HERE, sub), exist_ok=True)
    make_pngs(os.path.join(HERE, "codecs"))
    make_tiffs(os.path.join(HERE, "codecs"))
    make_bicubic(os.path.join(HERE, "bicubic.json"))
    make_metrics(os.path.join(HERE, "metrics"), os.path.join(HERE, "metrics_independent.json"))
