"""History search and filters, the host POS's basket arriving through the bridge's service, and a status
bar that never claims online while orders wait."""

import threading
from datetime import date, timedelta

from PySide6.QtCore import QDate, Qt
from till_helpers import PHONE, modal, press

from pos_app.domain.order import validate_order, validate_preview
from pos_app.domain.timeutil import utc_now
from pos_app.store.records import State
from pos_app.sync.status import EngineStatus, PauseReason
from pos_app.ui.history import HistoryDialog
from pos_app.ui.status_bar import UNCONFIRMED_AFTER_S, Connection, connection_of


def sell(runtime, order_id, customer_id, total):
    body = {"customerId": customer_id, "orderId": order_id, "totalPaid": total}
    runtime.service.accept_order(validate_order(body, now=utc_now(), currency="USD"))


def test_history_searches_and_filters(qtbot, window, runtime):
    sell(runtime, "T1-A", PHONE, 10)
    sell(runtime, "T1-B", "demo-omar", 20)
    qtbot.waitUntil(lambda: window.sale.status.pending == 0 and window.sale.status.online)
    qtbot.waitUntil(lambda: window.slip is not None and window.slip.order_id == "T1-B")  # the host's sales
    qtbot.waitUntil(window.slip.isActiveWindow)
    press(qtbot, window, Qt.Key.Key_Escape)
    qtbot.waitUntil(window.customer.entry.hasFocus)
    press(qtbot, window, Qt.Key.Key_F6)
    qtbot.waitUntil(lambda: modal(HistoryDialog) is not None)
    history = modal(HistoryDialog)
    qtbot.waitUntil(lambda: history.model.rowCount() == 2)

    qtbot.waitUntil(history.search.hasFocus)
    qtbot.keyClicks(history.search, "010 0123 4567")  # a phone as the cashier types it finds its orders
    qtbot.waitUntil(lambda: [r.order_id for r in history.model.rows] == ["T1-A"])
    history.search.clear()
    qtbot.keyClicks(history.search, "t1-b")
    qtbot.waitUntil(lambda: [r.order_id for r in history.model.rows] == ["T1-B"])
    history.search.clear()
    history.state.setCurrentIndex(history.state.findData(State.FAILED))
    qtbot.waitUntil(lambda: history.model.rowCount() == 0)
    history.state.setCurrentIndex(history.state.findData(State.DELIVERED))
    qtbot.waitUntil(lambda: history.model.rowCount() == 2)
    yesterday = QDate(date.today() - timedelta(days=1))
    history.first.setDate(yesterday)
    history.last.setDate(yesterday)
    qtbot.waitUntil(lambda: history.model.rowCount() == 0)
    assert "0 order(s)" in history.count.text()


def test_the_host_basket_and_order_arrive_through_the_bridge_service(qtbot, window, runtime):
    sale = window.sale
    basket = {"customerId": PHONE, "totalPaid": 14.98, "lineItems": [
        {"productId": "P-1001", "title": "Pens", "price": 4.99, "quantity": 1},
        {"productId": "P-2000", "title": "Binder", "price": 9.99, "quantity": 1}]}
    preview = validate_preview(basket, now=utc_now(), currency="USD")
    # The bridge serves each request on its own thread.
    thread = threading.Thread(target=runtime.service.preview, args=(preview,))
    thread.start()
    thread.join()
    qtbot.waitUntil(lambda: len(sale.basket.lines) == 2)
    assert sale.basket.from_host and [line.title for line in sale.basket.lines] == ["Pens", "Binder"]
    qtbot.waitUntil(lambda: sale.customer is not None and sale.who.customer_id == PHONE)

    order = validate_order({**basket, "orderId": "HOST-1"}, now=utc_now(), currency="USD")
    threading.Thread(target=runtime.service.accept_order, args=(order,)).start()
    qtbot.waitUntil(lambda: window.slip is not None and window.slip.order_id == "HOST-1")
    assert sale.basket.is_empty and "HOST-1" in window.notice.text()


def test_the_status_bar_says_online_only_when_nothing_waits():
    now = 1_000_000.0
    fresh = EngineStatus(online=True, last_sync_at=now - 5)
    assert connection_of(fresh, now) is Connection.ONLINE
    assert connection_of(EngineStatus(online=True, pending=3, last_sync_at=now - 5), now) is Connection.SENDING
    assert connection_of(EngineStatus(online=True, last_sync_at=now - UNCONFIRMED_AFTER_S - 1), now) \
        is Connection.UNCONFIRMED
    assert connection_of(EngineStatus(online=False, pending=3), now) is Connection.OFFLINE
    assert connection_of(EngineStatus(online=True, pending=3, pause_reason=PauseReason.RATE_LIMITED,
                                      last_sync_at=now), now) is Connection.PAUSED
    assert connection_of(EngineStatus(pause_reason=PauseReason.BAD_KEYS), now) is Connection.BAD_KEYS
    assert connection_of(EngineStatus(sender=False, online=True, last_sync_at=now), now) is Connection.NOT_SENDER


def test_history_says_how_many_of_how_many_and_shows_the_rest(qtbot, window, runtime, monkeypatch):
    import pos_app.ui.history as history_module

    monkeypatch.setattr(history_module, "PAGE", 3)  # five orders, three to a page
    for number in range(5):
        sell(runtime, f"PAGE-{number}", "demo-amira", 10)
    window.open_history()
    history = window.history
    qtbot.waitUntil(lambda: history.model.rowCount() == 3)
    assert "3 of 5 orders shown" in history.count.text() and history.more_button.isVisible()
    history.more_button.click()
    qtbot.waitUntil(lambda: history.model.rowCount() == 5)
    assert "3 of" not in history.count.text() and not history.more_button.isVisible()
    history.done(0)


def test_answers_arriving_after_the_history_closed_are_dropped(qtbot, window, runtime):
    sell(runtime, "LATE-1", "demo-amira", 10)
    window.open_history()  # the list is asked of the worker ...
    window.history.done(0)  # ... and the cashier closes the history before it comes: it is dropped
    qtbot.waitUntil(lambda: window.worker.pending == 0)
    assert window.worker.dropped >= 1


def test_a_stopped_worker_never_starts_again(qtbot):
    from pos_app.ui.worker import Worker

    worker = Worker()
    ran = []
    worker.submit("before", lambda: ran.append(1))
    worker.stop()
    worker.submit("after", lambda: ran.append(2))  # a late timer after the window closed
    assert not worker.isRunning() and ran == [1]


def test_garbage_is_collected_on_the_gui_thread_only(qtbot):
    import gc
    import threading

    from pos_app.ui.gc_guard import GuiThreadGarbageCollector

    assert not gc.isenabled()  # the session's collector (tests/conftest.py), as in the app
    threads = []
    gc.callbacks.append(callback := lambda phase, info: threads.append(threading.current_thread()))
    try:
        def make_cycles() -> None:
            for _ in range(5_000):
                cycle: list[object] = []
                cycle.append(cycle)

        worker = threading.Thread(target=make_cycles)  # garbage made on another thread ...
        worker.start()
        worker.join()
        assert threads == []  # ... is never collected there
        collector = GuiThreadGarbageCollector()
        qtbot.waitUntil(lambda: threads != [], timeout=3000)  # the timer collects, on this thread
        assert set(threads) == {threading.main_thread()}
        collector._timer.stop()
    finally:
        gc.callbacks.remove(callback)
