#!/usr/bin/env python3
"""Peer for `tme quantify --detector instanseg` as a whole process: PyTorch runs the published InstanSeg
brightfield_nuclei TorchScript model end to end (network and post-processing) on level 0 of a slide at 0.5 um/px,
as a user with PyTorch would: the image read with tifffile, InstanSeg's percentile normalisation over the whole image
(0.1 / 99.9 %, x' = (x - lo) / max(1e-3, hi - lo)), one forward call on the whole image, the instance count printed.

Reference runs only (benchmarks): TMEScope never needs PyTorch at run time or in its tests.

Usage: python3 scripts/peers/instanseg_slide_torch.py SLIDE.tif --weights .tme/models/instanseg/brightfield_nuclei/0.1.1/instanseg.pt [--threads 2]
"""
import argparse

import numpy as np
import tifffile
import torch


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("slide")
    parser.add_argument("--weights", required=True)
    parser.add_argument("--threads", type=int, default=2)
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    image = tifffile.imread(args.slide, key=0)[..., :3].astype(np.float32)
    lo = np.percentile(image, 0.1, axis=(0, 1))
    hi = np.percentile(image, 99.9, axis=(0, 1))
    x = (image - lo.astype(np.float32)) / np.maximum(1e-3, hi - lo).astype(np.float32)
    tensor = torch.from_numpy(np.ascontiguousarray(x.transpose(2, 0, 1)))[None]
    model = torch.jit.load(args.weights)
    with torch.no_grad():
        labels = model(tensor)
    print(int(len(torch.unique(labels)) - 1), "instances")


if __name__ == "__main__":
    main()
