"""How much of an order one refund takes back (API.md section 5), before the state applies it.

A refund is measured as a share of the order, 0..1, accumulated over repeated partial refunds:

* `refundAmount` missing, or at least the order's `totalPaid`: everything that remains.
* `lineItems` matching the order's lines (by productId, else sku): each refunded unit takes back its
  line's share of the order's points (so a line with a product multiplier weighs more), at most the
  units bought minus those already refunded. `refundAmount`, if also given, is the money reported.
* `refundAmount` alone: `refundAmount / totalPaid`.
* `lineItems` on an order tracked without lines: their value (`price * quantity - discount`) over
  `totalPaid`.

A share above what remains is cut to what remains. The state turns the accumulated share into points
(earned points reversed first, then redeemed points returned), so two halves add up to the whole.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from pos_app.domain.money import quantize, to_decimal
from pos_app.sandbox.errors import SandboxError
from pos_app.sandbox.records import OrderRecord

logger = logging.getLogger(__name__)

_ZERO = Decimal(0)
_ONE = Decimal(1)


@dataclass(frozen=True)
class RefundPlan:
    share: Decimal  # of the whole order, already cut to what remains
    amount: Decimal  # money refunded, already cut to what remains
    quantities: dict[int, Decimal]  # order line index -> units refunded now


def _matches(order_line: Mapping[str, Any], refund_line: Mapping[str, Any]) -> bool:
    if refund_line.get("productId") is not None:
        return order_line.get("productId") == refund_line["productId"]
    return refund_line.get("sku") is not None and order_line.get("sku") == refund_line["sku"]


def _by_lines(order: OrderRecord, refund_lines: list[Mapping[str, Any]]) -> tuple[Decimal, Decimal, dict]:
    lines = order.cashback.lines
    exact_total = sum((line.exact_points for line in lines), _ZERO)
    net_total = sum((line.net_value for line in lines), _ZERO)
    refunded = dict(order.refunded_quantities)
    share, amount, quantities = _ZERO, _ZERO, {}
    for refund_line in refund_lines:
        for index, order_line in enumerate(order.line_items):
            left = lines[index].quantity - refunded.get(index, _ZERO)
            if left <= 0 or not _matches(order_line, refund_line):
                continue
            units = min(to_decimal(refund_line.get("quantity", left)), left)
            part = units / lines[index].quantity
            # Points decide the share when there are any, so multiplied lines take back their bonus.
            weight = (lines[index].exact_points / exact_total if exact_total > 0
                      else lines[index].net_value / net_total)
            share += weight * part
            amount += order.total_paid * lines[index].net_value / net_total * part
            refunded[index] = refunded.get(index, _ZERO) + units
            quantities[index] = quantities.get(index, _ZERO) + units
            break
    if not quantities:
        raise SandboxError(3004, "no refunded line item matches a line of the order left to refund")
    return share, amount, quantities


def _value_of_lines(refund_lines: list[Mapping[str, Any]]) -> Decimal:
    value = _ZERO
    for line in refund_lines:
        gross = to_decimal(line.get("price", 0)) * to_decimal(line.get("quantity", 1))
        value += gross - to_decimal(line.get("discount", 0))
    return value


def plan_refund(order: OrderRecord, body: Mapping[str, Any], currency: str) -> RefundPlan:
    remaining_share = _ONE - order.refunded_fraction
    remaining_money = order.total_paid - order.refunded_amount
    given = body.get("refundAmount")
    requested = to_decimal(given) if given is not None else None
    if requested is not None and requested <= 0:
        raise SandboxError(3003, "refundAmount must be greater than 0")
    refund_lines = list(body.get("lineItems") or [])
    has_line_values = sum((line.net_value for line in order.cashback.lines), _ZERO) > 0

    quantities: dict[int, Decimal] = {}
    if requested is None and not refund_lines or order.total_paid <= 0 or (
            requested is not None and requested >= order.total_paid):
        share, amount = remaining_share, remaining_money
    elif refund_lines and has_line_values:
        share, amount, quantities = _by_lines(order, refund_lines)
    elif requested is not None:
        share, amount = requested / order.total_paid, requested
    else:
        amount = _value_of_lines(refund_lines)
        if amount <= 0:
            raise SandboxError(3004, "the refunded line items have no value")
        share = amount / order.total_paid

    if requested is not None:
        amount = requested
    return RefundPlan(
        share=min(share, remaining_share),
        amount=quantize(min(amount, remaining_money), currency),
        quantities=quantities,
    )
