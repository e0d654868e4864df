"""Driving the till window the way a cashier does: keys, typed text and scanner bursts."""

from dataclasses import replace

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from pos_app.runtime import Runtime
from pos_app.store.store import Store
from pos_app.sync.backoff import Backoff
from pos_app.sync.history import HistoryOptions
from pos_app.ui.main_window import MainWindow

# A customer known by phone: the till's rule makes the E.164 number the customerId.
PHONE = "+201001234567"
LOCAL_PHONE = "010 0123 4567"  # the same number as a cashier in Egypt types it


def fast(runtime: Runtime) -> None:
    """Test pacing: quick probes and retries so an outage ends in milliseconds, not minutes."""
    options = runtime.engine.options
    options.probe_backoff = Backoff(base=0.05, cap=0.2)
    options.pause_backoff = Backoff(base=0.05, cap=0.2)
    options.delivery.retry_backoff = Backoff(base=0.05, cap=0.2)
    options.history = replace(HistoryOptions(), refresh_after_s=0.2)


def open_window(qtbot, runtime, **kwargs) -> MainWindow:
    window = MainWindow(runtime.till_services(demo=True), **kwargs)
    qtbot.addWidget(window, before_close_func=lambda w: w.shutdown())
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(window.customer.entry.hasFocus)  # active, keys reach it
    qtbot.waitUntil(lambda: window.sale.status.online and len(window.sale.catalogue) > 0)
    qtbot.waitUntil(lambda: window.worker.pending == 0)
    return window


def press(qtbot, window, key):
    """A key pressed wherever the focus is, as the cashier's keyboard sends it."""
    target = QApplication.focusWidget() or window
    qtbot.keyClick(target, key)


def type_into(qtbot, widget, text, enter=True):
    widget.setFocus()
    qtbot.keyClicks(widget, text)
    if enter:
        qtbot.keyClick(widget, Qt.Key.Key_Return)


def modal(kind):
    widget = QApplication.activeModalWidget()
    return widget if isinstance(widget, kind) else None


def store_of(runtime):
    return Store.open_in(runtime.data_dir)
