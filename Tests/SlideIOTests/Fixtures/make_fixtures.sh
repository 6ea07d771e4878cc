#!/usr/bin/env bash
# Regenerates the committed SlideIO test fixtures (all < 1 MB). Needs python3 (standard library only),
# vips (libvips-tools) and tiffcp/tiffset (libtiff-tools). Run from anywhere:
#   bash Tests/SlideIOTests/Fixtures/make_fixtures.sh
# The synthetic source image is a formula (see SyntheticPattern in the tests), so lossless fixtures
# are checked against it exactly. The bad-input corpus is written byte by byte by make_bad_tiffs.py.
set -euo pipefail
cd "$(dirname "$0")"
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT

python3 make_bad_tiffs.py .             # bad/*.tif and pattern_raw_tiled.tif
python3 make_bad_tiffs.py --ppm "$tmp/source.ppm" 300 200

# Striped LZW, 16 rows per strip (last strip partial).
vips copy "$tmp/source.ppm" "$tmp/source.tif"
tiffcp -s -r 16 -c lzw "$tmp/source.tif" lzw_striped.tif
# BigTIFF, tiled 128x128, deflate.
tiffcp -8 -t -w 128 -l 128 -c zip "$tmp/source.tif" bigtiff_deflate.tif
# Pyramid in SubIFDs (vips --subifd), LZW, 128-px tiles.
vips tiffsave "$tmp/source.ppm" subifd_lzw.tif --tile --pyramid --subifd --compression lzw \
    --tile-width 128 --tile-height 128
# Aperio-like: JPEG with Photometric RGB and JPEGTables (tiled level 0), a striped thumbnail IFD,
# a tiled level 1, "Aperio ... |MPP = 0.4990" in ImageDescription.
vips resize "$tmp/source.ppm" "$tmp/half.tif" 0.5 --kernel linear
vips resize "$tmp/source.ppm" "$tmp/thumb.tif" 0.2 --kernel linear
tiffcp -t -w 256 -l 256 -c jpeg:r:85 "$tmp/source.tif" "$tmp/l0.tif"
tiffcp -s -r 32 -c jpeg:r:85 "$tmp/thumb.tif" "$tmp/t.tif"
tiffcp -t -w 256 -l 256 -c jpeg:r:85 "$tmp/half.tif" "$tmp/l1.tif"
python3 tiffcat.py aperio_like.svs "$tmp/l0.tif" "$tmp/t.tif" "$tmp/l1.tif"
tiffset -d 0 -s 270 "Aperio Image Library v12.0.15 
300x200 [0,0 300x200] (256x256) JPEG/RGB Q=85|AppMag = 20|MPP = 0.4990" aperio_like.svs
# JPEG YCbCr 4:2:0 pyramid as vips writes it (tiled 128, partial edge tiles).
vips tiffsave "$tmp/source.ppm" vips_jpeg.tif --tile --pyramid --compression jpeg --Q 85 \
    --tile-width 128 --tile-height 128
ls -l
