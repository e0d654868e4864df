"""A scan goes where the cashier meant, and Pay never drops a redemption that is on its way."""

from PySide6.QtCore import Qt
from till_helpers import PHONE, type_into

from pos_app.domain.customer_id import is_gtin


def test_gtin_check_digits():
    assert is_gtin("4006381333931") and is_gtin("8711000530085") and is_gtin("036000291452")
    assert not is_gtin("4006381333932") and not is_gtin("demo-amira482913") and not is_gtin("123")


def test_an_item_scanned_into_the_customer_field_is_an_item_not_a_phantom_customer(qtbot, window):
    sale = window.sale
    window.customer.entry.setFocus()
    qtbot.waitUntil(window.customer.entry.hasFocus)
    type_into(qtbot, window.customer.entry, "4006381333931")  # keyClicks come as fast as a scanner
    assert [line.product_id for line in sale.basket.lines] == ["P-1001"]
    assert sale.who is None and window.customer.entry.text() == ""


def test_a_gtin_gameball_does_not_know_as_a_customer_is_an_unknown_item(qtbot, window):
    sale = window.sale
    window.customer.entry.setFocus()
    qtbot.waitUntil(window.customer.entry.hasFocus)
    type_into(qtbot, window.customer.entry, "5901234123457")  # a valid EAN-13 not in the catalogue
    qtbot.waitUntil(lambda: "No product" in window.item_error.text())
    assert sale.who is None and sale.basket.is_empty and window.item_error.isVisible()


def test_a_customer_qr_scanned_into_the_item_field_identifies_the_customer(qtbot, window):
    sale = window.sale
    window.sku_entry.setFocus()
    qtbot.waitUntil(window.sku_entry.hasFocus)
    type_into(qtbot, window.sku_entry, "demo-amira482913")
    assert sale.who is not None and sale.who.customer_id == "demo-amira" and sale.basket.is_empty


def test_pay_waits_for_a_slow_hold_and_the_redemption_is_on_the_order(qtbot, window, sandbox):
    sale = window.sale
    sale.identify(PHONE)
    qtbot.waitUntil(lambda: sale.customer is not None and not sale.looking_up)
    sale.add_code("P-1004")
    qtbot.waitUntil(lambda: not sale.live_pending)
    sandbox.faults.latency(800)
    sale.redeem(points=300)
    assert sale.holding
    window.pay()  # F12 at once, while Gameball is still holding
    assert not sale.paying and not sale.basket.is_empty  # not paid at full price
    qtbot.waitUntil(lambda: window.slip is not None, timeout=10_000)
    sandbox.faults.clear()
    order_id = window.slip.order_id
    qtbot.waitUntil(lambda: order_id in sandbox.state.orders, timeout=10_000)
    assert sandbox.state.orders[order_id].redeemed == 300  # the hold was consumed by this order


def test_pay_after_a_refused_hold_says_the_sale_was_not_paid(qtbot, window, sandbox):
    sale = window.sale
    sale.identify(PHONE)
    qtbot.waitUntil(lambda: sale.customer is not None and not sale.looking_up)
    sale.add_code("P-1004")
    qtbot.waitUntil(lambda: not sale.live_pending)
    sandbox.faults.refuse()
    sale.redeem(points=300)
    window.pay()
    with qtbot.waitSignal(sale.notice, check_params_cb=lambda level, text: "not paid" in text, timeout=10_000):
        pass
    assert window.slip is None and not sale.basket.is_empty and sale.basket.redemption is None
    sandbox.faults.clear()


def test_enter_in_the_customer_field_still_identifies_typed_text(qtbot, window):
    window.customer.entry.setFocus()
    qtbot.waitUntil(window.customer.entry.hasFocus)
    window.customer.entry.setText("010 0123 4567")
    qtbot.keyClick(window.customer.entry, Qt.Key.Key_Return)
    assert window.sale.who is not None and window.sale.who.customer_id == PHONE
