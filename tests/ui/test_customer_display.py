"""The customer-facing display: idle message, the sale (own or the host's), balance and tier, the OTP
prompt, "You earned N points" after pay, and nothing of the customer once their sale is over."""

from dataclasses import replace
from decimal import Decimal

from till_helpers import PHONE, open_window

from pos_app.domain.order import validate_preview
from pos_app.domain.timeutil import utc_now
from pos_app.ui.customer_display import CustomerDisplay, open_customer_display
from pos_app.ui.sale import PreviewSource


def display_of(qtbot, window, idle=""):
    display = CustomerDisplay(window.sale, idle, window)
    display.show()
    qtbot.waitExposed(display)
    return display


def test_idle_then_the_sale_then_thanks_without_the_customer(qtbot, window):
    display = display_of(qtbot, window, idle="Welcome to Demo Store")
    assert display.headline.text() == "Welcome to Demo Store"
    sale = window.sale
    sale.identify(PHONE)
    sale.add_code("P-1004")
    qtbot.waitUntil(lambda: sale.profile is not None and sale.preview.source is PreviewSource.LIVE)
    assert display.total.text() == sale.money(sale.basket.total_paid)
    assert display.points.text() == f"This sale earns {sale.preview.points:,} points"
    assert "Your balance: 1,000 points" in display.customer.text()
    assert "7,500 points to Platinum" in display.customer.text()

    sale.otp_needed.emit(100)
    assert "texted a code to your phone to redeem 100 points" in display.prompt.text()

    sale.pay()
    qtbot.waitUntil(lambda: display.points.text().startswith("You earned"), timeout=8000)
    assert display.headline.text() == "Thank you!"
    assert display.customer.text() == "" and display.prompt.text() == "" and display.total.text() == ""
    sale.add_code("P-1001")  # the next sale: the last customer's points go
    assert display.headline.text() == "To pay" and display.customer.text() == ""


def test_an_estimate_says_so_and_the_host_basket_is_followed(qtbot, window, sandbox):
    display = display_of(qtbot, window)
    assert display.headline.text().startswith("Welcome")
    sandbox.faults.refuse()
    window.sale.sync_now()
    qtbot.waitUntil(lambda: not window.sale.status.online)
    host = validate_preview({"totalPaid": Decimal("79.00"), "lineItems": [
        {"productId": "P-1004", "title": "Headphones", "price": Decimal("79.00"), "quantity": 1}]},
        now=utc_now(), currency=window.sale.currency)
    window.sale.apply_host_basket(host)
    assert display.total.text() == window.sale.money(Decimal("79.00"))
    # No customer, so no tier: the estimate is at the base rate, and the customer is told so too.
    assert display.points.text() == "This sale earns about 79 points (at the base rate)"


def test_an_estimate_at_the_customers_tier_rate_says_about_without_the_base_rate(qtbot, window, sandbox):
    display = display_of(qtbot, window)
    sale = window.sale
    sale.identify(PHONE)
    qtbot.waitUntil(lambda: sale.profile is not None)  # Gold
    sandbox.faults.refuse()  # the live figure never comes: the estimate stays
    sale.add_code("P-1001")
    assert sale.preview.source is PreviewSource.ESTIMATE
    assert display.points.text() == f"This sale earns about {sale.preview.points:,} points"
    assert sale.preview.points == 7  # 4.99 x 1.5, the Gold rule of Gameball's tier cashback rules


def test_the_manager_setting_picks_the_screen(qtbot, runtime):
    runtime.settings = replace(runtime.settings, customer_display_screen=1, customer_display_idle="Hello")
    window = open_window(qtbot, runtime)
    assert window.customer_display is not None and window.customer_display.headline.text() == "Hello"
    assert open_customer_display(window.sale, 0, "") is None
    assert open_customer_display(window.sale, 9, "") is None  # not attached: nothing opened


def test_the_estimate_shown_turns_to_the_tier_rate_when_the_tier_arrives(qtbot, window, sandbox):
    display = display_of(qtbot, window)
    sale = window.sale
    sandbox.faults.answer(500, count=None, path="/orders/cashback")  # no live figure for this sale
    sandbox.faults.latency(800, count=None, path="/details")  # the tier comes after the first item
    sale.identify(PHONE)
    sale.add_code("P-1001")
    assert sale.profile is None and sale.preview.source is PreviewSource.ESTIMATE_BASE_RATE
    assert sale.preview.points == 4 and display.points.text().endswith("(at the base rate)")
    qtbot.waitUntil(lambda: sale.profile is not None, timeout=10_000)
    assert (sale.preview.source, sale.preview.points) == (PreviewSource.ESTIMATE, 7)
    assert display.points.text() == "This sale earns about 7 points"
