"""Orders whose points hold expired before they reached Gameball (9006; issue 12, requirement 4).

The sale gave the discount, so its points must still be taken exactly once: the order's outbox item is split, in
one transaction, into a direct redemption (`debits`, its own frozen body, sent first) and the order without the
dead hold (`outbox.resend_body`, frozen once set). A refused debit (the points are gone) is recorded, audited
and shown to the manager; the order still goes, for what it earns.
"""

from __future__ import annotations

import logging
from typing import Any

from pos_app.store.audit import AuditMixin
from pos_app.store.errors import InvalidTransition, UnknownItem
from pos_app.store.records import Debit, DebitState, State

log = logging.getLogger(__name__)

NOT_DEBITED = "discount given, points could not be taken"


def _debit(row: dict[str, Any]) -> Debit:
    return Debit(row["order_id"], bytes(row["body"]), row["points"], DebitState(row["state"]), row["reason"])


class DebitsMixin(AuditMixin):
    def split_expired_hold(self, item_id: int, resend_body: bytes, debit_body: bytes, points: int,
                           hold_reference: str) -> None:
        """The order's hold expired (9006): queue the debit and the order without the hold, due now."""
        now = self._now()
        with self.write():
            row = self._one("SELECT kind, ref_id, state, resend_body FROM outbox WHERE id = ?", [item_id])
            if row is None:
                raise UnknownItem(item_id)
            if row["kind"] != "order" or row["resend_body"] is not None \
                    or State(row["state"]) not in (State.QUEUED, State.SENDING):
                raise InvalidTransition(item_id, row["state"], State.QUEUED, "not an order waiting on its hold")
            self._exec("INSERT INTO debits (order_id, body, points, created_at) VALUES (?, ?, ?, ?)",
                       [row["ref_id"], debit_body, points, now])
            self._exec("UPDATE outbox SET resend_body = ?, state = 'queued', next_attempt_at = ?, maybe_applied = 0"
                       " WHERE id = ?", [resend_body, now, item_id])
            self._exec("UPDATE holds SET state = 'released', updated_at = ? WHERE hold_reference = ?",
                       [now, hold_reference])
        log.warning("order %s: points hold expired before delivery; %d points will be debited directly",
                    row["ref_id"], points)

    def debit_of(self, order_id: str) -> Debit | None:
        row = self._one("SELECT * FROM debits WHERE order_id = ?", [order_id])
        return None if row is None else _debit(row)

    def mark_debit(self, order_id: str, state: DebitState, reason: str | None = None) -> None:
        """Sending (committed before the request), delivered, or refused (audited for the manager)."""
        now = self._now()
        with self.write():
            self._exec("UPDATE debits SET state = ?, reason = ?, updated_at = ? WHERE order_id = ?",
                       [state.value, reason, now, order_id])
            if state is DebitState.REFUSED:
                self.audit("sync", "order.points_not_taken", {"orderId": order_id, "reason": reason}, now)
        if state is DebitState.REFUSED:
            log.warning("order %s: %s (%s)", order_id, NOT_DEBITED, reason)

    def refused_debits(self) -> list[Debit]:
        """Sales whose discount was given but whose points Gameball would not take, for the manager."""
        return [_debit(r) for r in self._all("SELECT * FROM debits WHERE state = 'refused' ORDER BY updated_at")]
