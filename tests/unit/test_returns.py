"""What a return refunds (pos_app.domain.returns): the proportional refundAmount, the points estimate,
the caps, and the refund ids."""

from dataclasses import replace
from decimal import Decimal

import pytest

from pos_app.domain.errors import ValidationError
from pos_app.domain.refund import validate_refund
from pos_app.domain.returns import (
    MAX_REFUND_ID_LENGTH,
    ReturnableOrder,
    SoldLine,
    new_refund_id,
    plan_return,
    refund_body,
)
from pos_app.domain.timeutil import utc_now

D = Decimal
PENS = SoldLine("P-1001", D(3), D("4.99"), sku="4006381333931", title="Pens")
COFFEE = SoldLine("P-1003", D(2), D("8.90"), title="Coffee")


def order(**changes):
    # 32.77 of goods, 100 points (10.00) redeemed: the customer paid 22.77 and earned 34 points.
    base = ReturnableOrder(order_id="T1-A", currency="USD", total_paid=D("22.77"), refundable=D("22.77"),
                           earned_points=34, redeemed_points=100, lines=(PENS, COFFEE))
    return replace(base, **changes)


def after(previous, plan):
    """The order as the store shows it once `plan` is accepted."""
    lines = tuple(replace(line, returned=line.returned + units)
                  for line, units in zip(previous.lines, plan.units, strict=True))
    return replace(previous, lines=lines, refundable=previous.refundable - plan.amount)


def test_a_partial_return_refunds_its_lines_share_of_what_was_paid():
    plan = plan_return(order(), [D(1), D(0)])
    # 22.77 x 4.99 / 32.77 = 3.4673...: the redeemed 10.00 is shared, so not the pen's 4.99 price.
    assert plan.refund_amount == plan.amount == D("3.47")
    assert (plan.points_taken_back, plan.points_given_back) == (5, 15)  # 34 and 100 x 0.1523, rounded
    assert plan.line_items == ({"productId": "P-1001", "quantity": D(1), "price": D("4.99"),
                                "sku": "4006381333931", "title": "Pens"},)


def test_two_partial_returns_and_the_rest_add_up_to_the_whole_order():
    first_order = order()
    first = plan_return(first_order, [D(1), D(0)])
    second_order = after(first_order, first)
    assert second_order.caps() == (D(2), D(2))
    second = plan_return(second_order, [D(0), D(1)])
    assert second.refund_amount == D("6.18")  # 22.77 x 8.90 / 32.77 = 6.1841
    last_order = after(second_order, second)
    rest = plan_return(last_order, last_order.caps())
    assert rest.refund_amount is None and rest.units == (D(2), D(1))
    assert rest.amount == D("13.12")  # what is left: no cent lost to rounding
    assert first.amount + second.amount + rest.amount == D("22.77")
    assert first.points_taken_back + second.points_taken_back + rest.points_taken_back == 34
    assert first.points_given_back + second.points_given_back + rest.points_given_back == 100
    with pytest.raises(ValidationError, match="nothing is left"):
        plan_return(after(last_order, rest), [D(0), D(0)])


def test_a_return_of_everything_left_is_a_full_refund_without_an_amount():
    plan = plan_return(order(), order().caps())
    assert plan.refund_amount is None and plan.amount == D("22.77")
    assert (plan.points_taken_back, plan.points_given_back) == (34, 100)
    body = refund_body(plan, "T1-A-R1")
    assert "refundAmount" not in body and [line["quantity"] for line in body["lineItems"]] == [D(3), D(2)]
    refund = validate_refund(body, now=utc_now(), currency="USD")
    assert refund.refund_amount is None and refund.order_id == "T1-A"


def test_the_caps_are_bought_less_returned():
    returned = order(lines=(replace(PENS, returned=D(2)), COFFEE))
    with pytest.raises(ValidationError) as too_many:
        plan_return(returned, [D(2), D(0)])
    assert too_many.value.field == "lineItems[0].quantity" and "only 1 left" in too_many.value.message
    with pytest.raises(ValidationError) as negative:
        plan_return(returned, [D(0), D(-1)])
    assert negative.value.field == "lineItems[1].quantity"
    with pytest.raises(ValidationError) as nothing:
        plan_return(returned, [D(0), D(0)])
    assert nothing.value.field == "lineItems"
    assert order(refundable=D(0)).caps() == (D(0), D(0))  # a full refund without lines took everything


def test_line_discounts_and_taxes_weigh_in_and_go_back_in_proportion():
    taxed = SoldLine("P-9", D(4), D("10.00"), discount=D("4.00"), taxes=D("2.00"))  # paid 38.00
    plain = SoldLine("P-8", D(1), D("12.00"))
    plan = plan_return(order(lines=(taxed, plain), total_paid=D("50.00"), refundable=D("50.00")), [D(1), D(0)])
    assert plan.refund_amount == D("9.50")  # 50.00 x 9.50 / 50.00
    assert plan.line_items[0]["discount"] == D("1.00") and plan.line_items[0]["taxes"] == D("0.50")


def test_an_order_kept_without_lines_goes_back_whole():
    plan = plan_return(order(lines=()), [])
    assert plan.refund_amount is None and plan.line_items == () and "lineItems" not in refund_body(plan, "R")


def test_items_nobody_paid_money_for_cannot_be_returned_alone():
    free = SoldLine("GIFT", D(1), D(0))
    with pytest.raises(ValidationError) as unpaid:
        plan_return(order(lines=(PENS, free)), [D(0), D(1)])
    assert unpaid.value.field == "refundAmount"


def test_refund_ids_number_the_returns_of_an_order_within_50_characters():
    assert new_refund_id("T1-20250101T101500-ab12cd", []) == "T1-20250101T101500-ab12cd-R1"
    assert new_refund_id("O-1", ["O-1-R1", "O-1-R2"]) == "O-1-R3"
    assert new_refund_id("O-1", ["O-1-R2"]) == "O-1-R3"  # the host POS took R2 already; R2 is never reused
    long_a, long_b = "A" * 48, "A" * 47 + "B"
    first = new_refund_id(long_a, [])
    assert len(first) <= MAX_REFUND_ID_LENGTH and first == new_refund_id(long_a, [])
    assert first != new_refund_id(long_b, []) and new_refund_id(long_a, [first]) != first
