"""Draw the product icon and write resources/icons/pos-app.ico (16 to 256 px), which the executables, the
shortcuts and the installer carry (installer/pos_app.spec, installer/pos_app.nsi).

    QT_QPA_PLATFORM=offscreen python scripts/make_icon.py

Run it again only to change the design; the .ico is committed so a build needs no drawing step. Each size is
drawn, not scaled, and stored as PNG inside the ICO, as Windows Vista and later read it.
"""

from __future__ import annotations

import struct
import sys
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QGuiApplication, QImage, QPainter, QPainterPath

OUT = Path(__file__).resolve().parent.parent / "resources" / "icons" / "pos-app.ico"
SIZES = (16, 24, 32, 48, 64, 128, 256)


def draw(size: int) -> bytes:
    """A teal rounded tile with a gold coin: loyalty at the till. PNG bytes."""
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    tile = QPainterPath()
    tile.addRoundedRect(QRectF(0, 0, size, size), size * 0.2, size * 0.2)
    painter.fillPath(tile, QColor("#0f766e"))
    coin = QRectF(size * 0.18, size * 0.18, size * 0.64, size * 0.64)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QColor("#f5b301"))
    painter.drawEllipse(coin)
    if size >= 24:  # a star on the coin where there are pixels enough to see it
        font = QFont("DejaVu Sans")
        font.setPixelSize(int(size * 0.42))
        font.setBold(True)
        painter.setFont(font)
        painter.setPen(QColor("#0f766e"))
        painter.drawText(coin, Qt.AlignmentFlag.AlignCenter, "\u2605")
    painter.end()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    return bytes(data)


def ico(images: list[tuple[int, bytes]]) -> bytes:
    """ICONDIR, one ICONDIRENTRY per image, then the PNGs (a width or height of 0 means 256)."""
    header = struct.pack("<HHH", 0, 1, len(images))
    offset = len(header) + 16 * len(images)
    entries, blobs = b"", b""
    for size, png in images:
        side = 0 if size >= 256 else size
        entries += struct.pack("<BBBBHHII", side, side, 0, 0, 1, 32, len(png), offset + len(blobs))
        blobs += png
    return header + entries + blobs


def main() -> int:
    QGuiApplication(sys.argv)
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_bytes(ico([(size, draw(size)) for size in SIZES]))
    print(f"wrote {OUT} ({OUT.stat().st_size} bytes, {len(SIZES)} sizes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
