"""Reference side of `Benchmarks/bm3d.sh`: BM3D of the `bm3d` package (PyPI, Mäkinen, Azzari, Foi; its profile
'np') on central crops of the Kodak images, and the table that sets it beside `strainer denoise`.

  prepare: python3 bm3d_peer.py prepare --dir DIR [--images 4] [--size 256] [--sigmas 0.05 0.1 0.2]
           For the first IMAGES Kodak images (Datasets/kodak24, manifest order), the central SIZE x SIZE crop on [0, 1],
           in colour and in gray (BT.601 luma 0.299 R + 0.587 G + 0.114 B, as the suite's `channels: 1`), plus
           N(0, sigma^2) noise from numpy default_rng(seed) with seed = 1000 * image + 10 * sigma index + (gray: 0,
           colour: 1), not clipped; writes DIR/<case>_clean.tif and DIR/<case>_noisy.tif (float32) and runs
           bm3d.bm3d (gray) or bm3d.bm3d_rgb (colour, opponent transform) with the true sigma. Prints one JSON
           object per case: {"case", "image", "mode", "sigma", "noisy_psnr", "psnr", "seconds"}.
  table:   python3 bm3d_peer.py table PEER.jsonl SUITE.jsonl
           Joins on "case" (SUITE lines: {"case", "psnr", "seconds"} from `strainer denoise --json`) and prints
           every case and the mean per mode and sigma, with the difference suite - reference.
Install: pip install bm3d tifffile numpy pillow
"""
import argparse
import json
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent


def psnr(estimate, truth):
    return float(10 * np.log10(1 / np.mean((np.asarray(estimate, np.float64) - truth) ** 2)))


def kodak_images(count):
    manifest = (ROOT / "Datasets/kodak24/manifest.yaml").read_text().splitlines()
    names = [line.split(":", 1)[1].strip() for line in manifest if line.strip().startswith("- file:")]
    return names[:count]


def prepare(args):
    try:
        import bm3d
        import tifffile
        from PIL import Image
    except ImportError as error:
        sys.stderr.write(f"bm3d_peer.py: {error}; install with: pip install bm3d tifffile pillow\n")
        sys.exit(2)
    out = Path(args.dir)
    out.mkdir(parents=True, exist_ok=True)
    for index, name in enumerate(kodak_images(args.images)):
        rgb = np.asarray(Image.open(ROOT / "Datasets/kodak24" / name).convert("RGB"), np.float64) / 255
        top, left = (rgb.shape[0] - args.size) // 2, (rgb.shape[1] - args.size) // 2
        crop = rgb[top:top + args.size, left:left + args.size]
        for mode, clean in (("gray", crop @ np.array([0.299, 0.587, 0.114])), ("rgb", crop)):
            clean = clean.astype(np.float32).astype(np.float64)
            for s, sigma in enumerate(args.sigmas):
                rng = np.random.default_rng(1000 * index + 10 * s + (mode == "rgb"))
                noisy = (clean + sigma * rng.standard_normal(clean.shape)).astype(np.float32)
                case = f"{Path(name).stem}_{mode}_{sigma:g}"
                tifffile.imwrite(out / f"{case}_clean.tif", clean.astype(np.float32))
                tifffile.imwrite(out / f"{case}_noisy.tif", noisy)
                start = time.perf_counter()
                denoised = bm3d.bm3d_rgb(noisy.astype(np.float64), sigma) if mode == "rgb" \
                    else bm3d.bm3d(noisy.astype(np.float64), sigma)
                seconds = time.perf_counter() - start
                print(json.dumps({"case": case, "image": Path(name).stem, "mode": mode, "sigma": sigma,
                                  "noisy_psnr": round(psnr(noisy, clean), 4), "psnr": round(psnr(denoised, clean), 4),
                                  "seconds": round(seconds, 4)}), flush=True)


def table(args):
    peer = [json.loads(line) for line in Path(args.peer).read_text().splitlines() if line.strip()]
    suite = {entry["case"]: entry for entry in map(json.loads, filter(str.strip, Path(args.suite).read_text().splitlines()))}
    print(f"{'case':<22} {'noisy':>7} {'strainer':>9} {'bm3d pkg':>9} {'diff':>6} {'strainer s':>11} {'bm3d s':>8}")
    groups = {}
    for entry in peer:
        ours = suite.get(entry["case"])
        if ours is None:
            print(f"{entry['case']:<22} (no strainer result)")
            continue
        diff = ours["psnr"] - entry["psnr"]
        print(f"{entry['case']:<22} {entry['noisy_psnr']:7.2f} {ours['psnr']:9.2f} {entry['psnr']:9.2f} {diff:+6.2f} "
              f"{ours['seconds']:11.3f} {entry['seconds']:8.3f}")
        groups.setdefault((entry["mode"], entry["sigma"]), []).append((ours["psnr"], entry["psnr"], ours["seconds"], entry["seconds"]))
    print(f"\n{'mean':<22} {'images':>7} {'strainer':>9} {'bm3d pkg':>9} {'diff':>6} {'strainer s':>11} {'bm3d s':>8}")
    for (mode, sigma), rows in groups.items():
        mean = np.mean(np.array(rows), axis=0)
        print(f"{mode + ' σ=' + format(sigma, 'g'):<22} {len(rows):7d} {mean[0]:9.2f} {mean[1]:9.2f} {mean[0] - mean[1]:+6.2f} "
              f"{mean[2]:11.3f} {mean[3]:8.3f}")


def main():
    parser = argparse.ArgumentParser()
    commands = parser.add_subparsers(dest="command", required=True)
    p = commands.add_parser("prepare")
    p.add_argument("--dir", required=True)
    p.add_argument("--images", type=int, default=4)
    p.add_argument("--size", type=int, default=256)
    p.add_argument("--sigmas", type=float, nargs="+", default=[0.05, 0.1, 0.2])
    t = commands.add_parser("table")
    t.add_argument("peer")
    t.add_argument("suite")
    args = parser.parse_args()
    prepare(args) if args.command == "prepare" else table(args)


if __name__ == "__main__":
    main()
