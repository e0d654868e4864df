"""Returns at the till: what giving back some or all of a past order's lines refunds (pure: no Qt, no I/O).

A return becomes a Gameball refund (API.md section 5): a new `refundTransactionId`, the orderId as
`reverseTransactionId`, the returned `lineItems`, and `refundAmount` for a partial return. Gameball
reverses the earned points (and gives back redeemed ones) in proportion; the till shows its own
estimate of those points before the cashier confirms.
"""

from __future__ import annotations

import hashlib
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from pos_app.domain.errors import ValidationError
from pos_app.domain.money import quantize

# Gameball documents no limit; third-party code claims 50 characters (API.md section 5), so stay within it.
MAX_REFUND_ID_LENGTH = 50
_ZERO = Decimal(0)
_ONE = Decimal(1)


@dataclass(frozen=True)
class SoldLine:
    """One line of a past order as the terminal keeps it for returns (no customer data), with the units
    that live refunds have already taken back."""

    product_id: str
    quantity: Decimal
    price: Decimal  # unit price
    sku: str | None = None
    title: str | None = None
    discount: Decimal | None = None  # the line's own discount, for all its units
    taxes: Decimal | None = None  # the line's taxes, for all its units
    returned: Decimal = _ZERO

    @property
    def left(self) -> Decimal:
        """Units that can still be returned."""
        return max(self.quantity - self.returned, _ZERO)

    @property
    def value(self) -> Decimal:
        """What the line cost before order-level discounts: price x quantity less its own discount plus its
        taxes (the customer paid those too), never below 0."""
        return max(self.price * self.quantity - (self.discount or _ZERO) + (self.taxes or _ZERO), _ZERO)

    def refund_line(self, units: Decimal, currency: str) -> dict[str, object]:
        """The line in a refund's `lineItems`: `units` of it, with its discount and taxes in proportion."""
        body: dict[str, object] = {"productId": self.product_id, "quantity": units, "price": self.price}
        if self.sku:
            body["sku"] = self.sku
        if self.title:
            body["title"] = self.title
        for key, total in (("discount", self.discount), ("taxes", self.taxes)):
            if total:
                body[key] = quantize(total * units / self.quantity, currency)
        return body


@dataclass(frozen=True)
class ReturnableOrder:
    """A past order as a return needs it."""

    order_id: str
    currency: str
    total_paid: Decimal
    refundable: Decimal  # totalPaid less the live refunds already accepted
    earned_points: int  # Gameball's rewardedPoints; before delivery, the points the till expected
    redeemed_points: int  # Gameball's redeemedPoints; before delivery, the points held for the sale
    lines: tuple[SoldLine, ...]  # empty for an order sold without lines: it can only go back whole
    refund_ids: tuple[str, ...] = ()  # every refund already recorded for the order, whatever its state

    @property
    def fully_refunded(self) -> bool:
        return self.refundable <= 0

    def caps(self) -> tuple[Decimal, ...]:
        """The most of each line a return may take: bought less returned, none once all is refunded."""
        return tuple(_ZERO if self.fully_refunded else line.left for line in self.lines)


@dataclass(frozen=True)
class ReturnPlan:
    order_id: str
    units: tuple[Decimal, ...]  # per order line, what this return gives back
    # None: everything left on the order (Gameball's full refund; the till service names the amount left
    # when earlier partial refunds exist).
    refund_amount: Decimal | None
    amount: Decimal  # the money this return refunds, as shown to the cashier
    points_taken_back: int  # estimates: Gameball weighs lines by the points each earned
    points_given_back: int
    line_items: tuple[dict[str, object], ...]


def plan_return(order: ReturnableOrder, units: Sequence[Decimal]) -> ReturnPlan:
    """The refund for returning `units` of each of the order's lines (all of them for an order without lines).

    Raises ValidationError when nothing is chosen, a line's units exceed what is left, or nothing is left.

    A partial return refunds the returned lines' share of what the customer paid:

        refundAmount = totalPaid x (sum over returned lines of units / quantity x line value)
                                 / (sum over all lines of line value)

    rounded half-up to the currency's minor unit. `totalPaid` is already net of order-level discounts,
    a points redemption among them, so each line carries its share of that discount: returning half the
    goods of a sale that redeemed 10.00 refunds half of what was paid, not half of the goods' price. A
    return that takes everything still left sends no amount: Gameball then reverses all that remains, so
    rounding in earlier partial returns never leaves cents behind.
    """
    if order.fully_refunded:
        raise ValidationError("refundAmount", f"nothing is left to refund on order {order.order_id}")
    if len(units) != len(order.lines):
        raise ValueError("one quantity per line of the order is needed")
    for index, (wanted, cap) in enumerate(zip(units, order.caps(), strict=True)):
        if wanted < 0:
            raise ValidationError(f"lineItems[{index}].quantity", "cannot be negative")
        if wanted > cap:
            raise ValidationError(f"lineItems[{index}].quantity", f"only {cap} left to return")
    if order.lines and not any(units):
        raise ValidationError("lineItems", "choose at least one item to return")

    prior = _refunded_share(order)
    takes_the_rest = all(wanted == cap for wanted, cap in zip(units, order.caps(), strict=True))
    if takes_the_rest:
        refund_amount, amount, after = None, order.refundable, _ONE
    else:
        value_all = sum((line.value for line in order.lines), _ZERO)
        value_now = sum((line.value * wanted / line.quantity
                         for line, wanted in zip(order.lines, units, strict=True) if wanted), _ZERO)
        share = value_now / value_all if value_all > 0 else _ZERO
        refund_amount = amount = quantize(order.total_paid * share, order.currency)
        if amount <= 0:
            raise ValidationError("refundAmount", "nothing was paid in money for these items: "
                                                  "return everything left instead")
        after = min(_ONE, prior + share)
    line_items = tuple(line.refund_line(wanted, order.currency)
                       for line, wanted in zip(order.lines, units, strict=True) if wanted)
    return ReturnPlan(
        order_id=order.order_id, units=tuple(units), refund_amount=refund_amount, amount=amount,
        points_taken_back=_points_between(order.earned_points, prior, after),
        points_given_back=_points_between(order.redeemed_points, prior, after),
        line_items=line_items,
    )


def amount_for_lines(order: ReturnableOrder, lines: Sequence[tuple[str, Decimal]]) -> Decimal | None:
    """The `refundAmount` a refund naming only `lines` (productId, units) means, as the window computes it.

    Gameball takes a line-item refund without `refundAmount` as a full refund (API.md section 5), so a host
    returning one unit of two would refund the whole order. Lines are matched to the order's as Gameball
    matches them (the first line of the same productId with units left). None: the lines take everything
    left, so the full refund is what was meant. Raises ValidationError on `refundAmount` when the order's
    lines cannot price them (a product it does not hold, or an order kept without lines).
    """
    if not order.lines:
        raise ValidationError("refundAmount", f"required: this terminal keeps no lines for order {order.order_id} "
                                              "to price the returned items")
    units = [_ZERO] * len(order.lines)
    for product_id, quantity in lines:
        same = [i for i, line in enumerate(order.lines) if line.product_id == product_id]
        if not same:
            raise ValidationError("refundAmount", f"required: order {order.order_id} has no {product_id} "
                                                  "to price the return by")
        index = next((i for i in same if order.caps()[i] - units[i] > 0), same[0])
        units[index] += quantity
    return plan_return(order, units).refund_amount


def refund_body(plan: ReturnPlan, refund_id: str) -> dict[str, object]:
    """The till's refund body (validate_refund completes it with customer, time and merchant)."""
    body: dict[str, object] = {"refundTransactionId": refund_id, "reverseTransactionId": plan.order_id}
    if plan.line_items:
        body["lineItems"] = [dict(line) for line in plan.line_items]
    if plan.refund_amount is not None:
        body["refundAmount"] = plan.refund_amount
    return body


def new_refund_id(order_id: str, existing: Collection[str]) -> str:
    """`<orderId>-R<n>`, the order's next free return number, readable on a receipt.

    The orderId is unique across terminals and a refund needs the order's own terminal (it alone knows the
    customer), so the pair is unique as long as `existing` holds the order's refunds. An orderId too long
    for that leaves the 50 characters to a digest of it instead.
    """
    number = len(existing) + 1
    while True:
        candidate = f"{order_id}-R{number}"
        if len(candidate) > MAX_REFUND_ID_LENGTH:
            candidate = f"R{number}-{hashlib.sha256(order_id.encode('utf-8')).hexdigest()[:32]}"
        if candidate not in existing:
            return candidate
        number += 1


def _refunded_share(order: ReturnableOrder) -> Decimal:
    """The part of the order refunded so far, by money: it counts refunds made without lines too."""
    if order.total_paid <= 0:
        return _ZERO
    return min(_ONE, max(_ZERO, _ONE - order.refundable / order.total_paid))


def _points_between(points: int, before: Decimal, after: Decimal) -> int:
    """Points for the share of the order from `before` to `after`, rounded as cumulative totals (as Gameball
    does), so the returns of one order add up to exactly its points."""
    return _round(points * after) - _round(points * before)


def _round(value: Decimal) -> int:
    return int(value.to_integral_value(rounding=ROUND_HALF_UP))
