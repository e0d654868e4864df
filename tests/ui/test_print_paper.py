"""The end-of-day print fits the paper (issue 18.12): laid out on the printer's printable area, an 80 mm roll
gets the whole roll width and A4 the page, and no line runs past the paper's edge."""

import re

import pytest
import shiboken6
from PySide6.QtCore import QMarginsF
from PySide6.QtGui import QPageLayout, QPageSize, QTextDocument
from PySide6.QtPrintSupport import QPrinter

from pos_app.config.settings import Settings
from pos_app.services.manager import ManagerService
from pos_app.ui.manager.end_of_day import EndOfDayDialog, _document, write_pdf
from pos_app.ui.paper import MARGIN_MM, ROLL_80MM, fit_to_page
from pos_app.ui.worker import Worker

A4 = QPageSize(QPageSize.PageSizeId.A4)


@pytest.fixture
def report_html(qtbot, tmp_path):
    settings = Settings(merchant_id="M1", merchant_name="متجر السعادة للملابس الجاهزة", branch_id="B1",
                        branch_name="Heliopolis Branch, Cairo", terminal_id="TILL-03")
    service, worker = ManagerService(tmp_path, settings), Worker()
    dialog = EndOfDayDialog(service, worker)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.summary is not None)
    html = dialog.report_html()
    dialog.close()
    worker.stop(service.close)
    shiboken6.delete(worker)
    return html


def _printer(page, margins_mm):
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setPageSize(page)
    printer.setPageMargins(QMarginsF(*[margins_mm] * 4), QPageLayout.Unit.Millimeter)
    return printer


def _widest_line(document: QTextDocument) -> float:
    """The right edge of the widest laid-out line, in the document's (the device's) pixels."""
    widest, block = 0.0, document.begin()
    layout = document.documentLayout()
    while block.isValid():
        origin = layout.blockBoundingRect(block).topLeft()
        lines = block.layout()
        for number in range(lines.lineCount()):
            line = lines.lineAt(number)
            widest = max(widest, origin.x() + line.x() + line.naturalTextWidth())
        block = block.next()
    return widest


@pytest.mark.parametrize(("page", "margins_mm", "paper_mm", "least_text_mm"),
                         [(ROLL_80MM, 0.0, 80, 70), (ROLL_80MM, 4.0, 80, 70), (A4, 12.7, 210, 180)],
                         ids=["roll-edge-to-edge", "roll-4mm", "a4"])
def test_the_summary_fills_the_paper_and_fits_it(qapp, report_html, page, margins_mm, paper_mm, least_text_mm):
    printer = _printer(page, margins_mm)
    document = _document(report_html, right_to_left=False)
    fit_to_page(document, printer)
    px_per_mm = printer.resolution() / 25.4
    printable = printer.pageLayout().paintRectPixels(printer.resolution())
    text_width_mm = (document.textWidth() - 2 * document.documentMargin()) / px_per_mm
    assert text_width_mm >= least_text_mm - 2 * margins_mm  # not 2 cm of margins a side on top of the printer's
    assert document.size().width() <= printable.width() + 1
    assert _widest_line(document) <= printable.width() + 1  # no text past the edge
    assert printable.width() / px_per_mm == pytest.approx(paper_mm - 2 * max(margins_mm, MARGIN_MM), abs=0.5)


def test_pdfs_at_roll_width_and_a4(qapp, report_html, tmp_path):
    roll, a4 = tmp_path / "roll.pdf", tmp_path / "a4.pdf"
    write_pdf(str(roll), report_html, False, ROLL_80MM, margin_mm=3.0)
    write_pdf(str(a4), report_html, True)
    for path, width_pt in ((roll, 80 / 25.4 * 72), (a4, 210 / 25.4 * 72)):
        data = path.read_bytes()
        assert data.startswith(b"%PDF")
        box = [float(v) for v in re.search(rb"/MediaBox \[([\d. ]+)\]", data).group(1).split()]
        assert box[2] - box[0] == pytest.approx(width_pt, abs=1)
        assert len(re.findall(rb"/Type\s*/Page\b", data)) == 1  # at 32 mm wide the summary took four pages
