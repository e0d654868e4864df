"""Keyboard and scanner: a QR scanned into the customer field, items scanned wherever the focus is,
typing that is not a scan, free lines and quantities without a mouse, and the Arabic layout."""

from decimal import Decimal

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLineEdit
from till_helpers import modal, open_window, press, type_into

from pos_app.domain.customer_id import Source
from pos_app.ui import i18n
from pos_app.ui.line_dialog import FreeLineDialog
from pos_app.ui.shortcuts import ScannerFilter


def test_a_qr_scanned_into_the_customer_field_carries_its_hash(qtbot, window):
    type_into(qtbot, window.customer.entry, "demo-amira482913")  # keyClicks arrive as fast as a scanner
    sale = window.sale
    assert (sale.who.customer_id, sale.who.hash, sale.who.source) == ("demo-amira", "482913", Source.QR)
    qtbot.waitUntil(lambda: sale.customer is not None)
    assert sale.customer.balance.available_points == 2400


def test_an_item_scanned_while_another_field_has_focus_goes_to_the_basket(qtbot, window):
    sale = window.sale
    press(qtbot, window, Qt.Key.Key_F9)  # the basket has focus; the scanner does not care
    qtbot.waitUntil(window.basket_view.hasFocus)
    qtbot.keyClicks(window.basket_view, "4006381333931")
    qtbot.keyClick(window.basket_view, Qt.Key.Key_Return)
    assert [line.product_id for line in sale.basket.lines] == ["P-1001"]

    window.customer.entry.setText("010")  # half a phone number typed, then a scan of an item
    window.customer.entry.setFocus()
    window.sku_entry.setFocus()
    type_into(qtbot, window.sku_entry, "4006381333931")
    assert sale.basket.lines[0].quantity == 2 and window.sku_entry.text() == ""

    press(qtbot, window, Qt.Key.Key_F9)
    qtbot.waitUntil(window.basket_view.hasFocus)
    qtbot.keyClick(window.basket_view, Qt.Key.Key_Plus)
    assert sale.basket.lines[0].quantity == 3
    qtbot.keyClick(window.basket_view, Qt.Key.Key_Delete)
    assert sale.basket.is_empty


def test_slow_typing_is_not_a_scan(qtbot):
    clock = iter(i * 0.2 for i in range(100))
    scans = []
    field = QLineEdit()
    qtbot.addWidget(field)
    scanner = ScannerFilter(lambda widget: True, clock=lambda: next(clock))
    scanner.scanned.connect(lambda code, widget: scans.append(code))
    QApplication.instance().installEventFilter(scanner)
    try:
        field.show()
        field.activateWindow()
        field.setFocus()
        qtbot.waitUntil(field.hasFocus)
        qtbot.keyClicks(field, "12345678")
        qtbot.keyClick(field, Qt.Key.Key_Return)
    finally:
        QApplication.instance().removeEventFilter(scanner)
    assert scans == [] and field.text() == "12345678"


def test_a_free_line_by_keyboard(qtbot, window):
    press(qtbot, window, Qt.Key.Key_F7)
    qtbot.waitUntil(lambda: modal(FreeLineDialog) is not None)
    dialog = modal(FreeLineDialog)
    qtbot.waitUntil(dialog.title.hasFocus)
    qtbot.keyClicks(dialog.title, "Gift wrap")
    qtbot.keyClick(dialog.title, Qt.Key.Key_Tab)
    qtbot.keyClicks(dialog.price, "2.50")
    qtbot.keyClick(dialog.price, Qt.Key.Key_Tab)
    qtbot.keyClicks(dialog.quantity, "2")  # typed after the 1 already there: 12 would be wrong
    dialog.quantity.selectAll()
    qtbot.keyClicks(dialog.quantity, "2")
    qtbot.keyClick(dialog.quantity, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not window.sale.basket.is_empty)
    [line] = window.sale.basket.lines
    assert (line.title, line.price, line.quantity) == ("Gift wrap", Decimal("2.50"), Decimal(2))
    assert window.sale.basket.total_price == Decimal("5.00")


def test_arabic_mirrors_the_layout_and_translates(qtbot, runtime):
    app = QApplication.instance()
    translators = i18n.install(app, "ar")
    try:
        window = open_window(qtbot, runtime)
        assert app.layoutDirection() == Qt.LayoutDirection.RightToLeft
        assert window.layoutDirection() == Qt.LayoutDirection.RightToLeft
        assert window.basket_view.layoutDirection() == Qt.LayoutDirection.RightToLeft
        assert window.pay_button.text() == "\u0627\u062f\u0641\u0639 (F12)"  # "ادفع (F12)": Pay
        assert window.status_panel.connection_label.text().count("\u0645\u062a\u0635\u0644") == 1  # متصل: online
        # Numbers and the customer's ID keep reading left to right inside the mirrored layout.
        window.sale.identify("+201001234567")
        qtbot.waitUntil(lambda: window.sale.customer is not None)
        # Until Gameball names the customer, the panel shows the ID, isolated left to right.
        window.sale.profile = None
        assert "\u2066+201001234567\u2069" in window.customer.who_parts()[0]
    finally:
        i18n.uninstall(app, translators)
    assert app.layoutDirection() == Qt.LayoutDirection.LeftToRight
