"""Offline: the sale is paid and queued, the slip says pending sync with the expected points, redeeming is
refused; when Gameball is back the order is delivered and the history shows its points."""

from PySide6.QtCore import Qt
from till_helpers import LOCAL_PHONE, modal, press, type_into

from pos_app.store.records import State
from pos_app.ui.history import POINTS, STATE, HistoryDialog
from pos_app.ui.sale import PreviewSource
from pos_app.ui.slip_dialog import SlipDialog
from pos_app.ui.status_bar import Connection


def go_offline(qtbot, window, sandbox):
    sandbox.faults.refuse()
    press(qtbot, window, Qt.Key.Key_F5)  # "Sync now" makes the engine look, not trust its last contact
    qtbot.waitUntil(lambda: not window.sale.status.online)
    assert window.status_panel.connection() is Connection.OFFLINE


def test_offline_sale_is_queued_then_delivered_with_points(qtbot, window, sandbox):
    sale = window.sale
    go_offline(qtbot, window, sandbox)
    type_into(qtbot, window.customer.entry, LOCAL_PHONE)
    qtbot.waitUntil(lambda: sale.customer is not None)
    assert sale.customer.found is None  # never seen on this till, and Gameball cannot be asked
    type_into(qtbot, window.sku_entry, "8711000530085")  # coffee, 8.90
    type_into(qtbot, window.sku_entry, "8711000530085")
    qtbot.waitUntil(lambda: not sale.live_pending)
    # No tier known offline for a customer never seen here: the base rate, and the label says so.
    assert sale.preview.source is PreviewSource.ESTIMATE_BASE_RATE and sale.preview.points == 17
    assert "offline" in window.preview.source.text() and "base rate" in window.preview.source.text()

    press(qtbot, window, Qt.Key.Key_F4)
    assert "offline" in window.notice.text() and modal(SlipDialog) is None

    press(qtbot, window, Qt.Key.Key_F12)
    qtbot.waitUntil(lambda: modal(SlipDialog) is not None and modal(SlipDialog).info is not None)
    slip = modal(SlipDialog)
    assert "Points: pending sync (expected 17)" in slip.text.text()
    assert slip.info.state is State.QUEUED
    qtbot.waitUntil(lambda: sale.status.pending == 1)
    assert "Waiting: 1" in window.status_panel.pending_label.text()
    assert window.status_panel.connection() is Connection.OFFLINE  # never "online" with an order waiting

    sandbox.faults.clear()
    qtbot.waitUntil(lambda: "Points earned: 26" in slip.text.text(), timeout=10_000)  # Gold: 17.80 x 1.5
    qtbot.waitUntil(lambda: sale.status.online and sale.status.pending == 0)
    press(qtbot, window, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: window.slip is None)
    qtbot.waitUntil(window.customer.entry.hasFocus)

    press(qtbot, window, Qt.Key.Key_F6)
    qtbot.waitUntil(lambda: modal(HistoryDialog) is not None)
    history = modal(HistoryDialog)
    qtbot.waitUntil(lambda: history.model.rowCount() == 1
                    and history.model.rows[0].transaction_count == 1)
    model = history.model
    assert model.index(0, STATE).data() == "delivered"
    assert model.index(0, POINTS).data() == "26"
    qtbot.waitUntil(lambda: "PaymentReward  26 points" in history.detail.toPlainText())


def test_a_slip_that_could_not_be_read_once_still_follows_its_order(qtbot, window, sandbox, monkeypatch):
    """One failed read of the order (the database busy) must not freeze the slip at "saved on this till"."""
    sale = window.sale
    go_offline(qtbot, window, sandbox)
    type_into(qtbot, window.customer.entry, LOCAL_PHONE)
    qtbot.waitUntil(lambda: sale.customer is not None)
    type_into(qtbot, window.sku_entry, "8711000530085")
    qtbot.waitUntil(lambda: not sale.live_pending)
    orders, failures = window.services.orders, []
    detail = orders.detail

    def fail_once(order_id):
        if not failures:
            failures.append(order_id)
            raise OSError("database is locked")
        return detail(order_id)

    monkeypatch.setattr(orders, "detail", fail_once)
    press(qtbot, window, Qt.Key.Key_F12)
    qtbot.waitUntil(lambda: bool(failures) and modal(SlipDialog) is not None)
    slip = modal(SlipDialog)
    sandbox.faults.clear()
    qtbot.waitUntil(lambda: slip.info is not None and slip.info.state is State.DELIVERED)
