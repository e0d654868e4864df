"""The end-of-day loyalty summary, from the day's local order records (pure: no I/O)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, Protocol

REFUND_TYPES = frozenset({"Refund", "PartialRefund", "Cancel"})


class _Tx(Protocol):
    transaction_type: str | None
    equivalent_points: Decimal | None


class _Refund(Protocol):
    refund_amount: Decimal | None
    state: Any


class _Shortfall(Protocol):
    points: int
    amount: Decimal | None


class _Order(Protocol):
    state: Any
    total_paid: Decimal
    currency: str
    rewarded_points: int | None
    redeemed_points: int | None
    expected_points: int | None
    transactions: Sequence[_Tx]
    refunds: Sequence[_Refund]


def _state(value: Any) -> str:
    return getattr(value, "value", value)


@dataclass(frozen=True)
class DaySummary:
    orders: int
    sales_total: Decimal
    currency: str
    delivered: int
    pending: int
    failed: int
    points_rewarded: int
    points_expected_pending: int
    points_redeemed: int
    refunds: int
    refunds_total: Decimal
    points_reversed: int
    # Orders Gameball holds something under whose id it cannot show is this sale: a manager decides.
    needs_review: int = 0
    # Sales whose discount was given but whose points Gameball would not take (their hold expired first).
    shortfalls: int = 0
    shortfall_points: int = 0
    shortfall_value: Decimal = Decimal(0)
    # Archive files (store/retention.py) holding orders of the day: those orders are not in the figures.
    archived_in: tuple[str, ...] = ()

    @classmethod
    def from_orders(cls, orders: Iterable[_Order], currency: str, shortfalls: Sequence[_Shortfall] = ()) -> DaySummary:
        """`shortfalls`: the day's sales whose points could not be taken (a value None counts as 0)."""
        counts = {"delivered": 0, "pending": 0, "failed": 0, "review": 0}
        total = refunds_total = Decimal(0)
        rewarded = expected = redeemed = refunds = reversed_points = n = 0
        for order in orders:
            n += 1
            state = _state(order.state)
            bucket = "delivered" if state == "delivered" else "failed" if state in ("failed", "discarded") \
                else "review" if state == "review" else "pending"
            counts[bucket] += 1
            total += order.total_paid
            if state == "delivered":
                rewarded += order.rewarded_points or 0
                redeemed += order.redeemed_points or 0
            elif bucket == "pending":
                expected += order.expected_points or 0
            for refund in order.refunds:
                refunds += 1
                refunds_total += refund.refund_amount or Decimal(0)
            reversed_points += sum(int(abs(tx.equivalent_points or 0)) for tx in order.transactions
                                   if tx.transaction_type in REFUND_TYPES)
        return cls(n, total, currency, counts["delivered"], counts["pending"], counts["failed"], rewarded, expected,
                   redeemed, refunds, refunds_total, reversed_points, counts["review"], len(shortfalls),
                   sum(s.points for s in shortfalls), sum((s.amount or Decimal(0) for s in shortfalls), Decimal(0)))

    def figures(self) -> list[tuple[str, int | Decimal, str]]:
        """(label, number, currency or "") in display order: the CSV keeps the number and its currency apart."""
        return [
            ("Orders", self.orders, ""),
            ("Sales", self.sales_total, self.currency),
            ("Delivered to Gameball", self.delivered, ""),
            ("Still pending", self.pending, ""),
            ("Failed", self.failed, ""),
            ("Needs review", self.needs_review, ""),
            ("Points rewarded", self.points_rewarded, ""),
            ("Points expected (pending orders)", self.points_expected_pending, ""),
            ("Points redeemed", self.points_redeemed, ""),
            ("Refunds", self.refunds, ""),
            ("Refunded", self.refunds_total, self.currency),
            ("Points reversed by refunds", self.points_reversed, ""),
            ("Discount given, points not taken", self.shortfalls, ""),
            ("Points not taken", self.shortfall_points, ""),
            ("Value of points not taken", self.shortfall_value, self.currency),
        ]

    def rows(self) -> list[tuple[str, str]]:
        """(label, value) pairs in display order, amounts with their currency: the screen and the print."""
        return [(label, f"{value} {currency}" if currency else str(value)) for label, value, currency in self.figures()]
