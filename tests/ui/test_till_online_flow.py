"""The whole online sale on the sandbox, keyboard only: identify by phone, preview (estimate, then live),
redeem through a hold, pay, and the slip with the points."""

from decimal import Decimal

from PySide6.QtCore import Qt
from till_helpers import LOCAL_PHONE, PHONE, modal, press, store_of, type_into

from pos_app.bridge.wire import slip_text
from pos_app.services.till import ORDER_EVENT
from pos_app.ui.redeem_dialog import RedeemDialog
from pos_app.ui.sale import PreviewSource
from pos_app.ui.slip_dialog import SlipDialog

EARBUDS = "0885909950805"  # P-1004, 79.00 USD, three times the points in the demo rules


def test_identify_preview_redeem_pay_and_slip(qtbot, window, runtime, sandbox):
    orders = []
    runtime.service.add_listener(lambda event, payload: orders.append(payload) if event == ORDER_EVENT else None)
    sale = window.sale

    press(qtbot, window, Qt.Key.Key_F2)
    assert window.customer.entry.hasFocus()
    type_into(qtbot, window.customer.entry, LOCAL_PHONE)
    qtbot.waitUntil(lambda: sale.customer is not None)
    assert sale.who.customer_id == PHONE  # E.164 with the store's region (EG)
    assert sale.customer.found and sale.customer.live and sale.customer.balance.available_points == 1000
    assert "1,000" in window.customer.balance_label.text()
    assert window.sku_entry.hasFocus()  # the focus follows the sale

    qtbot.waitUntil(lambda: sale.profile is not None)  # name and tier: Gold
    type_into(qtbot, window.sku_entry, EARBUDS)
    # The estimate is there at once, before any answer from Gameball ...
    assert sale.preview.source is PreviewSource.ESTIMATE
    # at the Gold rate of Gameball's tier cashback rules; Gameball publishes no product multipliers.
    assert sale.preview.points == 118  # 79.00 x 1.5
    assert window.preview.points.text().startswith("\u2248") and "base rate" not in window.preview.source.text()
    assert window.preview.source.text().startswith("Estimate")
    # ... and the live figure replaces it.
    qtbot.waitUntil(lambda: sale.preview.source is PreviewSource.LIVE)
    assert sale.preview.points == 355  # 79.00 x 3 (product) x 1.5 (Gold tier), applied by Gameball
    assert window.preview.source.text() == "Live from Gameball"

    press(qtbot, window, Qt.Key.Key_F4)
    qtbot.waitUntil(lambda: modal(RedeemDialog) is not None)
    dialog = modal(RedeemDialog)
    qtbot.waitUntil(dialog.value.hasFocus)
    type_into(qtbot, dialog.value, "200")  # replaces the suggested figure, Enter holds
    qtbot.waitUntil(lambda: sale.basket.redemption is not None)
    hold = sale.basket.redemption
    assert (hold.points, hold.value) == (200, Decimal("20.00"))
    assert sandbox.state.holds[hold.hold_reference].state == "active"
    qtbot.waitUntil(lambda: sale.preview.source is PreviewSource.LIVE and sale.preview.points == 265)

    press(qtbot, window, Qt.Key.Key_F12)
    qtbot.waitUntil(lambda: modal(SlipDialog) is not None)
    slip = modal(SlipDialog)
    qtbot.waitUntil(lambda: "New balance" in slip.text.text(), timeout=10_000)
    text = slip.text.text()
    assert "Points earned: 265" in text and "Points redeemed: 200" in text  # 59.00 x 3 x 1.5
    assert "New balance: 1,065 points" in text  # 1000 - 200 + 265

    [order] = orders
    assert order.body["totalPrice"] == Decimal("79.00")
    assert order.body["totalDiscount"] == Decimal("20.00")
    assert order.body["totalPaid"] == Decimal("59.00")
    assert order.body["redemption"] == {"pointsHoldReference": hold.hold_reference}
    assert sandbox.order_report(order.order_id)["redeemedPoints"] == 200
    with store_of(runtime) as store:
        assert store.get_order(order.order_id).rewarded_points == 265
        assert store.active_holds_older_than(0) == []  # the hold was used by the order
    # The host POS prints the same slip from the bridge.
    assert "New balance: 1065" in slip_text(runtime.service.slip(order.order_id))

    press(qtbot, window, Qt.Key.Key_Return)  # closes the slip; the next sale starts at the customer
    qtbot.waitUntil(lambda: window.slip is None)
    qtbot.waitUntil(window.customer.entry.hasFocus)
    assert sale.basket.is_empty and sale.who is None


def test_an_unknown_phone_can_be_added_to_gameball(qtbot, window, sandbox):
    sale = window.sale
    type_into(qtbot, window.customer.entry, "010 9999 8888")
    qtbot.waitUntil(lambda: sale.customer is not None)
    assert sale.customer.found is False and "F8" in window.notice.text()
    press(qtbot, window, Qt.Key.Key_F8)
    qtbot.waitUntil(lambda: sale.customer.found is True)
    assert "+201099998888" in sandbox.state.customers
    assert sale.customer.balance.available_points == 0
