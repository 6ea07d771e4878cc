#!/usr/bin/env python3
"""PyTorch reference runs for the Swift InstanSeg post-processing (Sources/InstanSeg/PostProcessing).

Run once by hand (needs torch, numpy, scikit-image for nothing but the H&E crop's JPEG reader PIL, and the weights
from scripts/fetch-models); the tests need no PyTorch. Writes Tests/InstanSegTests/Fixtures/PostProcessing/:

  probability_net.json           the ProbabilityNet weights (fc1 4->5, fc2 5->5, fc3 5->1) as float lists.
  <case>.fcn.f32.zlib            the network's output after InstanSeg's _recover_padding: 5 x H x W float32,
                                 little-endian, channel-major, byte-shuffled (the 4 byte planes one after another)
                                 and zlib-compressed (shuffling makes float32 compress ~25 % better).
  <case>.labels.i32.zlib         PyTorch's full forward m(x) for the same input: H x W int32 labels, zlib.
  manifest.json                  shapes, SHA-256 of the uncompressed data, instance counts, sources.

Cases:
  authors_test_input   the authors' own test-input.npy (1,3,256,256, float 0-255); its PyTorch labels equal
                       their shipped test-output_instance_segmentation.npy exactly (checked here, asserted).
  stardist_he_crop     a 150 x 136 px crop (x 300, y 40) of StarDist 0.9.2's H&E histo.jpg (BSD-3-Clause;
                       pip install --no-deps stardist==0.9.2), sides not multiples of 16 so the padding is exercised.

Normalisation, exactly as the model's rdf.yaml asks (bioimageio scale_range, per channel over x and y):
(x - p0.1) / (p99.9 - p0.1 + 1e-6), percentiles by numpy's linear interpolation. The forward then clamps to
[-2, 3], reflect-pads bottom/right to a multiple of 16 (_instanseg_padding), runs fcn, and crops back.

A Python transcription of InstanSeg_Torchscript.forward's post-processing (from the archive's code/ folder) is
checked to give exactly m(x) on every case, and with --dump DIR writes its intermediates (seeds, window
probabilities before and after cleanup, the IoM adjacency, the labels before remapping) for debugging.
With --bench N it also times PyTorch on an N x N tile made of mirrored copies of the authors' input (fcn alone,
whole forward, their difference = the TorchScript post-processing) and writes that tile's fcn output to
--bench-out (not committed) for the Swift benchmark.

Usage: python3 scripts/peers/instanseg_postprocess_reference.py [--models DIR] [--out DIR] [--dump DIR]
                                                                [--bench 1024 --bench-out /tmp/instanseg-bench]
"""
import argparse
import hashlib
import importlib.util
import json
import os
import sys
import time
import zlib

import numpy as np
import torch
import torch.nn.functional as F

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
MODELS = os.path.join(ROOT, ".tme/models/instanseg/brightfield_nuclei/0.1.1")
OUT = os.path.join(ROOT, "Tests/InstanSegTests/Fixtures/PostProcessing")
HE_CROP = (300, 40, 150, 136)  # x, y, width, height in histo.jpg


def normalise(x):
    """bioimageio scale_range (rdf.yaml): per channel, percentiles 0.1 / 99.9 over y and x, eps 1e-6."""
    x = x.astype(np.float32).copy()
    for c in range(x.shape[1]):
        lo, hi = np.percentile(x[0, c], [0.1, 99.9])
        x[0, c] = (x[0, c] - lo) / (hi - lo + 1e-6)
    return torch.from_numpy(x)


def fcn_output(m, x):
    """InstanSeg_Torchscript.forward up to and including _recover_padding: 5 x H x W."""
    x = x.clone().clamp_(max=3).clamp_(min=-2)
    h, w = x.shape[-2:]
    padx, pady = -h % 16, -w % 16
    xp = F.pad(x, [0, pady, 0, padx], "reflect") if padx or pady else x
    with torch.no_grad():
        out = m.fcn(xp)
    return out[0, :, :h, :w]


# MARK: - Transcription of the TorchScript post-processing (cells_and_nuclei False, dim_seeds 1)

def flood_fill(bw_mask, bw_seed):
    bw_mask = bw_mask.clone().float()
    bw_seed = bw_seed.clone()
    for _ in range(max(bw_seed.shape[-1], bw_seed.shape[-2])):
        bw_seed2 = F.max_pool2d(bw_seed.float(), 3, 1, 1)
        bw_seed2 = torch.bitwise_and(bw_seed2 > 0, bw_mask > 0)
        if torch.equal(bw_seed, bw_seed2):
            return bw_seed2 > 0
        bw_seed = bw_seed2
    return bw_seed > 0


def fill_holes(bw_mask):
    x = bw_mask.float()
    for _ in range(3):
        x = F.max_pool2d(x, 3, 1, 1)
    return ~flood_fill(~bw_mask, ~(x > 0))


def linspace_map(h, w):
    xx = torch.linspace(0, w * 64 / 256, w).view(1, 1, -1).expand(1, h, w)
    yy = torch.linspace(0, h * 64 / 256, h).view(1, -1, 1).expand(1, h, w)
    return torch.cat([xx, yy])


def postprocess(m, x6, mask_threshold=0.53, peak_distance=5, seed_threshold=0.7, overlap_threshold=0.3,
                window_size=32, dump=None):
    _, height, width = x6.shape
    xxyy = linspace_map(height, width)
    fields = (torch.sigmoid(x6[0:2]) - 0.5) * 8
    sigma = x6[2:4]
    mask_map = x6[-1] / 15 + 0.5
    pooled, inds = F.max_pool2d_with_indices(mask_map.view(1, 1, height, width), 2 * peak_distance + 1, 1,
                                             peak_distance, 1, False, True)
    own = torch.arange(0, height * width, dtype=torch.int64).reshape(1, 1, height, width)
    centroids_idx = torch.nonzero(((inds == own) * (pooled > seed_threshold)).squeeze()).to(torch.int64)
    fields = fields + xxyy
    c = fields[:, centroids_idx[:, 0], centroids_idx[:, 1]].T
    h, w = height, width
    C = c.shape[0]
    if C == 0:
        return torch.zeros((h, w))
    ws = min(window_size, height, width)
    centroids = centroids_idx.clone()
    centroids[:, 0].clamp_(ws, h - ws)
    centroids[:, 1].clamp_(ws, w - ws)
    window_slices = centroids[:, None] + torch.tensor([[-1, -1], [1, 1]], dtype=torch.int64) * ws
    S = 2 * ws
    gx, gy = torch.meshgrid(torch.arange(S), torch.arange(S), indexing="ij")
    mesh = torch.stack([gx, gy]).expand(C, 2, S, S).flatten(2).permute(1, 0, 2)
    mesh = (mesh + window_slices[:, 0].permute(1, 0)[:, :, None]).flatten(1)
    xs = fields[:, mesh[0], mesh[1]].reshape(2, C, S, S).permute(1, 0, 2, 3)
    ss = sigma[:, mesh[0], mesh[1]].reshape(2, C, S, S).permute(1, 0, 2, 3)
    feats = torch.cat([xs - c.reshape(-1, 2, 1, 1), ss], 1).flatten(2).permute(0, 2, 1).reshape(C * S * S, 4)
    with torch.no_grad():
        x9 = torch.sigmoid(m.pixel_classifier(feats)).reshape(C, 1, S, S)
    if dump is not None:
        dump["seeds"] = centroids_idx.numpy().astype(np.int32)
        dump["prob_raw"] = x9.numpy().copy()
    coords = mesh.reshape(2, C, S, S)
    shifted = centroids_idx - window_slices[:, 0]
    seeds = torch.zeros_like(x9)
    seeds[:, 0][torch.arange(C), shifted[:, 0], shifted[:, 1]] = 1
    filled = flood_fill(x9 >= mask_threshold, seeds) > 0
    holes = fill_holes(filled) ^ filled
    x9[~filled] = 0
    x9[holes] = mask_threshold
    if dump is not None:
        dump["prob_clean"] = x9.numpy().copy()
    labels = convert(x9, coords, (h, w), mask_threshold)
    iidd = torch.stack([(torch.ones(C, S, S, dtype=torch.int64) * torch.arange(C)[:, None, None]).flatten(),
                        mesh[0] * w + mesh[1]])
    fg = x9.flatten() >= mask_threshold
    onehot = torch.sparse_coo_tensor(iidd[:, fg], torch.ones(int(fg.sum())), [C, h * w])
    inter = torch.sparse.mm(onehot, onehot.T).to_dense()
    area = torch.sparse.sum(onehot, dim=(1,)).to_dense()
    iom = inter / torch.min(area[:, None], area[None, :])
    adjacency = (iom > overlap_threshold).to(torch.int64)
    remapping = connected_components(adjacency)
    if dump is not None:
        dump["labels_before_remap"] = labels.numpy().astype(np.int32)
        dump["adjacency"] = adjacency.numpy().astype(np.uint8)
        dump["remapping"] = remapping.numpy()
    order = remapping[0].argsort()
    srt = remapping[:, order]
    return srt[1][torch.bucketize(labels.ravel(), srt[0])].reshape(labels.shape).float()


def convert(prob_input, coords_input, size, mask_threshold):
    all_labels = torch.arange(1, 1 + prob_input.shape[0], dtype=torch.float32)
    labels = (torch.ones_like(prob_input) * all_labels.reshape(-1, 1, 1, 1)).flatten()
    prob = prob_input.flatten()
    x, y = coords_input[0].flatten(), coords_input[1].flatten()
    keep = prob >= mask_threshold
    n = int(keep.sum())
    if n == 0:
        return torch.zeros(size)
    arr = torch.zeros((n, 5), dtype=coords_input.dtype)
    arr[:, 1], arr[:, 2] = y[keep], x[keep]
    arr[:, 0] = arr[:, 2] * size[1] + arr[:, 1]
    arr[:, 3] = labels[keep]
    arr = arr[prob[keep].argsort(descending=True, stable=True)]
    arr = arr[arr[:, 0].argsort(stable=True)]
    first = torch.ones_like(arr[:, 0], dtype=torch.bool)
    first[1:] = arr[1:, 0] != arr[:-1, 0]
    out = torch.zeros(size)
    out[arr[first, 2], arr[first, 1]] = arr[first, 3].float()
    return out


def connected_components(adjacency, max_iterations=100):
    n = adjacency.shape[0]
    labels = torch.arange(1, n + 1)
    M = adjacency + torch.eye(n)
    row, col = torch.nonzero(M).T
    for _ in range(max_iterations):
        prev = labels.clone()
        mins = torch.full([n], float("inf")).scatter_reduce_(0, row, labels[col].float(), "amin")
        labels = torch.minimum(labels, mins)
        if torch.equal(labels, prev):
            break
    return torch.cat([torch.zeros(2, 1, dtype=torch.int64), torch.stack([torch.arange(1, n + 1), labels.long()])], 1)


# MARK: - Fixtures

def shuffled_zlib(a):
    raw = np.ascontiguousarray(a, dtype="<f4").view(np.uint8).reshape(-1, 4)
    return zlib.compress(np.ascontiguousarray(raw.T).tobytes(), 9)


def load_he_crop():
    spec = importlib.util.find_spec("stardist")
    if spec is None or not spec.submodule_search_locations:
        sys.exit("stardist is needed for the H&E crop: pip install --no-deps stardist==0.9.2")
    from PIL import Image
    path = os.path.join(spec.submodule_search_locations[0], "data", "images", "histo.jpg")
    rgb = np.asarray(Image.open(path).convert("RGB"))
    x0, y0, cw, ch = HE_CROP
    return rgb[y0:y0 + ch, x0:x0 + cw].transpose(2, 0, 1)[None].astype(np.float32)


def check_transcription(m, x, fcn, case, dump_dir):
    with torch.no_grad():
        full = m(x)[0, 0]
    dump = {} if dump_dir else None
    ours = postprocess(m, fcn.clone(), dump=dump)
    assert torch.equal(ours, full), f"{case}: the Python transcription differs from m(x)"
    if dump_dir:
        os.makedirs(dump_dir, exist_ok=True)
        np.savez(os.path.join(dump_dir, case + ".npz"), fcn=fcn.numpy(), labels=full.numpy(), **dump)
    return full


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--models", default=MODELS)
    ap.add_argument("--out", default=OUT)
    ap.add_argument("--dump", default=None)
    ap.add_argument("--bench", type=int, default=0)
    ap.add_argument("--bench-out", default="/tmp/instanseg-bench")
    args = ap.parse_args()
    torch.set_num_threads(1)
    m = torch.jit.load(os.path.join(args.models, "instanseg.pt")).eval()
    os.makedirs(args.out, exist_ok=True)
    manifest = {"producedBy": "scripts/peers/instanseg_postprocess_reference.py",
                "torch": torch.__version__, "cases": {}}

    weights = {name: {"shape": list(p.shape), "values": [float(v) for v in p.detach().flatten()]}
               for name, p in m.pixel_classifier.named_parameters()}
    with open(os.path.join(args.out, "probability_net.json"), "w") as f:
        json.dump(weights, f, indent=1)

    authors = np.load(os.path.join(args.models, "test-input.npy"))
    shipped = np.load(os.path.join(args.models, "test-output_instance_segmentation.npy"))[0, 0]
    cases = {"authors_test_input": (authors, "test-input.npy of brightfield_nuclei 0.1.1"),
             "stardist_he_crop": (load_he_crop(), "StarDist 0.9.2 histo.jpg, crop x,y,w,h = %d,%d,%d,%d" % HE_CROP)}
    for case, (raw, source) in cases.items():
        x = normalise(raw)
        fcn = fcn_output(m, x)
        labels = check_transcription(m, x, fcn, case, args.dump)
        if case == "authors_test_input":
            assert np.array_equal(labels.numpy(), shipped), "PyTorch differs from the authors' shipped labels"
        lab = labels.numpy().astype("<i4")
        with open(os.path.join(args.out, case + ".fcn.f32.zlib"), "wb") as f:
            f.write(shuffled_zlib(fcn.numpy()))
        with open(os.path.join(args.out, case + ".labels.i32.zlib"), "wb") as f:
            f.write(zlib.compress(lab.tobytes(), 9))
        manifest["cases"][case] = {
            "source": source, "height": int(fcn.shape[1]), "width": int(fcn.shape[2]),
            "fcnSHA256": hashlib.sha256(np.ascontiguousarray(fcn.numpy(), "<f4").tobytes()).hexdigest(),
            "labelsSHA256": hashlib.sha256(lab.tobytes()).hexdigest(),
            "instances": int(len(np.unique(lab)) - 1)}
        print(case, fcn.shape, manifest["cases"][case]["instances"], "instances", file=sys.stderr)
    with open(os.path.join(args.out, "manifest.json"), "w") as f:
        json.dump(manifest, f, indent=1)

    if args.bench:
        n = args.bench
        reps = -(-n // 256)
        row = np.concatenate([authors if i % 2 == 0 else authors[..., ::-1] for i in range(reps)], axis=3)
        tile = np.concatenate([row if i % 2 == 0 else row[..., ::-1, :] for i in range(reps)], axis=2)
        tile = np.ascontiguousarray(tile[..., :n, :n])
        x = normalise(tile)
        t0 = time.perf_counter(); fcn = fcn_output(m, x); t1 = time.perf_counter()
        with torch.no_grad():
            full = m(x)[0, 0]
        t2 = time.perf_counter()
        ours = postprocess(m, fcn.clone())
        assert torch.equal(ours, full)
        os.makedirs(args.bench_out, exist_ok=True)
        np.ascontiguousarray(fcn.numpy(), "<f4").tofile(os.path.join(args.bench_out, "fcn.f32"))
        full.numpy().astype("<i4").tofile(os.path.join(args.bench_out, "labels.i32"))
        mpx = n * n / 1e6
        print(json.dumps({"size": n, "threads": 1, "fcnSeconds": t1 - t0, "forwardSeconds": t2 - t1,
                          "postprocessMsPerMpx": ((t2 - t1) - (t1 - t0)) * 1e3 / mpx,
                          "instances": int(len(np.unique(full.numpy())) - 1)}))


if __name__ == "__main__":
    main()
