#!/usr/bin/env python3
"""Makes the JPEG fixtures of ImagingTests with Pillow (its own libjpeg-turbo build, independent of the Debian
library the Swift reader links). Run from the repository root: python3 Tests/ImagingTests/Fixtures/make_jpeg_fixtures.py

- codecs/rgb.jpg, codecs/gray.jpg: a smooth 20×28 pattern, quality 95; jpeg_decoded.json holds Pillow's decoded
  samples of both (row-major, interleaved), which the reader must reproduce.
- codecs/cmyk.jpg: a CMYK JPEG, which the reader refuses.
- codecs/truncated.jpg: rgb.jpg cut in half.
"""
import json
import os

import numpy as np
from PIL import Image

HERE = os.path.dirname(os.path.abspath(__file__))
CODECS = os.path.join(HERE, "codecs")

i, j = np.meshgrid(np.arange(20), np.arange(28), indexing="ij")
rgb = np.stack([(i * 9 + j * 4) % 256, (255 - i * 6 - j * 3) % 256, (i * j) % 256], axis=-1).astype(np.uint8)
Image.fromarray(rgb, "RGB").save(os.path.join(CODECS, "rgb.jpg"), quality=95)
Image.fromarray(rgb[..., 0], "L").save(os.path.join(CODECS, "gray.jpg"), quality=95)
Image.fromarray(rgb, "RGB").convert("CMYK").save(os.path.join(CODECS, "cmyk.jpg"), quality=95)
data = open(os.path.join(CODECS, "rgb.jpg"), "rb").read()
open(os.path.join(CODECS, "truncated.jpg"), "wb").write(data[: len(data) // 2])
decoded = {name: np.asarray(Image.open(os.path.join(CODECS, name))).reshape(-1).tolist() for name in ["rgb.jpg", "gray.jpg"]}
json.dump(decoded, open(os.path.join(HERE, "jpeg_decoded.json"), "w"))
