#!/usr/bin/env python3
"""Reference for TissueMaskTests (pip install scikit-image numpy).

Writes mask_input.rgb (160x120 8-bit RGB, row-major: synthetic glass + stained tissue with holes and
specks, fixed seed) and mask_reference.json: scikit-image's Otsu threshold of HSV saturation
(threshold_otsu, 256 bins), and the mask  sat > t  -> remove_small_objects(max_size=15, 8-connected)
-> remove_small_holes(max_size=256, 4-connected), as a string of '0'/'1'."""
import json

import numpy as np
from skimage.filters import threshold_otsu
from skimage.morphology import remove_small_holes, remove_small_objects

W, H = 160, 120
rng = np.random.default_rng(7)
yy, xx = np.mgrid[0:H, 0:W]
img = np.empty((H, W, 3), float)
img[:] = (238, 239, 236)
tissue = ((xx - 60) ** 2 / 40 ** 2 + (yy - 60) ** 2 / 35 ** 2) < 1          # big ellipse
tissue |= ((xx - 125) ** 2 + (yy - 45) ** 2) < 18 ** 2                      # second fragment
hole_small = (abs(xx - 55) < 4) & (abs(yy - 55) < 3)                        # 7x5 = 35 px hole -> filled
hole_large = ((xx - 70) ** 2 + (yy - 75) ** 2) < 11 ** 2                    # ~380 px lake -> kept
tissue &= ~hole_small & ~hole_large
img[tissue] = (215, 150, 195)
purple = tissue & (((xx // 7 + yy // 5) % 3) == 0)
img[purple] = (150, 100, 180)
speck = (abs(xx - 140) < 2) & (abs(yy - 100) < 2)                           # 3x3 = 9 px speck -> removed
img[speck] = (120, 60, 160)
img += rng.normal(0, 4, img.shape)
img = np.clip(np.rint(img), 0, 255).astype(np.uint8)
img.tofile("mask_input.rgb")

f = img.astype(float)
mx, mn = f.max(axis=2), f.min(axis=2)
sat = np.where(mx == 0, 0, (mx - mn) / np.where(mx == 0, 1, mx))
t = float(threshold_otsu(sat, nbins=256))
mask = sat > t
mask = remove_small_objects(mask, max_size=15, connectivity=2)
mask = remove_small_holes(mask, max_size=256, connectivity=1)
json.dump({"width": W, "height": H, "otsu_threshold": t,
           "mask": "".join("1" if v else "0" for v in mask.ravel())},
          open("mask_reference.json", "w"))
print("otsu", t, "tissue fraction", mask.mean())
