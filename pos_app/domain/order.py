"""The paid order and the preview basket the host POS sends, in Gameball's order shape.

`validate_order` and `validate_preview` turn an untrusted JSON body into a normalised one (Decimal
money, UTC `...Z` times, nulls and empty strings dropped) or raise ValidationError naming the field.
The plugin owns `channel` and `merchant`: whatever the till sent there is replaced from
configuration when the body for Gameball is built.
"""

from __future__ import annotations

import copy
import hashlib
import json
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from functools import partial

from pos_app.domain import fields, wire
from pos_app.domain.cards import reject_card_numbers
from pos_app.domain.lineitems import LineItem, line_items
from pos_app.domain.merchant import Merchant
from pos_app.domain.timeutil import parse_iso, to_iso_z

CHANNEL = "pos"
RETURN_WINDOW_MAX_DAYS = 7300

_ORDER_FIELDS = frozenset({
    "customerId", "email", "mobile", "guest", "orderId", "orderDate", "totalPaid", "totalPrice",
    "totalDiscount", "totalTax", "totalShipping", "lineItems", "redemption", "extra", "cartId",
    "cashbackConfigurations",
})
_PLUGIN_FIELDS = frozenset({"channel", "merchant"})
_REDEMPTION_FIELDS = frozenset({"pointsHoldReference", "couponsLockReference", "couponCodes"})
# Gameball's POST /orders/cashback takes only these, and requires the discount and shipping totals.
_CASHBACK_FIELDS = ("customerId", "email", "mobile", "totalPaid", "totalPrice", "totalDiscount",
                    "totalShipping", "lineItems")

Body = dict[str, object]


def fingerprint(body: Body) -> str:
    """A digest of a normalised body, blind to key order, whitespace and `100` vs `100.00`.

    The store compares it to tell a repeated POST (same order again) from a conflicting one.
    """
    canonical = json.dumps(wire.plain(body), sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def _redemption(value: object, path: str) -> Body | None:
    reader = fields.Reader(value, path, _REDEMPTION_FIELDS)
    body = {
        "pointsHoldReference": reader.optional("pointsHoldReference", fields.identifier),
        "couponsLockReference": reader.optional("couponsLockReference", fields.identifier),
        "couponCodes": reader.optional("couponCodes", _coupon_codes),
    }
    return present(body) or None


def _coupon_codes(value: object, path: str) -> list[str]:
    codes = fields.array(value, path, fields.LIST_MAX)
    return [fields.identifier(code, code_path) for code_path, code in codes]


def _cashback_configurations(value: object, path: str) -> Body | None:
    reader = fields.Reader(value, path, frozenset({"returnWindow"}))
    days = reader.optional("returnWindow", partial(fields.integer, minimum=0, maximum=RETURN_WINDOW_MAX_DAYS))
    return None if days is None else {"returnWindow": days}


def _order_date(value: object, path: str, now: datetime) -> str:
    return to_iso_z(fields.timestamp(value, path, now))


def open_body(body: object, now: datetime, allowed: frozenset[str], ignored: frozenset[str]) -> fields.Reader:
    """The first checks on any body from the till, before its fields are read one by one."""
    if now.tzinfo is None:
        raise ValueError("now must be timezone-aware")
    fields.json_object(body, "")
    # Before any other check, so a card number is refused as such whichever field it was typed into.
    reject_card_numbers(body)
    return fields.Reader(body, "", allowed, ignored)


def line_bodies(lines: tuple[LineItem, ...] | None) -> list[Body] | None:
    return [line.to_body() for line in lines] if lines else None


def present(body: Body) -> Body:
    """The fields that have a value: Gameball gets no nulls."""
    return {key: value for key, value in body.items() if value is not None}


def _normalise(body: object, now: datetime, currency: str,
               *, preview: bool) -> tuple[Body, tuple[LineItem, ...]]:
    """The till's body, normalised, in Gameball's field order; absent fields are None."""
    reader = open_body(body, now, _ORDER_FIELDS, _PLUGIN_FIELDS)
    money = partial(fields.amount, currency=currency)
    lines_of = partial(line_items, currency=currency)
    ids = reader.optional if preview else reader.required
    normalised: Body = {
        "customerId": ids("customerId", fields.identifier),
        "email": reader.optional("email", fields.email),
        "mobile": reader.optional("mobile", fields.phone),
        "guest": reader.optional("guest", fields.boolean),
        "orderId": ids("orderId", fields.identifier),
        "orderDate": reader.optional("orderDate", partial(_order_date, now=now)),
        "totalPaid": reader.required("totalPaid", money),
        "totalPrice": reader.optional("totalPrice", money),
        "totalDiscount": reader.optional("totalDiscount", money),
        "totalTax": reader.optional("totalTax", money),
        "totalShipping": reader.optional("totalShipping", money),
        "lineItems": line_bodies(lines := reader.optional("lineItems", lines_of)),
        "redemption": reader.optional("redemption", _redemption),
        "extra": reader.optional("extra", fields.extra),
        "cartId": reader.optional("cartId", fields.identifier),
        "cashbackConfigurations": reader.optional("cashbackConfigurations", _cashback_configurations),
    }
    return normalised, lines or ()


def _decimal(body: Body, key: str) -> Decimal | None:
    value = body.get(key)
    return value if isinstance(value, Decimal) else None


@dataclass(frozen=True)
class Order:
    """A paid order, validated. `body` is Gameball's order shape without `channel` and `merchant`;
    treat it as read-only (`gameball_body` hands out copies)."""

    order_id: str
    customer_id: str
    order_date: datetime
    currency: str
    total_paid: Decimal
    total_price: Decimal | None
    total_discount: Decimal | None
    total_tax: Decimal | None
    total_shipping: Decimal | None
    line_items: tuple[LineItem, ...]
    body: Body = field(hash=False)
    # Of the till's body as sent (an absent orderDate stays absent), so a repeated POST matches.
    fingerprint: str

    @property
    def hold_reference(self) -> str | None:
        """The points hold this order redeems; redemption cannot be queued offline (rule 3)."""
        redemption = self.body.get("redemption")
        return redemption.get("pointsHoldReference") if isinstance(redemption, dict) else None

    @property
    def coupon_lock(self) -> str | None:
        """The coupon lock this order uses up; like a hold, it is no longer the till's to release."""
        redemption = self.body.get("redemption")
        return redemption.get("couponsLockReference") if isinstance(redemption, dict) else None

    def gameball_body(self, merchant: Merchant | None) -> Body:
        """The body for POST /orders: this order with `channel: "pos"` and the configured merchant."""
        body = copy.deepcopy(self.body)
        body["channel"] = CHANNEL
        if merchant is not None:
            body["merchant"] = merchant.to_body()
        return body


@dataclass(frozen=True)
class PreviewBasket:
    """A basket before payment: the order shape with customerId, orderId and orderDate optional."""

    customer_id: str | None
    currency: str
    total_paid: Decimal
    total_discount: Decimal | None
    total_shipping: Decimal | None
    line_items: tuple[LineItem, ...]
    body: Body = field(hash=False)

    def gameball_body(self, merchant: Merchant | None) -> Body:
        """The body for POST /orders/cashback, which requires discount and shipping totals (0 if absent)."""
        body = {key: copy.deepcopy(self.body[key]) for key in _CASHBACK_FIELDS if key in self.body}
        body.setdefault("totalDiscount", Decimal(0))
        body.setdefault("totalShipping", Decimal(0))
        if merchant is not None:
            body["merchant"] = merchant.to_body()
        return body

    def reward_preview_body(self, merchant: Merchant | None) -> Body:
        """The body for POST /orders/reward-preview: the cashback body plus tax, channel and extra."""
        body = self.gameball_body(merchant)
        for key in ("totalTax", "extra"):
            if key in self.body:
                body[key] = copy.deepcopy(self.body[key])
        body["channel"] = CHANNEL
        return body


def validate_order(body: object, *, now: datetime, currency: str) -> Order:
    """Validate a paid order from the till. Without `orderDate` the sale happened `now` (rule 8).

    Raises ValidationError(field, message) for anything Gameball would refuse or we must not keep.
    """
    normalised, lines = _normalise(body, now, currency, preview=False)
    digest = fingerprint(present(normalised))
    if normalised["orderDate"] is None:
        normalised["orderDate"] = to_iso_z(now)
    normalised = present(normalised)
    return Order(
        order_id=normalised["orderId"], customer_id=normalised["customerId"],
        order_date=parse_iso(normalised["orderDate"]),
        currency=currency.upper(), total_paid=normalised["totalPaid"],
        total_price=_decimal(normalised, "totalPrice"), total_discount=_decimal(normalised, "totalDiscount"),
        total_tax=_decimal(normalised, "totalTax"), total_shipping=_decimal(normalised, "totalShipping"),
        line_items=lines, body=normalised, fingerprint=digest,
    )


def validate_preview(body: object, *, now: datetime, currency: str) -> PreviewBasket:
    """Validate a basket to preview: as an order, but customerId, orderId and orderDate may be absent."""
    normalised, lines = _normalise(body, now, currency, preview=True)
    normalised = present(normalised)
    return PreviewBasket(
        customer_id=normalised.get("customerId"), currency=currency.upper(),
        total_paid=normalised["totalPaid"], total_discount=_decimal(normalised, "totalDiscount"),
        total_shipping=_decimal(normalised, "totalShipping"), line_items=lines, body=normalised,
    )
