#!/usr/bin/env python3
"""Writes small TIFFs byte by byte for SlideIO tests (standard library only).

make_bad_tiffs.py DIR            -> DIR/pattern_raw_tiled.tif and DIR/bad/*.tif
make_bad_tiffs.py --ppm OUT W H  -> the synthetic pattern as a binary PPM

Pattern (also in Tests/SlideIOTests/SyntheticPattern.swift):
  R = (x + 2*y) % 256, G = (3*x + y) // 2 % 256, B = (x*y // 7 + 40) % 256
"""
import os
import struct
import sys
import zlib


def pattern(x, y):
    return ((x + 2 * y) % 256, (3 * x + y) // 2 % 256, (x * y // 7 + 40) % 256)


def write_ppm(path, w, h):
    with open(path, "wb") as f:
        f.write(b"P6\n%d %d\n255\n" % (w, h))
        f.write(bytes(c for y in range(h) for x in range(w) for c in pattern(x, y)))


def tile_bytes(w, h, tile, tx, ty, spp=3, bps=8):
    out = bytearray()
    for y in range(ty * tile, ty * tile + tile):
        for x in range(tx * tile, tx * tile + tile):
            px = pattern(x, y) if x < w and y < h else (0, 0, 0)
            vals = list(px) + [255] * (spp - 3) if spp >= 3 else [px[0]] * spp
            for v in vals[:spp]:
                out += struct.pack("<H", v * 257) if bps == 16 else bytes([v])
    return bytes(out)


def tiff(w, h, tile, spp=3, bps=8, photometric=2, compression=1, tile_w=None, tile_h=None,
         tiles=None, offsets_fix=None, counts_fix=None, n_tiles=None):
    """Classic little-endian tiled TIFF: header, tile data, then the IFD."""
    tile_w = tile if tile_w is None else tile_w
    tile_h = tile if tile_h is None else tile_h
    across = (w + tile - 1) // tile
    down = (h + tile - 1) // tile
    if tiles is None:
        tiles = [tile_bytes(w, h, tile, tx, ty, spp, bps) for ty in range(down) for tx in range(across)]
    data = bytearray(b"II*\0" + struct.pack("<I", 0))
    offsets, counts = [], []
    for t in tiles:
        offsets.append(len(data))
        counts.append(len(t))
        data += t
    n = len(tiles) if n_tiles is None else n_tiles
    offsets = (offsets + [0] * n)[:n]
    counts = (counts + [0] * n)[:n]
    for i, v in (offsets_fix or {}).items():
        offsets[i] = v
    for i, v in (counts_fix or {}).items():
        counts[i] = v
    extra = bytearray()
    extra_base = None

    entries = []

    def add(tag, typ, values):
        entries.append((tag, typ, values))

    add(256, 4, [w])
    add(257, 4, [h])
    add(258, 3, [bps] * spp)
    add(259, 3, [compression])
    add(262, 3, [photometric])
    add(277, 3, [spp])
    add(284, 3, [1])
    add(322, 4, [tile_w])
    add(323, 4, [tile_h])
    add(324, 4, offsets)
    add(325, 4, counts)
    ifd_offset = len(data) + (len(data) & 1)
    if len(data) & 1:
        data += b"\0"
    ifd_size = 2 + 12 * len(entries) + 4
    extra_base = ifd_offset + ifd_size
    body = struct.pack("<H", len(entries))
    for tag, typ, values in entries:
        size = {3: 2, 4: 4}[typ]
        packed = b"".join(struct.pack("<H" if typ == 3 else "<I", v) for v in values)
        if len(packed) <= 4:
            body += struct.pack("<HHI", tag, typ, len(values)) + packed.ljust(4, b"\0")
        else:
            body += struct.pack("<HHII", tag, typ, len(values), extra_base + len(extra))
            extra += packed
            if len(extra) & 1:
                extra += b"\0"
    body += struct.pack("<I", 0)
    data += body + extra
    struct.pack_into("<I", data, 4, ifd_offset)
    return bytes(data)


def huge_strip(w, h):
    """Striped, deflate, one strip of w x h RGB declared (libtiff chops only uncompressed strips), 16 bytes present."""
    data = bytearray(b"II*\0" + struct.pack("<I", 8))
    entries = [(256, 4, w), (257, 4, h), (258, 3, 8), (259, 3, 8), (262, 3, 2), (273, 4, 200),
               (277, 3, 3), (278, 4, h), (279, 4, w * h * 3), (284, 3, 1)]
    data += struct.pack("<H", len(entries))
    for tag, typ, v in entries:
        data += struct.pack("<HHI", tag, typ, 1) + (struct.pack("<H", v) + b"\0\0" if typ == 3 else struct.pack("<I", v))
    data += struct.pack("<I", 0)
    data = data.ljust(216, b"\0")
    return bytes(data)


def main():
    if sys.argv[1] == "--ppm":
        write_ppm(sys.argv[2], int(sys.argv[3]), int(sys.argv[4]))
        return
    out = sys.argv[1]
    bad = os.path.join(out, "bad")
    os.makedirs(bad, exist_ok=True)
    # 80x48 px, 32-px tiles (3x2 tiles, partial right/bottom), uncompressed RGB.
    good = tiff(80, 48, 32)
    open(os.path.join(out, "pattern_raw_tiled.tif"), "wb").write(good)
    files = {
        "empty.tif": b"",
        "wrong_magic.tif": b"PK\x03\x04" + good[4:],
        # Cut inside the tile data: the IFD is at the end, so cut right after the header instead
        # leaves no IFD; cutting the last 40% leaves tile data but no directory either. Use an IFD-
        # first layout for the truncated-data case below.
        "truncated_header.tif": good[:6],
        "truncated_ifd.tif": good[:len(good) - 60],
        "zero_size_tile.tif": tiff(80, 48, 32, counts_fix={1: 0}),
        "missing_tile.tif": tiff(80, 48, 32, offsets_fix={4: 0}),
        "tile_beyond_eof.tif": tiff(80, 48, 32, offsets_fix={5: 10_000_000}),
        "absurd_dimensions.tif": tiff(4_000_000_000, 4_000_000_000, 256, tiles=[b"\0" * 16], n_tiles=1),
        "absurd_dimensions_consistent.tif": tiff(3_000_000, 2_000_000, 8192, tiles=[b"\0" * 16], n_tiles=1),
        "zero_tile_width.tif": tiff(80, 48, 32, tile_w=0),
        "odd_tile_size.tif": tiff(80, 48, 32, tile_w=33),
        "huge_strip.tif": huge_strip(20000, 20000),
        "gray16.tif": tiff(80, 48, 32, spp=1, bps=16, photometric=1),
        "cmyk.tif": tiff(80, 48, 32, spp=4, photometric=5),
        "corrupt_deflate.tif": tiff(80, 48, 32, compression=8,
                                    tiles=[b"x\x9c" + b"garbage!" * 5 for _ in range(6)]),
    }
    for name, data in files.items():
        open(os.path.join(bad, name), "wb").write(data)


if __name__ == "__main__":
    main()
