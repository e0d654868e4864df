"""Issue 13 (2, 3, 5) at the till: a damaged or full store refuses Pay with a clear message and keeps the basket,
the status bar says so, and a window started as a standby takes sales and sends them once it takes over."""

import sqlite3

import pytest
from PySide6.QtCore import Qt
from till_helpers import LOCAL_PHONE, fast, modal, press, type_into

from pos_app.config import secrets
from pos_app.config.settings import Settings
from pos_app.domain.storage import StorageState
from pos_app.runtime import Runtime
from pos_app.sandbox import DEMO_API_KEY, DEMO_SECRET_KEY
from pos_app.store.lock import SenderLock
from pos_app.store.orders import OrdersMixin
from pos_app.store.store import Store
from pos_app.ui.main_window import MainWindow
from pos_app.ui.slip_dialog import SlipDialog
from pos_app.ui.status_bar import Connection

COFFEE = "8711000530085"


def _basket(qtbot, window):
    type_into(qtbot, window.customer.entry, LOCAL_PHONE)
    qtbot.waitUntil(lambda: window.sale.customer is not None)
    type_into(qtbot, window.sku_entry, COFFEE)
    qtbot.waitUntil(lambda: len(window.sale.basket.lines) == 1 and not window.sale.live_pending)


def _orders(runtime):
    with Store.open_in(runtime.data_dir) as store:
        return store.pending_count()


def test_a_damaged_database_refuses_pay_keeps_the_basket_and_shows_in_the_status_bar(qtbot, window, runtime):
    _basket(qtbot, window)
    runtime.engine.report_storage(StorageState.DAMAGED)  # what the start-up check or any read reports
    qtbot.waitUntil(lambda: window.sale.status.storage is StorageState.DAMAGED)
    assert window.status_panel.connection() is Connection.STORAGE_DAMAGED
    assert "Database damaged" in window.status_panel.connection_label.text()

    press(qtbot, window, Qt.Key.Key_F12)
    assert "database is damaged" in window.notice.text()
    assert len(window.sale.basket.lines) == 1 and modal(SlipDialog) is None
    assert _orders(runtime) == 0


def test_a_full_disk_refuses_pay_with_a_clear_message_and_the_next_pay_works(qtbot, window, runtime, monkeypatch):
    _basket(qtbot, window)
    original = OrdersMixin.accept_order

    def full(self, *args, **kwargs):
        raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setattr(OrdersMixin, "accept_order", full)
    press(qtbot, window, Qt.Key.Key_F12)
    qtbot.waitUntil(lambda: "disk is full" in window.notice.text())
    assert len(window.sale.basket.lines) == 1 and modal(SlipDialog) is None
    qtbot.waitUntil(lambda: window.status_panel.connection() is Connection.STORAGE_FULL)

    monkeypatch.setattr(OrdersMixin, "accept_order", original)  # space was freed
    press(qtbot, window, Qt.Key.Key_F12)
    qtbot.waitUntil(lambda: modal(SlipDialog) is not None)
    qtbot.waitUntil(lambda: window.sale.status.storage is StorageState.OK)
    assert window.status_panel.connection() is not Connection.STORAGE_FULL


@pytest.fixture
def standby(qtbot, tmp_path, sandbox):
    """A window whose data directory's sender lock another process holds (here: this test's own lock)."""
    other_sender = SenderLock(tmp_path)
    assert other_sender.acquire()
    settings = Settings(api_base=sandbox.url, merchant_id="M1", merchant_name="Shop", branch_id="B1",
                        branch_name="Main", currency=sandbox.state.currency, phone_region="EG")
    runtime = Runtime.build(tmp_path, settings, secrets.Credentials(DEMO_API_KEY, DEMO_SECRET_KEY), "t0ken",
                            bridge=False)
    fast(runtime)
    runtime.engine.options.standby_poll = 0.1
    runtime.start()
    window = MainWindow(runtime.till_services(demo=True), demo=True)
    qtbot.addWidget(window, before_close_func=lambda w: w.shutdown())
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(lambda: not window.sale.status.sender)
    yield window, runtime, other_sender
    runtime.stop()
    other_sender.release()


def test_a_standby_window_takes_sales_durably_and_sends_them_once_it_takes_over(qtbot, standby, sandbox):
    window, runtime, other_sender = standby
    assert window.status_panel.connection() is Connection.NOT_SENDER
    _basket(qtbot, window)
    press(qtbot, window, Qt.Key.Key_F12)
    qtbot.waitUntil(lambda: modal(SlipDialog) is not None and modal(SlipDialog).info is not None)
    order_id = modal(SlipDialog).info.order_id
    assert _orders(runtime) == 1  # durable before the slip, though this window does not send
    assert sandbox.order_report(order_id)["rewarded"] == 0

    other_sender.release()  # the headless engine exited
    qtbot.waitUntil(lambda: window.sale.status.sender, timeout=5000)
    qtbot.waitUntil(lambda: window.sale.status.pending == 0 and window.sale.status.online, timeout=10_000)
    assert sandbox.order_report(order_id)["rewarded"] == 1
    press(qtbot, window, Qt.Key.Key_Escape)
