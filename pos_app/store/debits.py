"""Orders whose points hold or coupon lock expired before they reached Gameball (9006 or 4004; issue 12,
requirement 4, and issue 15, requirement 3).

The sale gave the discount, so its points (or coupon) must still be taken exactly once: the order's outbox item is
split, in one transaction, into direct debits (`debits`, one per kind, each its own frozen body, sent first: a
redemption of the hold's points, a burn of the lock's codes) and the order without the dead redemption
(`outbox.resend_body`, frozen once set). A refused debit (the points or the coupon are gone) is recorded, audited
and shown to the manager; the order still goes, for what it earns.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any

from pos_app.store.audit import AuditMixin
from pos_app.store.errors import InvalidTransition, UnknownItem
from pos_app.store.records import Debit, DebitKind, DebitState, State

log = logging.getLogger(__name__)

NOT_DEBITED = "discount given, points could not be taken"
NOT_REDEEMED = "discount given, coupon could not be redeemed"
_REFUSED = {DebitKind.POINTS: ("order.points_not_taken", NOT_DEBITED),
            DebitKind.COUPON: ("order.coupon_not_redeemed", NOT_REDEEMED)}


@dataclass(frozen=True)
class ExpiredRedemption:
    """What the order took at the till that it can no longer carry: `debit_body` debits the hold's `points`
    directly, `burn_body` burns the lock's codes directly (each None when the sale had no such part)."""

    hold_reference: str | None = None
    points: int = 0
    debit_body: bytes | None = None
    burn_body: bytes | None = None


def _debit(row: dict[str, Any]) -> Debit:
    return Debit(row["order_id"], bytes(row["body"]), row["points"], DebitState(row["state"]), row["reason"],
                 DebitKind(row["kind"]))


class DebitsMixin(AuditMixin):
    def split_expired_redemption(self, item_id: int, resend_body: bytes, expired: ExpiredRedemption) -> None:
        """The order's hold or coupon lock expired: queue its debits and the order without them, due now."""
        now = self._now()
        with self.write():
            row = self._one("SELECT kind, ref_id, state, resend_body FROM outbox WHERE id = ?", [item_id])
            if row is None:
                raise UnknownItem(item_id)
            if row["kind"] != "order" or row["resend_body"] is not None \
                    or State(row["state"]) not in (State.QUEUED, State.SENDING):
                raise InvalidTransition(item_id, row["state"], State.QUEUED, "not an order waiting on its redemption")
            for kind, body, points in ((DebitKind.POINTS, expired.debit_body, expired.points),
                                       (DebitKind.COUPON, expired.burn_body, 0)):
                if body is not None:
                    self._exec("INSERT INTO debits (order_id, kind, body, points, created_at) VALUES (?, ?, ?, ?, ?)",
                               [row["ref_id"], kind.value, body, points, now])
            self._exec("UPDATE outbox SET resend_body = ?, state = 'queued', next_attempt_at = ?, maybe_applied = 0"
                       " WHERE id = ?", [resend_body, now, item_id])
            if expired.hold_reference:
                self._exec("UPDATE holds SET state = 'released', updated_at = ? WHERE hold_reference = ?",
                           [now, expired.hold_reference])
        log.warning("order %s: its redemption expired before delivery; %s will be taken directly", row["ref_id"],
                    " and ".join(part for part, body in (("the held points", expired.debit_body),
                                                         ("the coupon", expired.burn_body)) if body is not None))

    def debit_of(self, order_id: str, kind: DebitKind = DebitKind.POINTS) -> Debit | None:
        row = self._one("SELECT * FROM debits WHERE order_id = ? AND kind = ?", [order_id, kind.value])
        return None if row is None else _debit(row)

    def pending_debits(self, order_id: str) -> list[Debit]:
        """The order's debits still to settle (queued, or sending: maybe landed), points before the coupon."""
        rows = self._all("SELECT * FROM debits WHERE order_id = ? AND state IN ('queued', 'sending')"
                         " ORDER BY kind = 'coupon'", [order_id])
        return [_debit(r) for r in rows]

    def mark_debit(self, order_id: str, state: DebitState, reason: str | None = None,
                   kind: DebitKind = DebitKind.POINTS) -> None:
        """Sending (committed before the request), delivered, or refused (audited for the manager)."""
        now = self._now()
        action, shortfall = _REFUSED[kind]
        with self.write():
            self._exec("UPDATE debits SET state = ?, reason = ?, updated_at = ? WHERE order_id = ? AND kind = ?",
                       [state.value, reason, now, order_id, kind.value])
            if state is DebitState.REFUSED:
                self.audit("sync", action, {"orderId": order_id, "reason": reason}, now)
        if state is DebitState.REFUSED:
            log.warning("order %s: %s (%s)", order_id, shortfall, reason)

    def refused_debits(self) -> list[Debit]:
        """Sales whose discount was given but whose points or coupon Gameball would not take, for the manager."""
        return [_debit(r) for r in self._all("SELECT * FROM debits WHERE state = 'refused' ORDER BY updated_at")]
