#!/usr/bin/env python3
"""Draws the app's icons (public/icons/icon-{192,512}.png): a white speech bubble with
three dots on the site's green, inside the central 80 % that maskable icons keep. Pure
Python (zlib), so that the icons can be drawn again on any machine: python3 scripts/make_icons.py"""

import struct
import zlib
from pathlib import Path

GREEN = (0x0B, 0x5D, 0x3B)
WHITE = (0xFF, 0xFF, 0xFF)


def inside_bubble(x: float, y: float) -> bool:
    # An ellipse centred a little above the middle, and a tail towards the lower left.
    if ((x - 0.5) / 0.30) ** 2 + ((y - 0.46) / 0.22) ** 2 <= 1:
        return True
    # The tail: a triangle with corners (0.33, 0.60), (0.47, 0.64) and (0.28, 0.76).
    def side(ax, ay, bx, by):
        return (bx - ax) * (y - ay) - (by - ay) * (x - ax)
    d1 = side(0.33, 0.60, 0.47, 0.64)
    d2 = side(0.47, 0.64, 0.28, 0.76)
    d3 = side(0.28, 0.76, 0.33, 0.60)
    return (d1 >= 0 and d2 >= 0 and d3 >= 0) or (d1 <= 0 and d2 <= 0 and d3 <= 0)


def on_dot(x: float, y: float) -> bool:
    return any((x - cx) ** 2 + (y - 0.46) ** 2 <= 0.035**2 for cx in (0.38, 0.5, 0.62))


def colour(x: float, y: float) -> tuple:
    if inside_bubble(x, y) and not on_dot(x, y):
        return WHITE
    return GREEN


def draw(size: int) -> bytes:
    samples = 4  # per axis, for smooth edges
    rows = []
    for py in range(size):
        row = bytearray([0])
        for px in range(size):
            total = [0, 0, 0]
            for sy in range(samples):
                for sx in range(samples):
                    c = colour((px + (sx + 0.5) / samples) / size, (py + (sy + 0.5) / samples) / size)
                    for i in range(3):
                        total[i] += c[i]
            row += bytes(round(t / samples**2) for t in total)
        rows.append(bytes(row))
    raw = zlib.compress(b"".join(rows), 9)

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", size, size, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", raw) + chunk(b"IEND", b"")


if __name__ == "__main__":
    out = Path(__file__).resolve().parent.parent / "public" / "icons"
    out.mkdir(parents=True, exist_ok=True)
    for size in (192, 512):
        (out / f"icon-{size}.png").write_bytes(draw(size))
