#!/usr/bin/env python3
"""Writes the fuzz targets' seed corpus, Fuzz/corpus/<reader>/: small valid inputs of every kind the readers
accept (and a few they refuse), so coverage-guided fuzzing starts deep inside each format.

Images are 8×8 or smaller (fast to mutate and decode) made with Pillow and numpy; the problem files are the
repository's Problems/*.yaml; priors are tiny safetensors written here in the layout Sources/Priors/PriorFile.swift
reads. Run from anywhere: `python3 Fuzz/make_corpus.py` (it replaces the corpus folder's generated files).
"""
import json
import pathlib
import shutil
import struct

import numpy as np
from PIL import Image

FUZZ = pathlib.Path(__file__).resolve().parent
CORPUS = FUZZ / "corpus"
REPOSITORY = FUZZ.parent


def folder(reader):
    path = CORPUS / reader
    shutil.rmtree(path, ignore_errors=True)
    path.mkdir(parents=True)
    return path


def gradient(height, width, channels, maximum, dtype):
    y, x = np.mgrid[0:height, 0:width]
    planes = [(x * 7 + y * 3 + 11 * c) % (maximum + 1) for c in range(channels)]
    array = np.stack(planes, axis=-1).astype(dtype)
    return array[..., 0] if channels == 1 else array


def images():
    gray8, rgb8 = gradient(8, 8, 1, 255, np.uint8), gradient(8, 8, 3, 255, np.uint8)
    gray16 = gradient(6, 5, 1, 65535, np.uint16) * 997

    png = folder("png")
    Image.fromarray(gray8).save(png / "gray8.png")
    Image.fromarray(rgb8).save(png / "rgb8.png")
    Image.fromarray(np.dstack([rgb8, gray8])).save(png / "rgba8.png")
    Image.fromarray(gray16).save(png / "gray16.png")
    Image.fromarray(gray8).convert("P", palette=Image.ADAPTIVE, colors=4).save(png / "palette2.png", bits=2)
    Image.fromarray(gray8 > 100).save(png / "gray1.png")

    tiff = folder("tiff")
    Image.fromarray(gray8).save(tiff / "gray8.tif")
    Image.fromarray(rgb8).save(tiff / "rgb8_lzw.tif", compression="tiff_lzw")
    Image.fromarray(rgb8).save(tiff / "rgb8_deflate.tif", compression="tiff_adobe_deflate")
    Image.fromarray(gray8).save(tiff / "gray8_packbits.tif", compression="packbits")
    Image.fromarray(gray16).save(tiff / "gray16.tif")
    Image.fromarray((gray8 / 255.0).astype(np.float32)).save(tiff / "gray32f.tif")
    Image.fromarray(np.dstack([rgb8, gray8])).save(tiff / "rgba8.tif")

    jpeg = folder("jpeg")
    Image.fromarray(gray8).save(jpeg / "gray.jpg", quality=90)
    Image.fromarray(rgb8).save(jpeg / "rgb.jpg", quality=90)
    Image.fromarray(rgb8).save(jpeg / "rgb_progressive.jpg", quality=75, progressive=True)
    Image.fromarray(rgb8).save(jpeg / "rgb_420.jpg", quality=50, subsampling=2)

    netpbm = folder("netpbm")
    small = gray8[:3, :4]
    (netpbm / "plain_gray.pgm").write_bytes(b"P2\n# a comment\n4 3\n255\n" + " ".join(map(str, small.flat)).encode() + b"\n")
    (netpbm / "plain_rgb.ppm").write_bytes(b"P3 2 2 15\n" + " ".join(str(v % 16) for v in rgb8[:2, :2].flat).encode() + b"\n")
    (netpbm / "raw_gray.pgm").write_bytes(b"P5\n8 8\n255\n" + gray8.tobytes())
    (netpbm / "raw_rgb.ppm").write_bytes(b"P6 8 8 255\n" + rgb8.tobytes())
    (netpbm / "raw_gray16.pgm").write_bytes(b"P5\n5 6\n65535\n" + gray16.astype(">u2").tobytes())


def safetensors(path, metadata, tensors):
    """A safetensors file of float32 tensors; `tensors` maps names to numpy arrays."""
    header, data, offset = {"__metadata__": metadata}, b"", 0
    for name in sorted(tensors):
        raw = tensors[name].astype("<f4").tobytes()
        header[name] = {"dtype": "F32", "shape": list(tensors[name].shape), "data_offsets": [offset, offset + len(raw)]}
        data, offset = data + raw, offset + len(raw)
    text = json.dumps(header, separators=(",", ":")).encode()
    text += b" " * (-len(text) % 8)
    path.write_bytes(struct.pack("<Q", len(text)) + text + data)


def layers(dims, prefix, random):
    return {f"{prefix}{k}.{part}": random.standard_normal(shape).astype(np.float32) * 0.1
            for k in range(len(dims) - 1)
            for part, shape in (("weight", (dims[k + 1], dims[k])), ("bias", (dims[k + 1],)))}


def priors():
    random = np.random.default_rng(0)
    out = folder("safetensors")
    siren = {"family": "siren", "omega_first": "30", "omega_hidden": "30"}
    safetensors(out / "fitted_siren.safetensors", {"kind": "fitted", "dims": "2,4,3", **siren}, layers([2, 4, 3], "layers.", random))
    safetensors(out / "meta_relu.safetensors", {"kind": "meta", "family": "relu", "dims": "2,3,3,1"},
                layers([2, 3, 3, 1], "layers.", random))
    fourier = layers([8, 4, 3], "layers.", random)  # the first layer takes the 2 × 4 Fourier features
    fourier["encoding.B"] = random.standard_normal((4, 2)).astype(np.float32)
    safetensors(out / "fitted_fourier.safetensors",
                {"kind": "fitted", "family": "fourier", "dims": "2,4,3", "fourier_features": "4", "fourier_sigma": "10"}, fourier)
    shared = layers([2, 4, 4], "encoder.ls.", random)
    for image in range(2):
        decoder = layers([4, 3], "", random)
        shared.update({f"decoders.{image}.{name.split('.', 1)[1]}": value for name, value in decoder.items()})
    safetensors(out / "strainer.safetensors",
                {"kind": "strainer", "omega": "30", "family": "siren", "dims": "2,4,4,3", "shared_layers": "2",
                 "dataset": "celeba-hq-178", "split": "train", "training_images": "a.png,b.png", "iterations": "10",
                 "training_psnr": "20.5,21.0", "training_seconds": "1.5", "seed": "7"}, shared)


def problems():
    out = folder("problem")
    for path in sorted((REPOSITORY / "Problems").glob("*.yaml")):
        shutil.copy(path, out / path.name)


def operator_specs():
    out = folder("operator-spec")
    specs = [
        "{name: identity}",
        "{name: blur, kernel: gaussian, sigma: 2}",
        "{name: blur, kernel: box, size: 3, boundary: zero}",
        "{name: blur, kernel: disk, radius: 1.5}",
        "{name: blur, kernel: motion, length: 5, angle: 30}",
        "{name: downsample, factor: 2, filter: gaussian, sigma: 1}",
        "{name: downsample, factor: 4}",
        "{name: resize, factor: 2, method: bicubic}",
        "{name: resize, height: 10, width: 7, method: area}",
        "{name: inpaint, mask: random, fraction: 0.5, seed: 3}",
        "{name: inpaint, mask: block, block_height: 5, block_width: 7}",
        "{name: radon, angles: 12}",
        "{name: radon, angles: 5, detectors: 40}",
        "{name: mri, mask: equispaced, acceleration: 4, center_fraction: 0.08}",
        "{name: mri, mask: variable_density, acceleration: 3, decay: 2, seed: 1}",
        "{name: mri, mask: full}",
        "{name: gaussian, sigma: 0.01}",
        "{name: poisson, peak: 100}",
        "{name: poisson_gaussian, peak: 50, sigma: 0.02}",
        "{name: salt_pepper, p: 0.1}",
        "{name: uniform, a: 0.05}",
        "name: blur\nkernel: gaussian\nsigma: [1, 2]\n",
    ]
    for index, spec in enumerate(specs):
        (out / f"spec{index:02d}.yaml").write_text(spec + ("" if spec.endswith("\n") else "\n"))


if __name__ == "__main__":
    images()
    priors()
    problems()
    operator_specs()
