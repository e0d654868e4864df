"""An uncaught error in a worker thread, a Qt slot or the sync engine: a report each, one dialog on the GUI
thread while it is open, and the queue still delivers afterwards."""

import threading
from functools import partial

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from pos_app.crash import CrashReporter
from pos_app.domain.order import validate_order
from pos_app.domain.timeutil import utc_now
from pos_app.store.records import State
from pos_app.store.store import Store
from pos_app.ui.crash_dialog import CrashDialog, CrashNotifier


def crash_dialogs():
    return [w for w in QApplication.topLevelWidgets() if isinstance(w, CrashDialog) and w.isVisible()]


# pytest-qt fails a test when a slot raises, and that stays on everywhere else: here raising is the point,
# and the app's own hook (installed below) must be the one that sees it.
@pytest.mark.qt_no_exception_capture
def test_crashes_anywhere_show_one_dialog_and_the_queue_keeps_working(qtbot, window, runtime, monkeypatch):
    notifier = CrashNotifier(partial(CrashReporter, runtime.data_dir), window).install()
    notifier.window = window
    engine = runtime.engine
    real_cycle = engine._cycle
    broken = []

    def cycle_that_breaks_once(store, client):
        if not broken:
            broken.append(True)
            raise RuntimeError("sync engine bug")
        return real_cycle(store, client)

    try:
        def worker_thread():
            raise RuntimeError("worker thread bug")

        thread = threading.Thread(target=worker_thread, name="crash-test-worker")
        thread.start()
        thread.join()

        def slot():
            raise ValueError("slot bug")

        QTimer.singleShot(0, slot)
        monkeypatch.setattr(engine, "_cycle", cycle_that_breaks_once)
        engine.recheck()
        qtbot.waitUntil(lambda: notifier.dialog is not None and notifier.dialog.crashes == 3, timeout=10_000)
        assert notifier.shown == 1 and len(crash_dialogs()) == 1
        assert "3 errors" in notifier.dialog.repeats.text()
        reports = sorted((runtime.data_dir / "crash").glob("crash-*.txt"))
        assert len(reports) == 3
        texts = "".join(path.read_text(encoding="utf-8") for path in reports)
        for name in ("worker thread bug", "slot bug", "sync engine bug", "crash-test-worker"):
            assert name in texts
        assert str(runtime.data_dir / "crash" / "crash-") in notifier.dialog.detail.text()  # where the report is

        # The engine carried on: a sale after the crashes is delivered.
        body = {"customerId": "demo-amira", "orderId": "AFTER-CRASH", "totalPaid": 10}
        runtime.service.accept_order(validate_order(body, now=utc_now(), currency=runtime.settings.currency))

        def delivered():
            with Store.open_in(runtime.data_dir) as store:
                return store.get_order("AFTER-CRASH").state is State.DELIVERED

        qtbot.waitUntil(delivered, timeout=10_000)

        notifier.dialog.reject()
        qtbot.waitUntil(lambda: notifier.dialog is None)
        QTimer.singleShot(0, slot)  # closed, the next crash opens a dialog again
        qtbot.waitUntil(lambda: notifier.dialog is not None)
        assert notifier.shown == 2 and len(crash_dialogs()) == 1
        notifier.dialog.reject()
    finally:
        notifier.uninstall()
