#!/usr/bin/env python3
"""Golden network outputs of InstanSeg brightfield_nuclei 0.1.1 for Tests/InstanSegTests (PyTorch, run once).

Reads the authors' test tensor (test-input.npy, 1x3x256x256, float 0-255) from the fetched model folder,
normalises it as InstanSeg's own inference does (instanseg.utils.utils.percentile_normalize: per channel,
np.percentile 0.1 / 99.9 with linear interpolation, (x - lo) / max(1e-3, hi - lo)), then does what
InstanSeg_Torchscript.forward does before its post-processing: clamp to [-2, 3],
_instanseg_padding(x, 0, 16, False) (reflect padding to a multiple of 16), model.fcn, _recover_padding.

Two cases: the whole 256x256 tensor, and its crop rows 3..253, columns 17..220 (250 x 203: exercises the
reflect padding and its removal). Percentiles are computed on each case's own pixels.

Writes into the fixture folder (every 2nd row and column of the 5-channel output keeps each file < 1 MB):
  instanseg_full_out_s2.npy   float32 (5, 128, 128)   output[:, ::2, ::2] of the full case
  instanseg_crop_out_s2.npy   float32 (5, 125, 102)   output[:, ::2, ::2] of the crop case
  instanseg_reference.json    percentiles per channel, crop box, shapes, torch version, model sha256

Usage: python3 scripts/peers/instanseg_reference.py [MODEL_DIR] [FIXTURE_DIR]
"""
import hashlib, json, os, sys
import numpy as np
import torch

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
model_dir = sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, ".tme/models/instanseg/brightfield_nuclei/0.1.1")
out_dir = sys.argv[2] if len(sys.argv) > 2 else os.path.join(ROOT, "Tests/InstanSegTests/Fixtures")
CROP = (3, 253, 17, 220)  # y0, y1, x0, x1 (half-open)

torch.set_num_threads(1)
torch.use_deterministic_algorithms(True)
model_path = os.path.join(model_dir, "instanseg.pt")
model = torch.jit.load(model_path).eval()


def percentile_normalize(img):
    """instanseg.utils.utils.percentile_normalize(img, percentile=0.1, subsampling_factor=1, epsilon=1e-3), CHW."""
    out = img.clone()
    lows, highs = [], []
    for c in range(img.shape[0]):
        p_min, p_max = np.percentile(img[c].numpy(), [0.1, 99.9])
        out[c] = (img[c] - p_min) / max(1e-3, p_max - p_min)
        lows.append(float(p_min)); highs.append(float(p_max))
    return out, lows, highs


def instanseg_padding(img, min_dim=16):
    """tiling._instanseg_padding(img, extra_pad=0, min_dim=16, ensure_square=False), as the archive's code/ spells it
    (reflect padding at the bottom and right only, up to the next multiple of 16)."""
    h, w = img.shape[-2:]
    padx = int(np.ceil(h / min_dim)) * min_dim - h
    pady = int(np.ceil(w / min_dim)) * min_dim - w
    return torch.nn.functional.pad(img, [0, pady, 0, padx], "reflect"), (padx, pady)


def recover_padding(x, pad):
    padx, pady = pad
    return x[:, :, : x.shape[2] - padx, : x.shape[3] - pady]


def run(img):
    x, lows, highs = percentile_normalize(img)
    x = x[None].clamp(-2, 3)
    padded, pad = instanseg_padding(x)
    with torch.no_grad():
        y = recover_padding(model.fcn(padded), pad)
    return y[0].numpy().astype(np.float32), lows, highs


raw = torch.from_numpy(np.load(os.path.join(model_dir, "test-input.npy")).astype(np.float32))[0]
full, full_lo, full_hi = run(raw)
y0, y1, x0, x1 = CROP
crop, crop_lo, crop_hi = run(raw[:, y0:y1, x0:x1].contiguous())
os.makedirs(out_dir, exist_ok=True)
np.save(os.path.join(out_dir, "instanseg_full_out_s2.npy"), np.ascontiguousarray(full[:, ::2, ::2]))
np.save(os.path.join(out_dir, "instanseg_crop_out_s2.npy"), np.ascontiguousarray(crop[:, ::2, ::2]))
with open(model_path, "rb") as f:
    sha = hashlib.sha256(f.read()).hexdigest()
meta = {
    "model_sha256": sha, "torch_version": torch.__version__, "numpy_version": np.__version__,
    "full": {"shape": list(full.shape), "percentile_low": full_lo, "percentile_high": full_hi,
             "output_min": float(full.min()), "output_max": float(full.max())},
    "crop": {"box_y0_y1_x0_x1": list(CROP), "shape": list(crop.shape), "percentile_low": crop_lo,
             "percentile_high": crop_hi, "output_min": float(crop.min()), "output_max": float(crop.max())},
    "subsampling": "output[:, ::2, ::2]",
}
with open(os.path.join(out_dir, "instanseg_reference.json"), "w") as f:
    json.dump(meta, f, indent=2)
print(json.dumps(meta, indent=2))
