"""Issue 12 in the window: an order needing review (status strip, history, the manager's list and its two
decisions) and sales whose points could not be taken (the manager button's notice, the hub's list, the end of day)."""

from decimal import Decimal

from manager_helpers import attach, audit_actions, task, unlock
from PySide6.QtCore import Qt
from test_manager_mode import sell, state_of
from test_till_returns import confirm, open_return
from till_helpers import modal

from pos_app.domain.order import validate_order
from pos_app.domain.timeutil import to_iso_z, utc_now
from pos_app.gameball.client import GameballClient
from pos_app.sandbox import DEMO_API_KEY, DEMO_SECRET_KEY
from pos_app.store.records import State
from pos_app.store.store import Store
from pos_app.ui.history import HistoryModel
from pos_app.ui.manager.end_of_day import EndOfDayDialog
from pos_app.ui.manager.review_orders import ReviewOrdersDialog
from pos_app.ui.manager.shortfalls import ShortfallsDialog
from pos_app.ui.return_dialog import ReturnDialog


def test_an_order_needing_review_is_shown_and_decided_by_the_manager(qtbot, window, runtime, sandbox,
                                                                     memory_keyring):
    manager = attach(window, runtime)
    # Another till's sale under the same id and amount, whose reward Gameball shows without a time.
    with GameballClient(sandbox.url, DEMO_API_KEY, DEMO_SECRET_KEY) as client:
        client.track_order({"customerId": "demo-lena", "orderId": "CLASH", "orderDate": to_iso_z(utc_now()),
                            "totalPaid": Decimal(30)})
    for tx in sandbox.state.orders["CLASH"].transactions:
        del tx["transactionDate"]
    sell(runtime, "CLASH", 30)
    qtbot.waitUntil(lambda: window.sale.status.needs_review == 1, timeout=10_000)
    strip = window.status_panel
    qtbot.waitUntil(lambda: strip.review_label.isVisible() and "To review: 1" in strip.review_label.text())
    assert HistoryModel().state_text(State.REVIEW) == "needs review"
    if window.slip is not None:  # the host's sale opened its slip (which says the points are not confirmed)
        qtbot.waitUntil(lambda: "a manager checks whether it is this sale" in window.slip.state.text())
        window.slip.done(0)
    qtbot.waitUntil(lambda: window.isActiveWindow() and modal(ReturnDialog) is None)
    returning = open_return(qtbot, window, "CLASH")  # a return waits for the manager's decision, and says so
    assert "a manager checks whether it is this sale" in returning.warning.text()
    qtbot.keyClick(returning, Qt.Key.Key_F9)
    confirm(qtbot, returning, "It waits for a manager's check of order CLASH")
    returning.done(0)

    panel = unlock(qtbot, window)
    qtbot.waitUntil(lambda: "(1)" in panel.buttons["review"].text())
    review = task(qtbot, panel, "review", ReviewOrdersDialog)
    qtbot.waitUntil(lambda: review.model.rowCount() == 1 and review.this_sale_button.isEnabled())
    shown = [review.model.index(0, column).data() for column in range(6)]
    assert shown[:4] == ["Order", "CLASH", "demo-amira", "30.00 USD"]
    assert shown[5].startswith("PaymentReward: 30") and "no time recorded" in shown[5]
    assert "This sale: 30.00 USD, customer demo-amira" in review.detail.text()
    assert "Gameball: PaymentReward: 30" in review.detail.text()

    review.other_sale_button.click()
    qtbot.waitUntil(lambda: review.reason_dialog is not None and review.reason_dialog.isVisible())
    reason = review.reason_dialog
    assert not reason.ok.isEnabled()  # a reason is mandatory
    qtbot.keyClicks(reason.reason, "Lena's order in Gameball")
    reason.ok.click()
    qtbot.waitUntil(lambda: review.model.rowCount() == 0 and review.empty.isVisible())
    assert "order id already used by another sale" in review.message.text()
    assert state_of(runtime, "CLASH") is State.FAILED
    review.reject()
    # The order and, with it, the return wait no more: both are on the failed list.
    qtbot.waitUntil(lambda: "(0)" in panel.buttons["review"].text() and "(2)" in panel.buttons["failed"].text())
    qtbot.waitUntil(lambda: not strip.review_label.isVisible())
    audited = {action: (terminal, detail) for action, terminal, detail in audit_actions(runtime)}
    assert audited["outbox.review_failed"] == (runtime.settings.terminal_id, {
        "outboxId": 1, "kind": "order", "refId": "CLASH", "reason": "Lena's order in Gameball"})
    panel.reject()
    manager.shutdown()


def test_a_sale_whose_points_could_not_be_taken_is_noticed_listed_and_counted(qtbot, window, runtime,
                                                                               memory_keyring):
    manager = attach(window, runtime)
    qtbot.waitUntil(lambda: manager.shortfalls_seen == 0)
    # The hold expired before the order arrived (Gameball: 9006), and Gameball will not take its points.
    with Store.open_in(runtime.data_dir) as store:
        store.record_hold("H-GONE", "demo-amira", 10_000_000, Decimal("1000.00"))
    runtime.service.accept_order(validate_order(
        {"customerId": "demo-amira", "orderId": "SHORT-1", "totalPaid": 40,
         "redemption": {"pointsHoldReference": "H-GONE"}}, now=utc_now(), currency=runtime.settings.currency))
    qtbot.waitUntil(lambda: "points not taken (1 new)" in manager.button.text(), timeout=10_000)
    assert state_of(runtime, "SHORT-1") is State.DELIVERED  # for what it earns

    panel = unlock(qtbot, window)
    qtbot.waitUntil(lambda: "(1)" in panel.buttons["shortfalls"].text())
    shortfalls = task(qtbot, panel, "shortfalls", ShortfallsDialog)
    qtbot.waitUntil(lambda: shortfalls.model.rowCount() == 1)
    shown = [shortfalls.model.index(0, column).data() for column in range(7)]
    assert shown[:5] == ["SHORT-1", "demo-amira", "points", "10,000,000", "1,000.00 USD"]
    assert "code 3011" in shown[6]  # Gameball's own reason
    assert shortfalls.total.text().endswith("10,000,000 points not taken")
    assert manager.button.text() == "Manager (F10)"  # seen
    shortfalls.reject()
    qtbot.waitUntil(lambda: panel.task is None)
    day = task(qtbot, panel, "day", EndOfDayDialog)
    qtbot.waitUntil(lambda: day.summary is not None)
    rows = dict(day.rows())
    assert rows["Discount given, points not taken"] == "1" and rows["Points not taken"] == "10000000"
    assert rows["Value of points not taken"] == "1000.00 USD"
    day.reject()
    panel.reject()
    manager.shutdown()
