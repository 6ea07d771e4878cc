#!/usr/bin/env python3
"""Peer benchmark for `tme-bench instanseg`: PyTorch CPU running InstanSeg brightfield_nuclei's network.

Times exactly what TMEScope's InstanSegNetwork.predict does, the way InstanSeg_Torchscript.forward
does it before post-processing: clamp to [-2, 3], reflect padding to a multiple of 16, model.fcn
under torch.no_grad, crop back. The tile is the authors' test tensor (test-input.npy) tiled to the
requested size and percentile-normalised (0.1 / 99.9 %), the same pixels the Swift side uses.

Usage: instanseg_torch_bench.py MODEL_DIR SIZE THREADS REPEATS
Prints one JSON line: median and all wall seconds, CPU seconds, threads, torch version.
"""
import json, os, sys, time
import numpy as np
import torch

model_dir, size, threads, repeats = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
torch.set_num_threads(threads)
model = torch.jit.load(os.path.join(model_dir, "instanseg.pt")).eval()
raw = np.load(os.path.join(model_dir, "test-input.npy")).astype(np.float32)[0]
reps = (size + raw.shape[1] - 1) // raw.shape[1]
img = np.tile(raw, (1, reps, reps))[:, :size, :size].copy()
for c in range(3):
    lo, hi = np.percentile(img[c], [0.1, 99.9])
    img[c] = (img[c] - lo) / max(1e-3, hi - lo)
x = torch.from_numpy(img)[None]


def run(x):
    x = x.clamp(-2, 3)
    h, w = x.shape[-2:]
    ph, pw = -h % 16, -w % 16
    padded = torch.nn.functional.pad(x, [0, pw, 0, ph], "reflect")
    with torch.no_grad():
        return model.fcn(padded)[:, :, :h, :w]


run(x[:, :, :64, :64])  # warm-up (TorchScript profiling runs)
walls, cpus = [], []
for _ in range(repeats):
    t0, c0 = time.perf_counter(), time.process_time()
    y = run(x)
    walls.append(time.perf_counter() - t0)
    cpus.append(time.process_time() - c0)
print(json.dumps({"seconds": float(np.median(walls)), "all_seconds": walls, "cpu_seconds": float(np.median(cpus)),
                  "threads": torch.get_num_threads(), "torch_version": torch.__version__, "size": size,
                  "output_shape": list(y.shape)}))
