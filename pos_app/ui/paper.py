"""Laying a QTextDocument out for the paper it is printed on.

QTextDocument.print_() on a document without a page size lays it out with 2 cm margins of its own on top of
the printer's: on an 80 mm receipt roll that leaves about 32 mm for the text. Here the document takes the
printable area of the device's page layout (its paintRect, the paper minus the printer's own margins) as its
page, at the device's resolution, so the text fills the paper whatever its size.
"""

from __future__ import annotations

from PySide6.QtCore import QMarginsF, QSizeF
from PySide6.QtGui import QPagedPaintDevice, QPageLayout, QPageSize, QTextDocument

# Around the text when the device reports no margins of its own (a roll printer that prints edge to edge).
MARGIN_MM = 3.0
ROLL_80MM = QPageSize(QSizeF(80, 297), QPageSize.Unit.Millimeter, "80 mm roll")


def fit_to_page(document: QTextDocument, device: QPagedPaintDevice) -> None:
    """Lay `document` out on `device`'s printable area, in the device's own pixels (fonts keep their point
    size); print_() then draws it 1:1, page by page, with no margins of its own. A device with no margins (a
    roll printed edge to edge) gets MARGIN_MM, as Qt gives an unpaginated document 2 mm."""
    margins = device.pageLayout().margins(QPageLayout.Unit.Millimeter)
    if max(margins.left(), margins.right()) < 1.0:
        device.setPageMargins(QMarginsF(MARGIN_MM, MARGIN_MM, MARGIN_MM, MARGIN_MM), QPageLayout.Unit.Millimeter)
    dpi = device.resolution()
    printable = device.pageLayout().paintRectPixels(dpi)
    document.documentLayout().setPaintDevice(device)
    document.setDocumentMargin(0.0)
    document.setPageSize(QSizeF(printable.width(), printable.height()))


def set_paper(device: QPagedPaintDevice, page: QPageSize, margin_mm: float) -> None:
    """A PDF's paper and margins (a printer's come from its driver and the print dialog)."""
    device.setPageSize(page)
    device.setPageMargins(QMarginsF(margin_mm, margin_mm, margin_mm, margin_mm), QPageLayout.Unit.Millimeter)
