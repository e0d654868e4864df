"""What the sandbox remembers: customers, orders and holds."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from pos_app.domain.cashback import CashbackResult
from pos_app.sandbox.ledger import Ledger

logger = logging.getLogger(__name__)

ACTIVE, USED, RELEASED, EXPIRED = "active", "used", "released", "expired"


@dataclass
class Customer:
    customer_id: str
    gameball_id: int
    email: str | None = None
    mobile: str | None = None
    tier: str | None = None
    attributes: dict[str, Any] = field(default_factory=dict)
    ledger: Ledger = field(default_factory=Ledger)
    total_spent: Decimal = Decimal(0)
    total_orders: int = 0
    last_order_date: str | None = None
    progress_base: int = 0  # tier progress seeded for the demo, on top of the points earned here

    @property
    def progress(self) -> int:
        return self.progress_base + self.ledger.total_earned

    @property
    def referral_code(self) -> str:
        return f"REF{self.gameball_id}"


@dataclass
class Hold:
    reference: str
    customer_id: str
    points: int
    amount: Decimal
    expires_at: float
    state: str = ACTIVE

    def state_at(self, now: float) -> str:
        return EXPIRED if self.state == ACTIVE and now >= self.expires_at else self.state


@dataclass
class OrderRecord:
    order_id: str
    customer_id: str
    total_paid: Decimal
    line_items: list[dict[str, Any]]
    cashback: CashbackResult
    rewarded: int
    redeemed: int
    transactions: list[dict[str, Any]] = field(default_factory=list)
    refunded_fraction: Decimal = Decimal(0)  # share of the order's points refunded so far, 0..1
    refunded_amount: Decimal = Decimal(0)
    reversed_points: int = 0
    returned_points: int = 0
    refunded_quantities: dict[int, Decimal] = field(default_factory=dict)  # order line index -> units

    @property
    def fully_refunded(self) -> bool:
        return self.refunded_fraction >= 1
