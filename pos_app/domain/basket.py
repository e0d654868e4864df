"""The basket at the till and the Gameball bodies it turns into (pure: no Qt, no I/O).

Totals follow Gameball's redemption rules (API.md section 6): `totalPrice` is the original value of
the goods, the redeemed value goes into `totalDiscount`, and `totalPaid` is what is left to pay after
redemption. Points are earned on `totalPaid` only, so a redemption lowers the points the basket earns.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, replace
from datetime import datetime
from decimal import Decimal

from pos_app.domain.money import quantize
from pos_app.domain.timeutil import to_iso_z

logger = logging.getLogger(__name__)

MANUAL_PRODUCT_ID = "MANUAL"
_ZERO = Decimal(0)


@dataclass(frozen=True)
class BasketLine:
    product_id: str
    title: str
    price: Decimal  # unit price
    quantity: Decimal = Decimal(1)
    sku: str | None = None
    category: tuple[str, ...] = ()

    def total(self, currency: str) -> Decimal:
        return quantize(self.price * self.quantity, currency)

    def to_body(self) -> dict[str, object]:
        body: dict[str, object] = {"productId": self.product_id, "title": self.title,
                                   "quantity": self.quantity, "price": self.price}
        if self.sku:
            body["sku"] = self.sku
        if self.category:
            body["category"] = list(self.category)
        return body


@dataclass(frozen=True)
class Redemption:
    """Points held at Gameball for this sale (POST /transactions/hold)."""

    hold_reference: str
    points: int
    value: Decimal  # the money the held points are worth: Gameball's holdAmount


@dataclass(frozen=True)
class AppliedCoupon:
    """A Gameball coupon validated for this customer and locked for this sale (POST /coupons/validate)."""

    code: str
    lock_reference: str
    value: Decimal  # the money it takes off the goods, as the till computed from Gameball's answer


@dataclass(frozen=True)
class Basket:
    currency: str
    lines: tuple[BasketLine, ...] = ()
    redemption: Redemption | None = None
    coupon: AppliedCoupon | None = None
    # Lines the host POS sent through the bridge: the till owns them, so they are shown, not edited.
    from_host: bool = False

    # --- editing (each returns a new basket) ---------------------------------------------------

    def add(self, line: BasketLine) -> Basket:
        """Add a line; the same SKU again adds to its quantity (a second scan of the same item)."""
        if line.sku:
            for index, existing in enumerate(self.lines):
                if existing.sku == line.sku and existing.price == line.price:
                    return self.set_quantity(index, existing.quantity + line.quantity)
        return replace(self, lines=(*self.lines, line))

    def set_quantity(self, index: int, quantity: Decimal) -> Basket:
        if quantity <= 0:
            return self.remove(index)
        lines = list(self.lines)
        lines[index] = replace(lines[index], quantity=quantity)
        return replace(self, lines=tuple(lines))

    def remove(self, index: int) -> Basket:
        return replace(self, lines=self.lines[:index] + self.lines[index + 1:])

    def with_redemption(self, redemption: Redemption | None) -> Basket:
        return replace(self, redemption=redemption)

    def with_coupon(self, coupon: AppliedCoupon | None) -> Basket:
        return replace(self, coupon=coupon)

    def with_lines(self, lines: tuple[BasketLine, ...], *, from_host: bool) -> Basket:
        return replace(self, lines=lines, from_host=from_host)

    # --- totals (API.md section 6) -------------------------------------------------------------

    @property
    def total_price(self) -> Decimal:
        return sum((line.total(self.currency) for line in self.lines), quantize(_ZERO, self.currency))

    @property
    def coupon_discount(self) -> Decimal:
        """The coupon's value, never more than the goods (lines may be removed after it was applied)."""
        if self.coupon is None:
            return quantize(_ZERO, self.currency)
        return min(self.coupon.value, self.total_price)

    @property
    def total_discount(self) -> Decimal:
        points = self.redemption.value if self.redemption else quantize(_ZERO, self.currency)
        return points + self.coupon_discount

    @property
    def total_paid(self) -> Decimal:
        """What the customer pays after redemption; never below 0 (see `over_redeemed`)."""
        return max(self.total_price - self.total_discount, quantize(_ZERO, self.currency))

    @property
    def over_redeemed(self) -> bool:
        """The redemption is worth more than the goods left after the coupon (lines were removed after the hold)."""
        return self.redemption is not None and self.redemption.value > self.total_price - self.coupon_discount

    @property
    def is_empty(self) -> bool:
        return not self.lines

    # --- bodies for validate_preview / validate_order ------------------------------------------

    def preview_body(self, customer_id: str | None = None, mobile: str | None = None) -> dict[str, object]:
        """The basket in the order shape, for POST /orders/cashback (through validate_preview)."""
        body: dict[str, object] = {
            "totalPaid": self.total_paid, "totalPrice": self.total_price,
            "totalDiscount": self.total_discount, "totalShipping": quantize(_ZERO, self.currency),
            "lineItems": [line.to_body() for line in self.lines],
        }
        if customer_id:
            body["customerId"] = customer_id
        if mobile:
            body["mobile"] = mobile
        return body

    def order_body(self, order_id: str, customer_id: str, order_date: datetime,
                   mobile: str | None = None) -> dict[str, object]:
        """The paid order for POST /orders (through validate_order); the hold and the coupon lock go in
        `redemption`."""
        body = self.preview_body(customer_id, mobile)
        del body["totalShipping"]
        body.update(orderId=order_id, orderDate=to_iso_z(order_date))
        redemption: dict[str, object] = {}
        if self.redemption is not None:
            redemption["pointsHoldReference"] = self.redemption.hold_reference
        if self.coupon is not None:
            redemption.update(couponsLockReference=self.coupon.lock_reference, couponCodes=[self.coupon.code])
        if redemption:
            body["redemption"] = redemption
        return body


def till_prefix(branch_id: str, terminal_id: str, install_id: str) -> str:
    """The start of every orderId this till makes: branch, terminal and the installation's random part.

    Gameball keys orders by orderId alone across the whole account, so two tills configured alike (the
    same branch and terminal id copied to both) must still differ: the install id does that by construction.
    """
    return "-".join(part for part in (branch_id, terminal_id, install_id) if part)


def new_order_id(prefix: str, moment: datetime, token: str) -> str:
    """A unique orderId for a sale made at this till: its prefix (till_prefix), UTC time of sale and a random
    token. The orderId is Gameball's only key (DESIGN rule 2), so it must never repeat across terminals or
    restarts. The caller passes the random `token` to keep this module pure."""
    return f"{prefix}-{to_iso_z(moment)[:19].replace('-', '').replace(':', '')}-{token}"
