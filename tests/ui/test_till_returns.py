"""Returns at the till (F11, or "Return..." in the history) and holds that outlive their sale.

A sale is returned in two partial line returns and then whole, with the caps, the points shown and the
refunds delivered; a return of an order still queued offline goes after it; a return of a failed order
fails with the reason; more than what is left is refused before it is queued; and a hold taken by a till
that is killed mid-sale is released when the till starts again.
"""

import subprocess
import sys
import threading
from decimal import Decimal
from pathlib import Path

from PySide6.QtCore import Qt
from till_helpers import PHONE, modal, press

from pos_app.domain.order import validate_order
from pos_app.domain.refund import validate_refund
from pos_app.domain.timeutil import utc_now
from pos_app.store.records import State
from pos_app.store.store import Store
from pos_app.ui.history import HistoryDialog
from pos_app.ui.return_dialog import ReturnDialog

D = Decimal
PENS, COFFEE = "P-1001", "P-1003"  # 4.99 and 8.90, neither with a points multiplier


def pay_a_sale(qtbot, window, codes, redeem=None):
    sale = window.sale
    sale.identify(PHONE)
    for code in codes:
        sale.add_code(code)
    qtbot.waitUntil(lambda: sale.customer is not None)
    if redeem:
        sale.redeem(points=redeem)
        qtbot.waitUntil(lambda: sale.basket.redemption is not None)
    sale.pay()
    qtbot.waitUntil(lambda: window.slip is not None)
    order_id = window.slip.order_id
    window.slip.done(0)
    qtbot.waitUntil(window.customer.entry.hasFocus)  # back at the till, keys reach it
    return order_id


def host_sale(qtbot, window, runtime, order_id, lines):
    """An order the host POS sent through the bridge (the cashier only returns it); its slip is closed."""
    total = sum((D(str(price)) * quantity for _, quantity, price in lines), D(0))
    body = {"customerId": PHONE, "orderId": order_id, "totalPaid": total,
            "lineItems": [{"productId": p, "quantity": q, "price": price} for p, q, price in lines]}
    runtime.service.accept_order(validate_order(body, now=utc_now(), currency="USD"))
    qtbot.waitUntil(lambda: window.slip is not None and window.slip.order_id == order_id)
    window.slip.done(0)
    qtbot.waitUntil(window.customer.entry.hasFocus)


def open_return(qtbot, window, order_id=None):
    press(qtbot, window, Qt.Key.Key_F11)
    qtbot.waitUntil(lambda: modal(ReturnDialog) is not None)
    dialog = modal(ReturnDialog)
    if order_id is not None:
        qtbot.waitUntil(dialog.entry.hasFocus)
        qtbot.keyClicks(dialog.entry, order_id)  # as fast as a scanner: the order's barcode on the receipt
        qtbot.keyClick(dialog.entry, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: dialog.view is not None)
    return dialog


def choose(qtbot, dialog, row, units):
    spin = dialog.spins[row]
    assert spin.height() >= 40  # a finger can use it on a touch till
    spin.setFocus()
    spin.selectAll()
    qtbot.keyClicks(spin, str(units))
    qtbot.waitUntil(lambda: spin.value() == units)


def confirm(qtbot, dialog, expected):
    qtbot.keyClick(dialog, Qt.Key.Key_F12)
    qtbot.waitUntil(lambda: expected in dialog.message.text() and not dialog.busy, timeout=5000)
    # The dialog reloads the order: the caps and what is left change with every return.
    qtbot.waitUntil(lambda: dialog.view is not None and bool(dialog.view.record.refunds)
                    and dialog.view.record.refunds[-1].refund_id in dialog.message.text())


def refunds_of(runtime, order_id):
    with Store.open_in(runtime.data_dir) as store:
        return store.get_order(order_id).refunds


def available(sandbox):
    return sandbox.state.balance(PHONE)["availablePointsBalance"]


def test_two_partial_line_returns_then_the_rest_from_the_history(qtbot, window, runtime, sandbox):
    order_id = pay_a_sale(qtbot, window, [PENS, PENS, PENS, COFFEE, COFFEE], redeem=100)  # 32.77 - 10.00
    qtbot.waitUntil(lambda: window.sale.status.pending == 0 and sandbox.order_report(order_id)["known"])
    report = sandbox.order_report(order_id)
    assert (report["rewardedPoints"], report["redeemedPoints"]) == (34, 100)  # 22.77 x 1.5 (Gold)
    balance_after_sale = available(sandbox)

    press(qtbot, window, Qt.Key.Key_F6)
    qtbot.waitUntil(lambda: modal(HistoryDialog) is not None)
    history = modal(HistoryDialog)
    qtbot.waitUntil(lambda: history.selected_order() == order_id and history.return_button.isEnabled())
    qtbot.waitUntil(lambda: "Points earned: 34" in history.detail.toPlainText())
    history.return_button.click()
    qtbot.waitUntil(lambda: modal(ReturnDialog) is not None)
    dialog = modal(ReturnDialog)
    qtbot.waitUntil(lambda: dialog.view is not None)
    assert [spin.maximum() for spin in dialog.spins] == [3, 2]
    assert not dialog.confirm_button.isEnabled()  # nothing chosen yet

    choose(qtbot, dialog, 0, 1)  # one pen: its share of the 22.77 paid, the redeemed 10.00 shared
    assert dialog.amount.text() == "3.47 USD"
    assert (dialog.taken_back.text(), dialog.given_back.text()) == ("5", "15")
    assert dialog.given_back.isVisibleTo(dialog)
    confirm(qtbot, dialog, f"{order_id}-R1")
    assert [spin.maximum() for spin in dialog.spins] == [2, 2]  # what is left, after the first return

    choose(qtbot, dialog, 1, 1)  # one coffee
    assert dialog.amount.text() == "6.18 USD" and dialog.taken_back.text() == "9"
    confirm(qtbot, dialog, f"{order_id}-R2")
    qtbot.waitUntil(lambda: [r.state for r in refunds_of(runtime, order_id)] == [State.DELIVERED] * 2,
                    timeout=10_000)
    share = sandbox.order_report(order_id)["refundedShare"]
    assert abs(share - (4.99 + 8.90) / 32.77) < 1e-9

    qtbot.keyClick(dialog, Qt.Key.Key_F9)  # everything left
    assert [spin.value() for spin in dialog.spins] == [2, 1]
    assert dialog.amount.text() == "13.12 USD"  # 22.77 - 3.47 - 6.18: no cent left behind
    confirm(qtbot, dialog, f"{order_id}-R3")
    assert "Everything on this order has been returned" in dialog.warning.text()
    assert not dialog.confirm_button.isEnabled() and not any(spin.isEnabled() for spin in dialog.spins)
    qtbot.waitUntil(lambda: sandbox.order_report(order_id)["refundedShare"] == 1.0, timeout=10_000)
    assert available(sandbox) == balance_after_sale - 34 + 100  # earned taken back, redeemed given back
    dialog.reject()

    # The history lists the returns and, once synced, the transactions Gameball made for them.
    def detail():
        return history.detail.toPlainText()

    qtbot.waitUntil(lambda: detail().count("delivered") >= 3 and "PartialRefund" in detail()
                    and "  Refund  " in detail(), timeout=10_000)
    assert "Returns:" in detail() and f"{order_id}-R1  3.47 USD  delivered" in detail()
    assert f"{order_id}-R3  13.12 USD  delivered" in detail()


def test_a_return_of_an_order_still_queued_offline_goes_after_it(qtbot, window, runtime, sandbox):
    sandbox.faults.refuse()
    window.sale.sync_now()
    qtbot.waitUntil(lambda: not window.sale.status.online)
    order_id = pay_a_sale(qtbot, window, [PENS, COFFEE])
    dialog = open_return(qtbot, window, order_id[-6:])  # the end of the orderId is enough when it is unique
    assert dialog.view.record.order_id == order_id
    assert "still waiting to be sent" in dialog.warning.text()
    choose(qtbot, dialog, 1, 1)
    confirm(qtbot, dialog, "which is still waiting")
    assert [r.state for r in refunds_of(runtime, order_id)] == [State.QUEUED]
    assert not sandbox.order_report(order_id)["known"]

    sandbox.faults.clear()
    qtbot.waitUntil(lambda: [r.state for r in refunds_of(runtime, order_id)] == [State.DELIVERED], timeout=10_000)
    with Store.open_in(runtime.data_dir) as store:
        record = store.get_order(order_id)
    assert record.delivered_at <= record.refunds[0].delivered_at  # the order first, never the refund
    assert abs(sandbox.order_report(order_id)["refundedShare"] - 8.90 / 13.89) < 1e-9


def test_a_return_of_a_failed_order_says_why_it_is_not_sent(qtbot, window, runtime, sandbox):
    sandbox.faults.poison(order_id="HOST-BAD", code=3003)
    host_sale(qtbot, window, runtime, "HOST-BAD", [(PENS, 2, 4.99)])
    qtbot.waitUntil(lambda: window.sale.status.failed == 1)
    dialog = open_return(qtbot, window, "HOST-BAD")
    assert "failed list" in dialog.warning.text()
    qtbot.keyClick(dialog, Qt.Key.Key_F9)
    confirm(qtbot, dialog, "cannot be sent: order HOST-BAD is in the failed list")
    [refund] = refunds_of(runtime, "HOST-BAD")
    assert (refund.refund_id, refund.state) == ("HOST-BAD-R1", State.FAILED)


def test_more_than_what_is_left_is_refused_before_it_is_queued(qtbot, window, runtime, sandbox):
    host_sale(qtbot, window, runtime, "HOST-2", [("P-1004", 1, 79), (PENS, 1, 4.99)])
    # The host POS refunded 80.00 by amount alone, so the lines still look returnable.
    runtime.service.accept_refund(validate_refund(
        {"refundTransactionId": "HOST-2-R1", "reverseTransactionId": "HOST-2", "refundAmount": 80},
        now=utc_now(), currency="USD"))
    dialog = open_return(qtbot, window, "HOST-2")
    assert dialog.facts["left"].text() == "3.99 USD"
    choose(qtbot, dialog, 0, 1)
    qtbot.keyClick(dialog, Qt.Key.Key_F12)
    qtbot.waitUntil(lambda: "Not saved" in dialog.message.text())
    assert "more than the 3.99 USD left to refund on order HOST-2" in dialog.message.text()
    assert [r.refund_id for r in refunds_of(runtime, "HOST-2")] == ["HOST-2-R1"]


def test_a_hold_left_by_a_till_killed_mid_sale_is_released_at_restart(qtbot, tmp_path, sandbox, request):
    before = available(sandbox)
    script = Path(__file__).with_name("hold_then_die.py")
    till = subprocess.Popen([sys.executable, str(script), str(tmp_path), sandbox.url], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)
    printed = []
    reader = threading.Thread(target=lambda: printed.append(till.stdout.readline().strip()), daemon=True)
    reader.start()
    try:
        qtbot.waitUntil(lambda: bool(printed) or till.poll() is not None, timeout=20_000)
        assert printed and printed[0], till.stderr.read()
    finally:
        till.kill()  # SIGKILL: no cancel, no shutdown, no closing of the store
        till.wait()
    reference = printed[0]
    assert sandbox.state.holds[reference].state == "active" and available(sandbox) == before - 100
    with Store.open_in(tmp_path) as store:
        assert [hold.hold_reference for hold in store.active_holds_older_than(0)] == [reference]

    request.getfixturevalue("window")  # the till starts again on the same data directory
    qtbot.waitUntil(lambda: sandbox.state.holds[reference].state == "released")
    assert available(sandbox) == before
    with Store.open_in(tmp_path) as store:
        qtbot.waitUntil(lambda: store.active_holds_older_than(0) == [])
