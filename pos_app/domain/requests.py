"""Bodies of the live calls the till makes for a customer: a points hold, a customer upsert, a
redemption OTP and coupon validation, lock and burn.

Orders, refunds and previews are built from the till's own body (order.py, refund.py); these are
built from what the cashier did. Times are UTC `...Z`; absent fields are left out (Gameball gets no nulls).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from pos_app.domain.order import CHANNEL, Body, present
from pos_app.domain.timeutil import to_iso_z


@dataclass(frozen=True)
class HoldRequest:
    """POST /transactions/hold: exactly one of points, amount or rule."""

    customer_id: str
    transaction_time: datetime
    points_to_hold: int | None = None
    amount_to_hold: Decimal | None = None
    rule_id: str | None = None  # a string in openapi.json
    hash: str | None = None
    otp: str | None = None
    ignore_otp: bool | None = None
    mobile: str | None = None
    email: str | None = None

    def __post_init__(self) -> None:
        chosen = [x for x in (self.points_to_hold, self.amount_to_hold, self.rule_id) if x is not None]
        if len(chosen) != 1:
            raise ValueError("a hold takes exactly one of points_to_hold, amount_to_hold or rule_id")

    def to_body(self) -> Body:
        return present({
            "customerId": self.customer_id, "email": self.email, "mobile": self.mobile,
            "transactionTime": to_iso_z(self.transaction_time), "otp": self.otp,
            "ignoreOTP": self.ignore_otp, "amountToHold": self.amount_to_hold,
            "pointsToHold": self.points_to_hold, "ruleId": self.rule_id, "hash": self.hash,
        })


@dataclass(frozen=True)
class CustomerRequest:
    """POST /customers (create or update); the customer joins through the `pos` channel."""

    customer_id: str
    mobile: str | None = None
    email: str | None = None
    display_name: str | None = None
    first_name: str | None = None
    last_name: str | None = None
    preferred_language: str | None = None
    guest: bool | None = None

    def to_body(self) -> Body:
        attributes = present({
            "displayName": self.display_name, "firstName": self.first_name, "lastName": self.last_name,
            "mobile": self.mobile, "email": self.email, "preferredLanguage": self.preferred_language,
            "channel": CHANNEL,
        })
        return present({
            "customerId": self.customer_id, "mobile": self.mobile, "email": self.email, "guest": self.guest,
            "customerAttributes": attributes,
        })


@dataclass(frozen=True)
class OtpRequest:
    """POST /transactions/otp: Gameball texts the customer a one-time code for exactly one of points,
    amount or rule; the code then travels as `otp` in the hold."""

    customer_id: str
    points: int | None = None
    amount: Decimal | None = None
    rule_id: int | None = None
    mobile: str | None = None
    email: str | None = None

    def __post_init__(self) -> None:
        if len([x for x in (self.points, self.amount, self.rule_id) if x is not None]) != 1:
            raise ValueError("an OTP request takes exactly one of points, amount or rule_id")

    def to_body(self) -> Body:
        return present({
            "customerId": self.customer_id, "email": self.email, "mobile": self.mobile,
            "amount": self.amount, "points": self.points, "ruleId": self.rule_id,
        })


@dataclass(frozen=True)
class CouponValidateRequest:
    """POST /coupons/validate: check codes for this customer and basket; with `lock`, reserve them
    for this sale until the order carries `couponsLockReference` (or the lock is released)."""

    customer_id: str
    coupons: tuple[str, ...]
    total_purchase_amount: Decimal | None = None
    lock: bool = False
    lock_reference: str | None = None
    merchant_id: str | None = None
    mobile: str | None = None
    email: str | None = None

    def __post_init__(self) -> None:
        if not self.coupons:
            raise ValueError("coupons: give at least one code")

    def to_body(self) -> Body:
        return present({
            "customerId": self.customer_id, "email": self.email, "mobile": self.mobile,
            "coupons": list(self.coupons), "lock": self.lock or None, "lockReference": self.lock_reference,
            "merchantId": self.merchant_id, "totalPurchaseAmount": self.total_purchase_amount,
        })


@dataclass(frozen=True)
class CouponBurnRequest:
    """POST /coupons/burn: use locked coupons up outside an order (the till's own orders burn them by
    carrying the lock reference instead)."""

    customer_id: str
    transaction_id: str
    transaction_time: datetime
    lock_reference: str | None = None
    coupons: tuple[str, ...] = ()

    def to_body(self) -> Body:
        return present({
            "customerId": self.customer_id, "transactionId": self.transaction_id,
            "transactionTime": to_iso_z(self.transaction_time), "coupons": list(self.coupons) or None,
            "lockReference": self.lock_reference,
        })
