"""The till's basket and the Gameball bodies it becomes (API.md section 6 totals)."""

from datetime import UTC, datetime
from decimal import Decimal

from pos_app.domain.basket import AppliedCoupon, Basket, BasketLine, Redemption, new_order_id, till_prefix
from pos_app.domain.order import validate_order, validate_preview

NOW = datetime(2025, 3, 1, 10, 30, tzinfo=UTC)
PEN = BasketLine("P-1001", "Pens", Decimal("4.99"), sku="4006381333931", category=("stationery",))
COFFEE = BasketLine("P-1003", "Coffee", Decimal("8.90"), Decimal(2), sku="8711000530085")


def test_the_same_sku_again_adds_to_its_quantity():
    basket = Basket("USD").add(PEN).add(COFFEE).add(PEN)
    assert [(line.product_id, line.quantity) for line in basket.lines] == [("P-1001", 2), ("P-1003", 2)]
    assert basket.total_price == Decimal("27.78")


def test_quantity_zero_removes_the_line():
    basket = Basket("USD").add(PEN).add(COFFEE).set_quantity(0, Decimal(0))
    assert [line.product_id for line in basket.lines] == ["P-1003"]


def test_redemption_goes_into_discount_and_out_of_total_paid():
    basket = Basket("USD").add(PEN).add(COFFEE).with_redemption(Redemption("ref-1", 100, Decimal("10.00")))
    assert (basket.total_price, basket.total_discount, basket.total_paid) == (
        Decimal("22.79"), Decimal("10.00"), Decimal("12.79"))
    body = basket.order_body("T1-1", "+201001234567", NOW, "+201001234567")
    order = validate_order(body, now=NOW, currency="USD")
    assert order.body["totalPrice"] == Decimal("22.79")
    assert order.body["totalDiscount"] == Decimal("10.00")
    assert order.body["totalPaid"] == Decimal("12.79")
    assert order.hold_reference == "ref-1"
    assert order.body["orderDate"] == "2025-03-01T10:30:00.000Z"
    assert order.body["mobile"] == "+201001234567"


def test_over_redeemed_basket_never_pays_below_zero():
    basket = Basket("USD").add(PEN).with_redemption(Redemption("ref-1", 100, Decimal("10.00")))
    assert basket.over_redeemed and basket.total_paid == Decimal("0.00")


def test_preview_body_validates_without_customer_or_order():
    preview = validate_preview(Basket("KWD").add(PEN).preview_body(), now=NOW, currency="KWD")
    assert preview.customer_id is None and preview.total_paid == Decimal("4.990")
    assert preview.gameball_body(None)["totalShipping"] == 0


def test_order_ids_carry_terminal_time_and_token():
    assert new_order_id("T1", NOW, "a1b2c3") == "T1-20250301T103000-a1b2c3"
    assert till_prefix("B1", "T1", "9f0e1d") == "B1-T1-9f0e1d"
    assert till_prefix("", "T1", "9f0e1d") == "T1-9f0e1d"


def test_a_coupon_is_a_discount_and_travels_locked_on_the_order():
    basket = Basket("USD", (BasketLine("P1", "Coat", Decimal("80.00")),))
    basket = basket.with_coupon(AppliedCoupon("SAVE15", "LOCK-1", Decimal("12.00")))
    basket = basket.with_redemption(Redemption("HOLD-1", 100, Decimal("10.00")))
    assert (basket.total_discount, basket.total_paid) == (Decimal("22.00"), Decimal("58.00"))
    body = basket.order_body("ORD-1", "c1", datetime(2026, 12, 2, tzinfo=UTC))
    assert body["redemption"] == {"pointsHoldReference": "HOLD-1", "couponsLockReference": "LOCK-1",
                                  "couponCodes": ["SAVE15"]}


def test_a_coupon_never_discounts_more_than_the_goods_left():
    basket = Basket("USD", (BasketLine("P1", "Tea", Decimal("5.00")),))
    basket = basket.with_coupon(AppliedCoupon("WELCOME10", "LOCK-1", Decimal("10.00")))
    assert (basket.coupon_discount, basket.total_paid) == (Decimal("5.00"), Decimal("0.00"))
    assert not basket.over_redeemed
    assert basket.with_redemption(Redemption("H", 50, Decimal("1.00"))).over_redeemed
