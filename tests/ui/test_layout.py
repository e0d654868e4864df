"""No text is cut on any screen: the layout audit itself, and every screen at four screen sizes.

Qt reads the screen size and QT_SCALE_FACTOR once per process, so each size runs
scripts/check_layout.py in its own process (English and Arabic inside it). CI renders with DejaVu
fonts, wider than Segoe UI: a pass here errs on the safe side.
"""

import os
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QWidget

from pos_app.domain.money import max_amount
from pos_app.ui.fit_label import FitLabel
from pos_app.ui.layout_audit import audit

ROOT = Path(__file__).resolve().parents[2]


def _window(qtbot, *widgets, width=120):
    window = QWidget()
    window.setObjectName("probe")
    layout = QHBoxLayout(window)
    for widget in widgets:
        layout.addWidget(widget)
    qtbot.addWidget(window)
    window.setFixedWidth(width)
    window.show()
    qtbot.waitExposed(window)
    return window


def test_audit_finds_a_cut_label_and_a_short_button(qtbot):
    label = QLabel("4,599.00 EGP to pay today")
    window = _window(qtbot, label, width=80)
    findings = audit(window)
    assert any("4,599.00 EGP" in finding.widget for finding in findings), findings

    button = QPushButton("Pay")
    button.setFixedHeight(30)
    window = _window(qtbot, button, width=200)
    assert audit(window) == []
    assert any("finger" in finding.problem for finding in audit(window, touch=True))


@pytest.mark.parametrize("currency", ["USD", "KWD", "JPY"])
def test_the_largest_amount_of_every_currency_shows_whole_in_a_narrow_label(qtbot, currency):
    text = f"{max_amount(currency):,} {currency}"
    label = FitLabel(text)
    label.setStyleSheet("font-size: 20pt; font-weight: bold;")
    window = _window(qtbot, label, width=180)
    assert label.text() == text  # the whole figure is what it holds ...
    assert label.fits(), text  # ... and what it shows
    assert audit(window) == []
    plain = QLabel(text)
    plain.setStyleSheet("font-size: 20pt; font-weight: bold;")
    assert audit(_window(qtbot, plain, width=180)), "a plain QLabel would have cut it"


def test_max_amount_has_nine_digits_in_every_minor_unit():
    assert max_amount("USD") == Decimal("9999999.99")
    assert max_amount("KWD") == Decimal("999999.999")
    assert max_amount("JPY") == Decimal("999999999")
    assert max_amount("USD", Decimal("500000")) == Decimal("500000.00")


@pytest.mark.parametrize("screen, scale", [("800x600", None), ("1024x768", None), ("1920x1080", None),
                                           ("1366x768", "1.5")])
def test_no_screen_cuts_text(tmp_path, screen, scale):
    command = [sys.executable, str(ROOT / "scripts" / "check_layout.py"), "--screen", screen]
    if scale:
        command += ["--scale", scale]
    env = {key: value for key, value in os.environ.items() if key not in ("QT_QPA_PLATFORM", "QT_SCALE_FACTOR")}
    done = subprocess.run(command, cwd=tmp_path, env=env, capture_output=True, text=True, timeout=240)
    summary = [line for line in done.stdout.splitlines() if line.strip()]
    assert done.returncode == 0, "\n".join(summary[-40:]) + done.stderr[-2000:]
    assert summary[-1].startswith("0 cut text(s)"), summary[-5:]


def test_a_squeezed_figure_shrinks_to_its_height_too_so_no_comma_loses_its_tail(qtbot):
    from PySide6.QtGui import QFontMetrics

    label = FitLabel("8,499,949.99 USD")
    label.setStyleSheet("font-size: 20pt; font-weight: bold;")
    window = _window(qtbot, label, width=600)
    label.setFixedHeight(18)  # less than a 20 pt line: the layout of a crowded 150% screen
    qtbot.waitUntil(lambda: label.height() == 18)
    rect = label.contentsRect()
    font = label._font_for(rect.width(), rect.height())
    assert font is not None and QFontMetrics(font).height() <= rect.height()
    assert font.pointSizeF() < 20 and label.fits() and audit(window) == []


def test_the_slip_shows_a_long_order_line_whole(qtbot):
    """The slip holds wrapped text, and `adjustSize` capped such a window at two thirds of the screen, below
    its own minimum: at 800 px the order line lost a few pixels, depending on the random order id."""
    from PySide6.QtCore import QObject, Signal

    from pos_app.services.orders import State
    from pos_app.services.till import Slip
    from pos_app.ui.slip_dialog import SlipDialog

    class Sale(QObject):
        slip_changed = Signal(object)

        def stop_slip(self, order_id: str) -> None:
            pass

    sale, order_id = Sale(), "DEMO-1-T1-3iem7zv1-20261202T180512-y6ajl5"
    dialog = SlipDialog(sale, order_id)
    dialog.setStyleSheet("QLabel#slipText { font-size: 14pt; }")
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    sale.slip_changed.emit(Slip(order_id, "c1", Decimal("9999999.99"), "USD", State.DELIVERED, 1_234_567,
                                1_234_567, 500, 2_401_234, "Amira Haddad", "Gold"))
    width = dialog.text.fontMetrics().boundingRect(dialog.text.text().splitlines()[1]).width()
    assert width > dialog.screen().availableGeometry().width() * 2 // 3 - 40  # the case that was cut
    qtbot.waitUntil(lambda: dialog.text.width() >= dialog.text.sizeHint().width())
    assert audit(dialog) == []
