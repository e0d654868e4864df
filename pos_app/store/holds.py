"""Points holds taken for redemption, so unused ones are released even after a restart (DESIGN rule 3)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from pos_app.store.base import StoreBase
from pos_app.store.codec import optional_decimal, optional_decimal_text, points
from pos_app.store.records import Hold, HoldState


class HoldsMixin(StoreBase):
    def record_hold(
        self,
        hold_reference: str,
        customer_id: str,
        points_held: int | None = None,
        amount: Decimal | str | None = None,
        now: float | None = None,
    ) -> None:
        """Remember a hold as soon as Gameball grants it; recording the same reference again is a no-op."""
        if not hold_reference or not customer_id:
            raise ValueError("a hold needs its reference and customer")
        with self.write():
            self._exec(
                "INSERT INTO holds (hold_reference, customer_id, points, amount, created_at, state)"
                " VALUES (?, ?, ?, ?, ?, 'active') ON CONFLICT (hold_reference) DO NOTHING",
                [hold_reference, customer_id, points(points_held), optional_decimal_text(amount),
                 self._now(now)],
            )

    def mark_hold_used(self, hold_reference: str, order_id: str, now: float | None = None) -> bool:
        """An order carries the hold (accept_order does this itself). False if it was not active."""
        return self._set_hold_state(hold_reference, HoldState.USED, order_id, now)

    def mark_hold_released(self, hold_reference: str, now: float | None = None) -> bool:
        """The hold was released at Gameball (or expired). False if it was not active."""
        return self._set_hold_state(hold_reference, HoldState.RELEASED, None, now)

    def _set_hold_state(
        self, hold_reference: str, state: HoldState, order_id: str | None, now: float | None
    ) -> bool:
        with self.write():
            changed = self._exec(
                "UPDATE holds SET state = ?, order_id = COALESCE(?, order_id), updated_at = ?"
                " WHERE hold_reference = ? AND state = 'active'",
                [state.value, order_id, self._now(now), hold_reference],
            )
        return bool(changed)

    def get_hold(self, hold_reference: str) -> Hold | None:
        row = self._one("SELECT * FROM holds WHERE hold_reference = ?", [hold_reference])
        return None if row is None else _hold(row)

    def active_holds_older_than(self, age_s: float, now: float | None = None) -> list[Hold]:
        """Active holds taken at least age_s ago, oldest first: the ones to release."""
        rows = self._all(
            "SELECT * FROM holds WHERE state = 'active' AND created_at <= ? ORDER BY created_at",
            [self._now(now) - age_s],
        )
        return [_hold(r) for r in rows]


def _hold(row: dict[str, Any]) -> Hold:
    return Hold(
        hold_reference=row["hold_reference"],
        customer_id=row["customer_id"],
        points=row["points"],
        amount=optional_decimal(row["amount"]),
        created_at=row["created_at"],
        state=HoldState(row["state"]),
        order_id=row["order_id"],
    )
