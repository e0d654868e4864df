"""One customer's points, as lots: when each becomes available (return window) and when it expires.

Held points are not taken from the lots until the hold is used; the state subtracts active holds from
what this ledger calls available. Debts (a refund reversing points already spent) are negative lots,
so a balance can go below zero exactly as far as the reversal demands.
"""

from __future__ import annotations

import logging
import math
from dataclasses import dataclass, field

logger = logging.getLogger(__name__)


@dataclass
class Lot:
    points: int
    available_at: float  # sandbox time; later than now = pending
    expires_at: float | None = None
    order_id: str | None = None  # the order that earned it, so a refund takes back those points first

    def is_available(self, now: float) -> bool:
        return self.available_at <= now and not self.is_expired(now)

    def is_expired(self, now: float) -> bool:
        return self.expires_at is not None and self.expires_at <= now


@dataclass
class Ledger:
    lots: list[Lot] = field(default_factory=list)
    total_earned: int = 0

    def credit(self, points: int, available_at: float, *, expires_at: float | None = None,
               order_id: str | None = None, earned: bool = False) -> None:
        if points > 0:
            self.lots.append(Lot(points, available_at, expires_at, order_id))
            if earned:
                self.total_earned += points

    def available(self, now: float) -> int:
        return sum(lot.points for lot in self.lots if lot.is_available(now))

    def pending(self, now: float) -> int:
        return sum(lot.points for lot in self.lots if lot.available_at > now and not lot.is_expired(now))

    def next_expiring(self, now: float) -> tuple[int, float] | None:
        """The points that expire next and when, among available ones."""
        dates = [lot.expires_at for lot in self.lots
                 if lot.points > 0 and lot.is_available(now) and lot.expires_at is not None]
        if not dates:
            return None
        first = min(dates)
        points = sum(lot.points for lot in self.lots if lot.expires_at == first and lot.is_available(now))
        return points, first

    def spend(self, points: int, now: float) -> None:
        """Take redeemed points from available lots, soonest-expiring first (the balance was checked)."""
        lots = sorted((lot for lot in self.lots if lot.points > 0 and lot.is_available(now)),
                      key=lambda lot: lot.expires_at if lot.expires_at is not None else math.inf)
        self._take(points, lots, now)

    def reverse(self, points: int, order_id: str, now: float) -> None:
        """Take back points an order earned: from that order's own lots (pending or not) first."""
        own = [lot for lot in self.lots if lot.order_id == order_id and lot.points > 0]
        others = sorted((lot for lot in self.lots if lot.order_id != order_id and lot.points > 0
                         and lot.is_available(now)),
                        key=lambda lot: lot.expires_at if lot.expires_at is not None else math.inf)
        self.total_earned -= points
        self._take(points, own + others, now)

    def _take(self, points: int, lots: list[Lot], now: float) -> None:
        remaining = points
        for lot in lots:
            if remaining <= 0:
                break
            used = min(lot.points, remaining)
            lot.points -= used
            remaining -= used
        if remaining > 0:
            self.lots.append(Lot(-remaining, now))
        self.lots = [lot for lot in self.lots if lot.points != 0]
