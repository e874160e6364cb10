"""Peer timings for `Benchmarks/operators.sh`: the same operators on the same data as `strainer operators bench`.

blur:  scipy.signal.fftconvolve(x, k, mode="same") on 512x512 float32 with a 19x19 Gaussian (sigma 3);
       adjoint = fftconvolve with the flipped kernel (correlation), same crop.
radon: skimage.transform.radon on 256x256 float32, 180 angles over [0, 180) degrees, circle=False;
       adjoint ~ iradon(filter_name=None) (unfiltered back-projection, interpolated, not an exact transpose);
       fbp = iradon(filter_name="ramp").
Prints one JSON object per measurement: {"name", "seconds"} (fastest of --repeats runs after one warm-up).
Install: python3 -m venv /tmp/peers && /tmp/peers/bin/pip install numpy scipy scikit-image
"""
import argparse
import json
import sys
import time

try:
    import numpy as np
    from scipy.signal import fftconvolve
    from skimage.transform import iradon, radon
except ImportError as error:  # pragma: no cover - depends on the machine
    sys.stderr.write(f"operators_peer.py: {error}; install with: python3 -m venv /tmp/peers && "
                     "/tmp/peers/bin/pip install numpy scipy scikit-image\n")
    sys.exit(2)


def pattern(size):
    """0.5 + 0.25 sin(0.031 i) cos(0.047 j) + 0.25 ((7i + 13j) mod 17)/17, as in `strainer operators bench`."""
    i, j = np.meshgrid(np.arange(size), np.arange(size), indexing="ij")
    return (0.5 + 0.25 * np.sin(0.031 * i) * np.cos(0.047 * j) + 0.25 * ((7 * i + 13 * j) % 17) / 17).astype(np.float32)


def gaussian_kernel(sigma):
    radius = int(np.ceil(3 * sigma))
    u = np.arange(-radius, radius + 1)
    k = np.exp(-(u[:, None] ** 2 + u[None, :] ** 2) / (2 * sigma * sigma))
    return (k / k.sum()).astype(np.float32)


def fastest_time(body, repeats):
    body()
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        body()
        times.append(time.perf_counter() - start)
    return min(times)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args()

    def report(name, seconds):
        print(json.dumps({"name": name, "seconds": round(seconds, 6)}), flush=True)

    x = pattern(512)
    k = gaussian_kernel(3.0)
    y = fftconvolve(x, k, mode="same")
    report("blur512_apply", fastest_time(lambda: fftconvolve(x, k, mode="same"), args.repeats))
    report("blur512_adjoint", fastest_time(lambda: fftconvolve(y, k[::-1, ::-1], mode="same"), args.repeats))

    image = pattern(256)
    theta = np.arange(180) * 180.0 / 180
    sinogram = radon(image, theta=theta, circle=False)
    report("radon256_apply", fastest_time(lambda: radon(image, theta=theta, circle=False), args.repeats))
    report("radon256_adjoint", fastest_time(lambda: iradon(sinogram, theta=theta, filter_name=None, circle=False), args.repeats))
    report("radon256_fbp", fastest_time(lambda: iradon(sinogram, theta=theta, filter_name="ramp", circle=False), args.repeats))


if __name__ == "__main__":
    main()
