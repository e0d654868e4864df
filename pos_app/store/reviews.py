"""Items that need a manager's review (issue 12, requirement 1) and sales whose points could not be taken
(requirement 4): the two lists a manager decides or acts on that the sender never resolves by itself.

An item goes to review when Gameball holds something under its id (9004, or 9001/9003 on a re-send) and the
documented fields cannot tell whether it is this sale. It is never delivered on a guess nor sent again; a
manager who checked in Gameball says "this sale" (delivered) or "another sale" (failed), with a reason,
audited like a discard.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import Any

from pos_app.domain.applied import ANOTHER_SALE
from pos_app.store.codec import optional_decimal
from pos_app.store.debits import NOT_DEBITED, NOT_REDEEMED
from pos_app.store.outbox import ErrorLike, OutboxMixin
from pos_app.store.records import (
    Delivery,
    ErrorInfo,
    Kind,
    ReviewItem,
    SeenTransaction,
    Shortfall,
    State,
)
from pos_app.store.schema import LIVE

log = logging.getLogger(__name__)

_REVIEW = frozenset({State.REVIEW})
# The fields of Gameball's transactions a manager compares with the sale (openapi: the order's transactions).
_KEPT = ("transactionType", "transactionId", "amount", "equivalentPoints", "transactionDate")


def _seen(raw: Mapping[str, Any]) -> SeenTransaction:
    points = raw.get("equivalentPoints")
    return SeenTransaction(
        transaction_type=None if raw.get("transactionType") is None else str(raw["transactionType"]),
        transaction_id=None if raw.get("transactionId") is None else str(raw["transactionId"]),
        amount=_amount(raw.get("amount")),
        points=int(points) if isinstance(points, (int, float, Decimal)) and not isinstance(points, bool) else None,
        date=None if raw.get("transactionDate") is None else str(raw["transactionDate"]),
    )


def _amount(value: Any) -> Decimal | None:
    # Kept as Gameball sent it: a JSON number, or its text once stored.
    try:
        return None if value is None or isinstance(value, bool) else Decimal(str(value))
    except ArithmeticError:
        return None


class ReviewsMixin(OutboxMixin):
    def mark_review(self, item_id: int, error: ErrorLike, transactions: Iterable[Mapping[str, Any]]) -> None:
        """Put aside for a manager, with what Gameball held under the id (kept to compare with the sale).
        Refunds waiting on this order keep waiting: they follow the manager's decision."""
        info = ErrorInfo.coerce(error)
        kept = [{key: tx.get(key) for key in _KEPT} for tx in transactions]
        now = self._now()
        with self.write():
            row = self._require(item_id, frozenset({State.QUEUED, State.SENDING}), State.REVIEW)
            self._exec("UPDATE outbox SET state = 'review', failed_at = ?, last_error = ? WHERE id = ?",
                       [now, info.to_json(), item_id])
            self._exec("INSERT OR REPLACE INTO reviews (outbox_id, transactions, checked_at) VALUES (?, ?, ?)",
                       [item_id, json.dumps(kept, default=str), now])
        log.warning("%s %s needs review: %s", row["kind"], row["ref_id"], info.message)

    def review_count(self) -> int:
        return self._count(f"{LIVE} AND state = 'review'")

    def review_list(self) -> list[ReviewItem]:
        rows = self._all(
            "SELECT x.id, x.kind, x.ref_id, COALESCE(x.depends_on_order_id, x.ref_id) AS order_id, x.last_error,"
            " x.failed_at, x.first_attempt_at, o.customer_id, o.order_date, o.currency, o.expected_points,"
            " CASE WHEN x.kind = 'refund' THEN r.refund_amount ELSE o.total_paid END AS amount, v.transactions"
            " FROM outbox x LEFT JOIN orders o ON o.order_id = COALESCE(x.depends_on_order_id, x.ref_id)"
            " LEFT JOIN refunds r ON x.kind = 'refund' AND r.refund_id = x.ref_id"
            f" LEFT JOIN reviews v ON v.outbox_id = x.id WHERE x.{LIVE} AND x.state = 'review' ORDER BY x.id")
        items = []
        for r in rows:
            error = ErrorInfo.from_json(r["last_error"])
            seen = json.loads(r["transactions"]) if r["transactions"] else []
            items.append(ReviewItem(
                id=r["id"], kind=Kind(r["kind"]), ref_id=r["ref_id"], order_id=r["order_id"],
                message=error.message if error else None, since=r["failed_at"], customer_id=r["customer_id"],
                amount=optional_decimal(r["amount"]), currency=r["currency"], order_date=r["order_date"],
                first_sent_at=r["first_attempt_at"],
                expected_points=r["expected_points"] if r["kind"] == Kind.ORDER else None,
                gameball=tuple(_seen(tx) for tx in seen if isinstance(tx, dict)),
            ))
        return items

    def resolve_review(self, item_id: int, this_sale: bool, reason: str, actor: str) -> None:
        """A manager's decision, audited with the reason and this terminal. This sale: delivered (its body, phone
        and email dropped; the history then reads Gameball's figures). Another sale: failed, "order id already used
        by another sale", and the refunds waiting on the order fail with it."""
        if not reason or not reason.strip():
            raise ValueError("reason: a decision on an order needing review needs a reason for the audit log")
        now = self._now()
        with self.write():
            row = self._require(item_id, _REVIEW, State.DELIVERED if this_sale else State.FAILED)
            self._exec("DELETE FROM reviews WHERE outbox_id = ?", [item_id])  # decided: the audit keeps the why
            if this_sale:
                self._deliver_chunk([Delivery(item_id, None)], now, _REVIEW)
            else:
                error = ErrorInfo(error_class="failed", message=f"{ANOTHER_SALE} (a manager checked: {reason.strip()})")
                self._exec("UPDATE outbox SET state = 'failed', failed_at = ?, last_error = ? WHERE id = ?",
                           [now, error.to_json(), item_id])
                if row["kind"] == Kind.ORDER:
                    self._fail_waiting_refunds(row["ref_id"], now)
            self.audit(actor, "outbox.review_delivered" if this_sale else "outbox.review_failed",
                       {"outboxId": item_id, "kind": row["kind"], "refId": row["ref_id"], "reason": reason.strip()},
                       now)

    def shortfall_count(self) -> int:
        row = self._one("SELECT COUNT(*) AS n FROM debits WHERE state = 'refused'")
        return 0 if row is None else int(row["n"])

    def shortfalls(self, start: str | None = None, end: str | None = None) -> list[Shortfall]:
        """Sales whose discount was given but whose points or coupon Gameball refused to take, oldest first; only those
        sold in [start, end) (UTC ISO) when given."""
        where, params = ("", []) if start is None or end is None else \
            (" AND o.order_date >= ? AND o.order_date < ?", [start, end])
        rows = self._all(
            "SELECT d.order_id, d.kind, d.points, d.reason, d.updated_at, d.created_at, o.customer_id, o.currency,"
            " h.amount FROM debits d JOIN orders o ON o.order_id = d.order_id"
            " LEFT JOIN holds h ON h.hold_reference = o.hold_reference"
            f" WHERE d.state = 'refused'{where} ORDER BY d.updated_at, d.order_id, d.kind", params)
        return [Shortfall(
            order_id=r["order_id"], customer_id=r["customer_id"], kind=r["kind"], points=r["points"],
            amount=optional_decimal(r["amount"]) if r["kind"] == "points" else None, currency=r["currency"],
            at=r["updated_at"] or r["created_at"],
            reason=(r["reason"] or "").removeprefix(f"{NOT_DEBITED}: ").removeprefix(f"{NOT_REDEEMED}: "),
        ) for r in rows]
