#!/usr/bin/env python3
"""Peer of `tme-bench quantify`: rgb2hed -> Gaussian (sigma 1 px = 0.5 um, as ours) -> Otsu -> fill holes ->
Euclidean distance transform -> peak_local_max (min_distance 3 px) -> watershed(-distance, markers, mask) ->
regionprops (area, perimeter, eccentricity, solidity, mean hematoxylin) -> a class rule per nucleus.

usage: skimage_quantify_bench.py IMAGE.rgb WIDTH HEIGHT REPEATS
Prints one JSON line (best thread-CPU and wall seconds).
"""
import json, os, sys, time
os.environ.setdefault("OMP_NUM_THREADS", "1")
import numpy as np
from scipy import ndimage as ndi
from skimage.color import rgb2hed
from skimage.filters import gaussian, threshold_otsu
from skimage.feature import peak_local_max
from skimage.segmentation import watershed
from skimage.measure import regionprops

path, width, height = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
repeats = int(sys.argv[4]) if len(sys.argv) > 4 else 3
rgb = np.fromfile(path, dtype=np.uint8).reshape(height, width, 3)

def run():
    hed = rgb2hed(rgb)
    h = gaussian(hed[..., 0], sigma=1)
    mask = h >= threshold_otsu(h)
    mask = ndi.binary_fill_holes(mask)
    distance = ndi.distance_transform_edt(mask)
    labels_cc, _ = ndi.label(mask)
    peaks = peak_local_max(distance, min_distance=3, labels=labels_cc, exclude_border=False)
    markers = np.zeros(mask.shape, dtype=np.int32)
    markers[tuple(peaks.T)] = np.arange(1, len(peaks) + 1)
    labels = watershed(-distance, markers, mask=mask)
    classes = []
    for region in regionprops(labels, intensity_image=hed[..., 0]):
        d = 2 * np.sqrt(region.area / np.pi)
        ecc, sol, mean = region.eccentricity, region.solidity, region.intensity_mean
        per = region.perimeter
        classes.append(0 if d < 8 and mean > 0.1 else 1 if ecc > 0.9 else 2 if sol < 0.9 else 3)
    return len(classes)

best_cpu, best_wall, n = float("inf"), float("inf"), 0
for _ in range(repeats):
    c0, w0 = time.thread_time(), time.perf_counter()
    n = run()
    best_cpu, best_wall = min(best_cpu, time.thread_time() - c0), min(best_wall, time.perf_counter() - w0)
print(json.dumps({"nuclei": n, "cpu_seconds": best_cpu, "wall_seconds": best_wall,
                  "megapixels": width * height / 1e6}))
