#!/usr/bin/env python3
"""Draws the cells of `tme quantify --cells-out FILE.geojson` over the image they were detected in (a PNG to look at).

Reads the GeoJSON as QuPath would (Point geometries in level-0 pixels, properties.classification.name/color,
properties.dab_positive, measurements "Nucleus: Area um^2") and, independently of TMEScope's own code, draws for each
cell a circle of the nucleus' equivalent radius r = sqrt(area / pi) / mpp in its class colour (2 px line at the
output scale); on IHC slides DAB-positive cells get a filled centre dot, negative ones none. A legend with the count
per class (and DAB+ count) goes in a strip under the image. The PNG is palette-quantised (256 colours) to stay small.

Usage: python3 scripts/overlay_cells.py IMAGE.tif CELLS.geojson OUT.png --mpp 0.5 [--scale 2] [--title TEXT]
"""
import argparse
import json
from collections import Counter

import numpy as np
import tifffile
from PIL import Image, ImageDraw, ImageFont

ORDER = ["Tumor", "Lymphocyte", "Macrophage", "Stroma", "Other"]
FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"


def load_font(size):
    try:
        return ImageFont.truetype(FONT, size)
    except OSError:
        return ImageFont.load_default()


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("image")
    ap.add_argument("cells")
    ap.add_argument("out")
    ap.add_argument("--mpp", type=float, required=True, help="level-0 um per pixel used for the quantification")
    ap.add_argument("--scale", type=int, default=2, help="output pixels per image pixel")
    ap.add_argument("--title", default="")
    a = ap.parse_args()

    rgb = tifffile.imread(a.image)[..., :3]
    h, w = rgb.shape[:2]
    s = a.scale
    base = Image.fromarray(np.ascontiguousarray(rgb)).resize((w * s, h * s), Image.LANCZOS)
    with open(a.cells) as f:
        features = json.load(f)["features"]

    legend_h = 24 * s // 2 + 8 + (20 if a.title else 0)
    canvas = Image.new("RGB", (w * s, h * s + legend_h), "white")
    canvas.paste(base, (0, 0))
    draw = ImageDraw.Draw(canvas)
    counts, positive, colours = Counter(), Counter(), {}
    for feat in features:
        x, y = feat["geometry"]["coordinates"]
        props = feat["properties"]
        name = props["classification"]["name"]
        colour = tuple(props["classification"]["color"])
        colours[name] = colour
        counts[name] += 1
        area = props.get("measurements", {}).get("Nucleus: Area µm^2") or 20.0
        r = max(2.0, (area / np.pi) ** 0.5 / a.mpp) * s
        cx, cy = (x + 0.5) * s, (y + 0.5) * s
        draw.ellipse([cx - r, cy - r, cx + r, cy + r], outline=colour, width=max(1, s))
        if props.get("dab_positive"):
            positive[name] += 1
            d = 1.5 * s
            draw.ellipse([cx - d, cy - d, cx + d, cy + d], fill=colour)

    font = load_font(7 * s)
    y0 = h * s + 4
    if a.title:
        draw.text((6, y0), a.title, fill=(40, 40, 40), font=font)
        y0 += 20
    x0 = 6
    is_ihc = any("dab_positive" in f["properties"] for f in features)
    for name in ORDER:
        if name not in counts:
            continue
        colour = colours[name]
        draw.ellipse([x0, y0 + 2, x0 + 7 * s, y0 + 2 + 7 * s], outline=colour, width=max(1, s))
        label = f"{name} {counts[name]}" + (f" ({positive[name]} DAB+)" if is_ihc else "")
        draw.text((x0 + 9 * s, y0), label, fill=(40, 40, 40), font=font)
        x0 += 9 * s + int(draw.textlength(label, font=font)) + 14
    canvas.quantize(colors=256, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE).save(a.out, optimize=True)
    total = sum(counts.values())
    print(f"{a.out}: {total} cells drawn " + ", ".join(f"{k} {v}" for k, v in counts.most_common()))


if __name__ == "__main__":
    main()
