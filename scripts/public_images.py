#!/usr/bin/env python3
"""Real (not simulated) stained-tissue images that ship inside installable packages, as TIFFs SlideIO reads.

Sources (no run-time downloads: both images are files inside the installed packages):
  ihc  scikit-image (pip install scikit-image), skimage.data.immunohistochemistry(): 512 x 512 px RGB, colonic
       glands, FHL2 protein shown with DAB, hematoxylin counterstain; acquired at the Center for Microscopy And
       Molecular Imaging (CMMI), "No known copyright restrictions"; scikit-image is BSD-3-Clause licensed.
  he   StarDist 0.9.2 (pip install --no-deps stardist), stardist/data/images/histo.jpg (stardist.data.test_image_he_2d):
       500 x 300 px RGB JPEG, H&E-stained tumour tissue "from the Cancer Imaging Archive"; StarDist is
       BSD-3-Clause licensed. The file is read directly, so StarDist's TensorFlow dependencies are not needed.

Pixel size: neither image states one. We assume 0.5 um/px (20x) for both, from nuclear sizes: in the IHC image
epithelial nuclei in cross-section are ~12-16 px (6-8 um) and stromal spindle nuclei 5-8 px wide; in the H&E image
tumour nuclei are ~16-22 px (8-11 um) across and the smallest round dark nuclei ~12 px (6 um, lymphocyte size).
Pass another value with --mpp (and to `tme quantify --mpp`) to test the sensitivity.

Writes <out>/skimage_ihc.tif and <out>/stardist_he.tif: tiled (256 px) deflate RGB TIFFs with resolution tags in
pixels per centimetre (10,000 / mpp), and, with --crops DIR, the small crops used as test fixtures (crop boxes below).

Usage: python3 scripts/public_images.py [--out /tmp/tme-public] [--mpp 0.5] [--crops Tests/QuantifyTests/Fixtures/public]
"""
import argparse
import importlib.util
import os
import sys

import numpy as np
import tifffile

# (x, y, width, height) of the committed test fixtures, in pixels of the source images. The H&E fixture is the whole
# image: on a 96 um crop its tile-level Otsu threshold differs and crowded nuclei merge more (16 instead of 24
# detections in the counted box), while real slides are analysed in 512 um tiles.
CROPS = {
    "skimage_ihc": (218, 298, 192, 192),
    "stardist_he": (0, 0, 500, 300),
}


def load_ihc():
    from skimage import data
    return data.immunohistochemistry()


def load_he():
    spec = importlib.util.find_spec("stardist")
    if spec is None or not spec.submodule_search_locations:
        return None
    path = os.path.join(list(spec.submodule_search_locations)[0], "data", "images", "histo.jpg")
    if not os.path.exists(path):
        return None
    from PIL import Image
    return np.asarray(Image.open(path).convert("RGB"))


def write_tiff(path, rgb, mpp, description):
    tifffile.imwrite(path, np.ascontiguousarray(rgb), photometric="rgb", tile=(256, 256), compression="zlib",
                     resolution=(1e4 / mpp, 1e4 / mpp), resolutionunit="CENTIMETER", description=description,
                     metadata=None)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", default="/tmp/tme-public")
    ap.add_argument("--mpp", type=float, default=0.5)
    ap.add_argument("--crops", help="also write the test-fixture crops into this folder")
    a = ap.parse_args()
    os.makedirs(a.out, exist_ok=True)
    images = {"skimage_ihc": load_ihc(), "stardist_he": load_he()}
    if images["stardist_he"] is None:
        print("stardist not installed (pip install --no-deps stardist): H&E image skipped", file=sys.stderr)
    for name, rgb in images.items():
        if rgb is None:
            continue
        path = os.path.join(a.out, name + ".tif")
        write_tiff(path, rgb, a.mpp, f"{name}; mpp={a.mpp} (assumed)")
        print(f"{path}: {rgb.shape[1]} x {rgb.shape[0]} px, {a.mpp} um/px (assumed)")
        if a.crops:
            os.makedirs(a.crops, exist_ok=True)
            x, y, w, h = CROPS[name]
            crop_path = os.path.join(a.crops, f"{name}_crop.tif" if (w, h) != rgb.shape[1::-1] else f"{name}.tif")
            write_tiff(crop_path, rgb[y:y + h, x:x + w], a.mpp, f"{name} crop x={x} y={y} w={w} h={h}; mpp={a.mpp} (assumed)")
            print(f"{crop_path}: crop ({x}, {y}, {w}, {h})")


if __name__ == "__main__":
    main()
