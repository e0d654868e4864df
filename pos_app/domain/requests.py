"""Bodies of the live calls the till makes for a customer: a points hold and a customer upsert.

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
