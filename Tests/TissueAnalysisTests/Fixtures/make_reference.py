"""Prints the scikit-image reference numbers hard-coded in DeconvolutionTests and ImageOperationTests.

Run: python3 make_reference.py   (scikit-image 0.26, numpy; pip install scikit-image)
"""
import numpy as np
from skimage.color import rgb2hed
from skimage.filters import threshold_otsu
from skimage.measure import perimeter_crofton

px = np.array([[[200, 120, 180], [30, 60, 150], [250, 250, 250], [90, 40, 20], [1, 255, 128], [128, 128, 128]]],
              dtype=np.uint8)
for p, h in zip(px[0], rgb2hed(px)[0]):
    print("rgb2hed", list(map(int, p)), ["%.9f" % v for v in h])

v = np.array([((i * i) % 97) / 97.0 + (0.8 if i % 3 == 0 else 0) for i in range(1000)], dtype=np.float32)
print("threshold_otsu", threshold_otsu(v))

square = np.zeros((30, 30), bool); square[5:15, 5:15] = True
yy, xx = np.mgrid[0:40, 0:40]
disc = (xx - 20) ** 2 + (yy - 20) ** 2 <= 64
print("perimeter_crofton square %.9f disc %.9f" % (perimeter_crofton(square, 4), perimeter_crofton(disc, 4)))
