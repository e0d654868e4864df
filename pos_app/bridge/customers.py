"""The bridge's customer routes (issue 15): the customer, points holds, OTP and coupons for a host POS.

The same use cases as the till window (CustomerService), in JSON. What needs Gameball now answers
503 `offline` when it cannot be reached (never a figure or a hold it does not have), and 422 `refused`
with Gameball's own message (or the coupon's reason) when Gameball says no.
"""

from __future__ import annotations

import logging
import math
from collections.abc import Callable
from decimal import Decimal
from typing import Any, Protocol, TypeVar

from pos_app.bridge.errors import ApiError
from pos_app.domain import fields, wire
from pos_app.domain.basket import AppliedCoupon, Redemption
from pos_app.domain.customer_id import Identification, Source
from pos_app.domain.errors import ValidationError
from pos_app.domain.redemption import RedemptionOption
from pos_app.services.customer_loyalty import CouponRefused, CustomerProfile
from pos_app.services.customers import Busy, CustomerLookup, Offline, Refused

log = logging.getLogger(__name__)

T = TypeVar("T")
POINTS_MAX = 100_000_000


class BridgeCustomers(Protocol):
    """What the customer routes need; CustomerService is one."""

    def lookup(self, who: Identification) -> CustomerLookup: ...

    def profile(self, who: Identification) -> CustomerProfile | None: ...

    def hold(self, who: Identification, *, points: int | None = None, amount: Decimal | None = None,
             option: RedemptionOption | None = None, basket_total: Decimal | None = None, currency: str,
             otp: str | None = None) -> Redemption: ...

    def redemption_options(self, who: Identification) -> tuple[RedemptionOption, ...]: ...

    def release(self, hold_reference: str) -> None: ...

    def send_otp(self, who: Identification, points: int) -> None: ...

    def apply_coupon(self, who: Identification, code: str, basket_total: Decimal, currency: str,
                     merchant_id: str | None = None) -> AppliedCoupon: ...

    def release_coupon(self, lock_reference: str) -> None: ...

    def redemption_rules(self) -> Any: ...


def _gameball(call: Callable[[], T]) -> T:
    try:
        return call()
    except Offline:
        raise ApiError("offline", "Gameball is not reachable; try again when it is") from None
    except Busy as busy:
        seconds = str(max(1, math.ceil(busy.retry_after)))
        raise ApiError("busy", f"this terminal's share of Gameball's rate limits is in use; try again in "
                               f"{seconds} s", headers={"Retry-After": seconds}) from None
    except CouponRefused as refused:
        raise ApiError("refused", refused.message or f"coupon refused: {refused.refusal.value}",
                       field="code") from None
    except Refused as refused:
        raise ApiError("refused", f"Gameball refused: {refused.message}") from None


def _who(reader: fields.Reader) -> Identification:
    customer_id = reader.required("customerId", fields.identifier)
    mobile = reader.optional("mobile", fields.phone)
    hash_ = reader.optional("hash", fields.identifier)
    return Identification(customer_id, Source.QR if hash_ else Source.ID, mobile=mobile, hash=hash_)


def _points(value: object, path: str) -> int:
    return fields.integer(value, path, minimum=1, maximum=POINTS_MAX)


def _exactly_one_of_points_or_amount(reader: fields.Reader, currency: str) -> tuple[int | None, Decimal | None]:
    points = reader.optional("points", _points)
    amount = reader.optional("amount", lambda v, p: fields.amount(v, p, currency, positive=True))
    if (points is None) == (amount is None):
        raise ValidationError("points", "give exactly one of points or amount")
    return points, amount


def customer(customers: BridgeCustomers, customer_id: str) -> dict[str, Any]:
    """`GET /v1/customers/{customerId}`: name, tier, balance and progress, live or last known."""
    try:
        customer_id = fields.identifier(customer_id, "customerId")
    except ValidationError:
        raise ApiError("not_found", "no such customer") from None
    who = Identification(customer_id, Source.ID)
    lookup = customers.lookup(who)
    if lookup.found is False:
        raise ApiError("not_found", "Gameball has no such customer")
    if lookup.balance is None:
        raise ApiError("offline", "Gameball is not reachable and this terminal has not seen the customer")
    profile = customers.profile(who) if lookup.live or lookup.found else None
    balance = lookup.balance
    return wire.plain({
        "customerId": customer_id,
        "live": lookup.live,
        "fetchedAt": lookup.fetched_at,
        "name": profile.name if profile else None,
        "tier": profile.tier if profile else None,
        "nextTier": profile.next_tier if profile else None,
        "toNextTier": profile.to_next if profile else None,
        "balance": {
            "availablePoints": balance.available_points, "availableValue": balance.available_value,
            "pendingPoints": balance.pending_points, "expiringPoints": balance.next_expiring_points,
            "expiringDate": balance.next_expiring_date, "currency": balance.currency,
        },
    })


HOLD_FIELDS = frozenset({"customerId", "mobile", "hash", "points", "amount", "ruleId", "totalPrice", "otp"})


def create_hold(customers: BridgeCustomers, body: object, currency: str) -> dict[str, Any]:
    """`POST /v1/holds`: points (or an amount's worth, or a redemption rule's points) held at Gameball for the
    host's sale. A rule's discount depends on the basket, so `ruleId` comes with the sale's `totalPrice`."""
    reader = fields.Reader(body, "", HOLD_FIELDS)
    who = _who(reader)
    rule_id = reader.optional("ruleId", fields.identifier)
    otp = reader.optional("otp", fields.identifier)
    if rule_id is None:
        points, amount = _exactly_one_of_points_or_amount(reader, currency)
        held = _gameball(lambda: customers.hold(who, points=points, amount=amount, currency=currency, otp=otp))
    else:
        for other in ("points", "amount"):
            if reader.optional(other, lambda v, p: v) is not None:
                raise ValidationError(other, "give exactly one of points, amount or ruleId")
        total = reader.required("totalPrice", lambda v, p: fields.amount(v, p, currency, positive=True))
        options = _gameball(lambda: customers.redemption_options(who))
        option = next((o for o in options if o.rule_id == rule_id), None)
        if option is None:
            raise ApiError("refused", f"Gameball offers this customer no redemption rule {rule_id}", field="ruleId")
        held = _gameball(lambda: customers.hold(who, option=option, basket_total=total, currency=currency,
                                                otp=otp))
    return wire.plain({"holdReference": held.hold_reference, "points": held.points, "value": held.value})


def release_hold(customers: BridgeCustomers, reference: str) -> dict[str, Any]:
    reference = _reference(reference, "holdReference")
    _gameball(lambda: customers.release(reference))
    return {"released": True}


OTP_FIELDS = frozenset({"customerId", "mobile", "points", "amount"})


def send_otp(customers: BridgeCustomers, body: object, currency: str) -> dict[str, Any]:
    """`POST /v1/otp`: Gameball texts the customer a code; the host passes it as `otp` in the hold."""
    reader = fields.Reader(body, "", OTP_FIELDS)
    who = _who(reader)
    points, amount = _exactly_one_of_points_or_amount(reader, currency)
    if points is None:
        assert amount is not None
        points = customers.redemption_rules().points_for(amount)
    _gameball(lambda: customers.send_otp(who, points))
    return {"sent": True}


COUPON_FIELDS = frozenset({"customerId", "mobile", "code", "totalPrice"})


def lock_coupon(customers: BridgeCustomers, body: object, currency: str, merchant_id: str) -> dict[str, Any]:
    """`POST /v1/coupons`: validate a code for this customer and basket and lock it for the sale; the
    host's order then carries `redemption.couponCodes` and `couponsLockReference`."""
    reader = fields.Reader(body, "", COUPON_FIELDS)
    who = _who(reader)
    code = reader.required("code", fields.identifier)
    total = reader.required("totalPrice", lambda v, p: fields.amount(v, p, currency, positive=True))
    coupon = _gameball(lambda: customers.apply_coupon(who, code, total, currency, merchant_id or None))
    return wire.plain({"code": coupon.code, "lockReference": coupon.lock_reference, "value": coupon.value})


def release_coupon(customers: BridgeCustomers, reference: str) -> dict[str, Any]:
    reference = _reference(reference, "lockReference")
    _gameball(lambda: customers.release_coupon(reference))
    return {"released": True}


def _reference(value: str, name: str) -> str:
    try:
        return fields.identifier(value, name)
    except ValidationError:
        raise ApiError("not_found", f"no such {name}") from None
