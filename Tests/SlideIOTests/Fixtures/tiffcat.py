#!/usr/bin/env python3
"""tiffcat.py OUT IN... : chain the (single-IFD chains of) classic little-endian TIFFs IN into one
file OUT without re-encoding: each input's bytes are appended and every offset in its IFDs
(out-of-line tag values, StripOffsets, TileOffsets) is relocated. Standard library only."""
import struct
import sys

SIZES = {1: 1, 2: 1, 3: 2, 4: 4, 5: 8, 6: 1, 7: 1, 8: 2, 9: 4, 10: 8, 11: 4, 12: 8, 16: 8}
OFFSET_TAGS = {273, 324}  # StripOffsets, TileOffsets


def ifds(data):
    assert data[:4] == b"II*\0", "only classic little-endian TIFF"
    off = struct.unpack_from("<I", data, 4)[0]
    while off:
        yield off
        n = struct.unpack_from("<H", data, off)[0]
        off = struct.unpack_from("<I", data, off + 2 + 12 * n)[0]


def relocate(data, delta):
    data = bytearray(data)
    offsets = list(ifds(data))
    for off in offsets:
        n = struct.unpack_from("<H", data, off)[0]
        for i in range(n):
            e = off + 2 + 12 * i
            tag, typ, count = struct.unpack_from("<HHI", data, e)
            size = SIZES[typ] * count
            if tag in OFFSET_TAGS:
                fmt = "<H" if typ == 3 else "<I"
                step = 2 if typ == 3 else 4
                base = e + 8 if size <= 4 else struct.unpack_from("<I", data, e + 8)[0]
                for k in range(count):
                    v = struct.unpack_from(fmt, data, base + k * step)[0]
                    struct.pack_into(fmt, data, base + k * step, v + delta)
            if size > 4:
                v = struct.unpack_from("<I", data, e + 8)[0]
                struct.pack_into("<I", data, e + 8, v + delta)
    return data, [o + delta for o in offsets]


def main():
    out = bytearray()
    last_ifd = None
    for k, path in enumerate(sys.argv[2:]):
        data = open(path, "rb").read()
        delta = len(out) if k else 0
        if k:
            delta += len(out) & 1
            out += b"\0" * (len(out) & 1)
            data, offs = relocate(data, delta - 0)
            # The header of this input (8 bytes) stays as dead bytes inside OUT.
        else:
            data, offs = relocate(data, 0)
        start = len(out)
        out += data
        if last_ifd is not None:
            n = struct.unpack_from("<H", out, last_ifd)[0]
            struct.pack_into("<I", out, last_ifd + 2 + 12 * n, offs[0])
        last_ifd = offs[-1]
    open(sys.argv[1], "wb").write(out)


if __name__ == "__main__":
    main()
