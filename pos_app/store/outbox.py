"""The outbox state machine the sync engine drives, and the manager's failed list.

queued -> sending (mark_sending) -> delivered (mark_delivered), failed (mark_failed), or back to
queued (mark_retry, recover_after_restart), or review (mark_review: Gameball holds something under the id
and cannot show whose it is). failed -> queued (requeue_failed) or discarded (discard_failed). review ->
delivered or failed only by a manager (store.reviews). queued may also go straight to delivered or failed
when the engine learns the outcome without sending (it asked GET /orders/{id}/transactions after an unknown outcome).

One sender per terminal (SenderLock) drives these transitions; anyone may read.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Iterable, Iterator, Mapping
from decimal import Decimal
from typing import Any, TypeVar

from pos_app.domain.reasons import manager_reason
from pos_app.store.audit import AuditMixin
from pos_app.store.base import state_filter
from pos_app.store.codec import answer_points, raw_json
from pos_app.store.errors import InvalidTransition, UnknownItem
from pos_app.store.orders import dependency_error
from pos_app.store.records import DEPENDENCY, Delivery, ErrorInfo, FailedItem, Kind, OutboxItem, State
from pos_app.store.schema import LIVE

log = logging.getLogger(__name__)

ErrorLike = ErrorInfo | Mapping[str, Any]
T = TypeVar("T")

# Items per write transaction when the engine records many at once: each holds the write lock a sale's accept
# waits for (about 0.1 ms an item), so a chunk keeps that wait to a few milliseconds.
WRITE_CHUNK = 50

# Where an outcome (delivered, retry, failed) may come from: see the module docstring.
_OUTCOME_FROM = frozenset({State.QUEUED, State.SENDING})

# The live items (schema.LIVE): outbox_live's own WHERE, word for word. SQLite uses a partial index only for a query
# whose WHERE repeats the index's; `state = 'queued'` alone walks every delivered row of a year (60-70 ms at 200,000).
_LIVE_STATES = frozenset({State.QUEUED, State.SENDING, State.FAILED, State.REVIEW})

# A refund is due only once its order is delivered (DESIGN section 5: "queued after its order").
_READY = f"""
    o.{LIVE} AND o.state = 'queued'
    AND (o.depends_on_order_id IS NULL
         OR EXISTS (SELECT 1 FROM orders d
                    WHERE d.order_id = o.depends_on_order_id AND d.state = 'delivered'))
"""


def batched(items: Iterable[T], size: int) -> Iterator[list[T]]:
    chunk: list[T] = []
    for item in items:
        chunk.append(item)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _item(row: Mapping[str, Any]) -> OutboxItem:
    return OutboxItem(
        id=row["id"],
        kind=Kind(row["kind"]),
        ref_id=row["ref_id"],
        state=State(row["state"]),
        body=None if row["body"] is None else bytes(row["body"]),
        body_sha256=row["body_sha256"],
        attempts=row["attempts"],
        created_at=row["created_at"],
        next_attempt_at=row["next_attempt_at"],
        last_attempt_at=row["last_attempt_at"],
        last_error=ErrorInfo.from_json(row["last_error"]),
        maybe_applied=bool(row["maybe_applied"]),
        depends_on_order_id=row["depends_on_order_id"],
        failed_at=row["failed_at"],
        delivered_at=row["delivered_at"],
        first_attempt_at=row["first_attempt_at"],
        resend_body=None if row["resend_body"] is None else bytes(row["resend_body"]),
    )


class OutboxMixin(AuditMixin):
    # ---- what to send next ----

    def due(self, now: float | None = None, limit: int = 100) -> list[OutboxItem]:
        """Queued items whose time has come: orders that redeem a points hold first (a hold lives about 10
        minutes, a backlog drain at the documented limit may take longer), then oldest first; refunds only once
        their order is delivered."""
        rows = self._all(
            f"SELECT o.* FROM outbox o LEFT JOIN orders h ON o.kind = 'order' AND h.order_id = o.ref_id"
            f" WHERE {_READY} AND o.next_attempt_at <= ? ORDER BY h.hold_reference IS NULL, o.id LIMIT ?",
            [self._now(now), limit],
        )
        return [_item(r) for r in rows]

    def next_due_time(self) -> float | None:
        """The earliest next_attempt_at among items that could be due, for the engine to sleep until.

        A refund still waiting for its order does not count: the order's own delivery wakes the engine.
        """
        row = self._one(f"SELECT MIN(o.next_attempt_at) AS t FROM outbox o WHERE {_READY}")
        return None if row is None else row["t"]

    # ---- outcomes ----

    def mark_sending(self, ids: Iterable[int]) -> None:
        """Claim queued items for one send (one request or one batch); counts the attempt. A batch is claimed
        WRITE_CHUNK items a transaction, so a sale being accepted meanwhile waits for one chunk, not 500."""
        now = self._now()
        for chunk in batched(ids, WRITE_CHUNK):
            with self.write():
                for item_id in chunk:
                    self._require(item_id, frozenset({State.QUEUED}), State.SENDING)
                    self._exec(
                        "UPDATE outbox SET state = 'sending', attempts = attempts + 1, last_attempt_at = ?,"
                        " first_attempt_at = COALESCE(first_attempt_at, ?) WHERE id = ?",
                        [now, now, item_id],
                    )

    def mark_delivered(
        self,
        item_id: int,
        response_json: Any = None,
        rewarded_points: int | None = None,
        redeemed_points: int | None = None,
    ) -> None:
        """Gameball has it (2xx, or 9004 for our own id). Phone and email leave the order row, and the
        body (which carries them) is dropped: nothing will send it again (DESIGN rule 7)."""
        self.mark_delivered_many([Delivery(item_id, response_json, rewarded_points, redeemed_points)])

    def mark_delivered_many(self, deliveries: Iterable[Delivery]) -> None:
        """Many deliveries (one batch answer), WRITE_CHUNK a transaction so accepts are not held up. Repeating
        one for an item already delivered changes nothing, so a replayed batch result is harmless, and a crash
        between chunks leaves the rest 'sending', recovered as maybe applied. For the same reason a delivery is
        committed without waiting for the disk: a power cut that loses it leaves the item as a crash would
        (queued, maybe applied, checked with Gameball before it goes again), and a sale being accepted
        meanwhile does not wait behind the engine's fsync (bench/accept.py)."""
        now = self._now()
        for chunk in batched(deliveries, WRITE_CHUNK):
            with self.write(durable=False):
                self._deliver_chunk(chunk, now)

    def _deliver_chunk(self, deliveries: Iterable[Delivery], now: float,
                       allowed: frozenset[State] = _OUTCOME_FROM | {State.DELIVERED}) -> None:
        for d in deliveries:
            row = self._require(d.outbox_id, allowed, State.DELIVERED)
            if row["state"] == State.DELIVERED:
                continue
            response = raw_json(d.response)
            self._exec(
                "UPDATE outbox SET state = 'delivered', delivered_at = ?, body = NULL, resend_body = NULL,"
                " last_error = NULL WHERE id = ?",
                [now, d.outbox_id],
            )
            if row["kind"] == Kind.ORDER:
                rewarded, redeemed = answer_points(d.rewarded_points), answer_points(d.redeemed_points)
                self._exec(
                    "UPDATE orders SET response = ?, rewarded_points = COALESCE(?, rewarded_points),"
                    " redeemed_points = COALESCE(?, redeemed_points) WHERE order_id = ?",
                    [response, rewarded, redeemed, row["ref_id"]],
                )
            else:
                self._exec(
                    "UPDATE refunds SET response = ? WHERE refund_id = ?", [response, row["ref_id"]]
                )
                # The refund adds transactions to its order: pull the order's history again.
                self._exec(
                    "UPDATE orders SET history_settled = 0, history_synced_at = NULL WHERE order_id = ?",
                    [row["depends_on_order_id"]],
                )
            log.info("%s %s delivered", row["kind"], row["ref_id"])

    def mark_retry(self, item_id: int, next_attempt_at: float, error: ErrorLike, maybe_applied: bool) -> None:
        """Back to the queue with the same body, not before next_attempt_at.

        maybe_applied is sticky: once any attempt may have reached Gameball, every later attempt
        must first find out (or rely on 9004), whatever the later attempts' own outcomes.
        """
        self.mark_retry_many([item_id], next_attempt_at, error, maybe_applied)

    def mark_retry_many(
        self, ids: Iterable[int], next_attempt_at: float, error: ErrorLike, maybe_applied: bool
    ) -> None:
        info = ErrorInfo.coerce(error)
        with self.write():
            for item_id in ids:
                row = self._require(item_id, _OUTCOME_FROM, State.QUEUED)
                self._exec(
                    "UPDATE outbox SET state = 'queued', next_attempt_at = ?, last_error = ?,"
                    " maybe_applied = MAX(maybe_applied, ?) WHERE id = ?",
                    [next_attempt_at, info.to_json(), int(maybe_applied), item_id],
                )
                log.info("%s %s will be retried: %s", row["kind"], row["ref_id"], info.error_class)

    def mark_failed(self, item_id: int, error: ErrorLike) -> None:
        """Permanently rejected: onto the manager's failed list, and the queue moves on (DESIGN rule 5).

        Refunds waiting on a failed order fail with it, with the reason, instead of waiting for ever.
        """
        self.mark_failed_many([(item_id, error)])

    def mark_failed_many(self, failures: Iterable[tuple[int, ErrorLike]]) -> None:
        now = self._now()
        with self.write():
            for item_id, error in failures:
                info = ErrorInfo.coerce(error)
                row = self._require(item_id, _OUTCOME_FROM, State.FAILED)
                self._exec(
                    "UPDATE outbox SET state = 'failed', failed_at = ?, last_error = ? WHERE id = ?",
                    [now, info.to_json(), item_id],
                )
                log.warning(
                    "%s %s failed: status %s code %s requestId %s",
                    row["kind"], row["ref_id"], info.status, info.code, info.request_id,
                )
                if row["kind"] == Kind.ORDER:
                    self._fail_waiting_refunds(row["ref_id"], now)

    def _fail_waiting_refunds(self, order_id: str, now: float) -> None:
        reason = dependency_error(order_id, State.FAILED).to_json()
        count = self._exec(
            "UPDATE outbox SET state = 'failed', failed_at = ?, last_error = ?"
            " WHERE depends_on_order_id = ? AND state = 'queued'",
            [now, reason, order_id],
        )
        if count:
            log.warning("%d refund(s) of order %s failed with it", count, order_id)

    def recover_after_restart(self) -> int:
        """Items left 'sending' by a crash go back to the queue, flagged maybe_applied: the request
        may have reached Gameball. Only the SenderLock holder may call this. Returns how many."""
        with self.write():
            count = self._exec(
                f"UPDATE outbox SET state = 'queued', maybe_applied = 1 WHERE {LIVE} AND state = 'sending'"
            )
        if count:
            log.warning("%d item(s) were being sent when the app stopped; queued again, maybe applied", count)
        return count

    # ---- the manager's failed list ----

    def requeue_failed(self, item_id: int, reason: str, actor: str) -> None:
        """A manager's retry: the same frozen body goes back to the queue, due now, and it is audited with the
        reason typed (ValidationError naming `reason` when there is none).

        Retrying an order also requeues the refunds that failed only because of it. A refund of an
        order that is still failed or discarded cannot be retried: it would wait for ever.
        """
        reason = manager_reason(reason)
        now = self._now()
        with self.write():
            row = self._require(item_id, frozenset({State.FAILED}), State.QUEUED)
            if row["kind"] == Kind.REFUND:
                order = self._one("SELECT state FROM orders WHERE order_id = ?", [row["depends_on_order_id"]])
                if order is not None and State(order["state"]) in (State.FAILED, State.DISCARDED):
                    raise InvalidTransition(
                        item_id, State.FAILED, State.QUEUED,
                        f"its order {row['depends_on_order_id']} is {order['state']}; retry the order first",
                    )
            self._exec(
                "UPDATE outbox SET state = 'queued', next_attempt_at = ?, failed_at = NULL WHERE id = ?",
                [now, item_id],
            )
            requeued_refunds = 0
            if row["kind"] == Kind.ORDER:
                requeued_refunds = self._exec(
                    "UPDATE outbox SET state = 'queued', next_attempt_at = ?, failed_at = NULL"
                    " WHERE depends_on_order_id = ? AND state = 'failed'"
                    " AND json_extract(last_error, '$.class') = ?",
                    [now, row["ref_id"], DEPENDENCY],
                )
            self.audit(
                actor,
                "outbox.requeue",
                {"outboxId": item_id, "kind": row["kind"], "refId": row["ref_id"],
                 "refundsRequeued": requeued_refunds, "reason": reason},
                now,
            )

    def discard_failed(self, item_id: int, reason: str, actor: str) -> None:
        """A manager gives up on a failed item: it is never sent; its body and the order's phone and
        email are dropped. Audited with the reason."""
        reason = manager_reason(reason)
        now = self._now()
        with self.write():
            row = self._require(item_id, frozenset({State.FAILED}), State.DISCARDED)
            self._exec("UPDATE outbox SET state = 'discarded', body = NULL, resend_body = NULL WHERE id = ?", [item_id])
            self.audit(
                actor,
                "outbox.discard",
                {"outboxId": item_id, "kind": row["kind"], "refId": row["ref_id"], "reason": reason},
                now,
            )

    def failed_list(self) -> list[FailedItem]:
        rows = self._all(
            "SELECT f.*, o.customer_id, o.order_date, o.currency,"
            " CASE WHEN f.kind = 'refund' THEN r.refund_amount ELSE o.total_paid END AS amount"
            " FROM failed_items f LEFT JOIN orders o ON o.order_id = f.order_id"
            " LEFT JOIN refunds r ON f.kind = 'refund' AND r.refund_id = f.ref_id ORDER BY f.id")
        return [
            FailedItem(
                id=r["id"],
                kind=Kind(r["kind"]),
                ref_id=r["ref_id"],
                order_id=r["order_id"],
                error_class=r["error_class"],
                status=r["status"],
                code=r["code"],
                message=r["message"],
                request_id=r["request_id"],
                failed_at=r["failed_at"],
                attempts=r["attempts"],
                customer_id=r["customer_id"],
                amount=Decimal(r["amount"]) if r["amount"] is not None else None,
                currency=r["currency"],
                order_date=r["order_date"],
            )
            for r in rows
        ]

    # ---- counts and listings ----

    def recent_requests(self, since: float) -> list[tuple[str, float]]:
        """(kind, epoch) of the requests this terminal made since `since`, as far as the database knows:
        each item's last send ("order" or "refund") and each order's last history pull ("history").
        A restarted sender counts them against Gameball's windows instead of starting from zero."""
        rows = self._all(
            "SELECT kind, last_attempt_at AS at FROM outbox WHERE last_attempt_at >= ?"
            " UNION ALL SELECT 'history', history_synced_at FROM orders WHERE history_synced_at >= ?",
            [since, since],
        )
        return [(row["kind"], float(row["at"])) for row in rows]

    def pending_count(self) -> int:
        """Orders and refunds not yet delivered and not failed: what the till shows as waiting."""
        return self._count(f"{LIVE} AND state IN ('queued', 'sending')")

    def failed_count(self) -> int:
        return self._count(f"{LIVE} AND state = 'failed'")

    def get_item(self, item_id: int) -> OutboxItem | None:
        row = self._one("SELECT * FROM outbox WHERE id = ?", [item_id])
        return None if row is None else _item(row)

    def list_items(
        self, states: Iterable[State | str] | None = None, limit: int | None = None
    ) -> list[OutboxItem]:
        """Outbox items in FIFO order, optionally only some states."""
        where, params = state_filter(states)
        params.append(-1 if limit is None else limit)  # LIMIT -1 is SQLite for "no limit"
        rows = self._all(f"SELECT * FROM outbox WHERE {where} ORDER BY id LIMIT ?", params)
        return [_item(r) for r in rows]

    def iter_items(self, states: Iterable[State | str] | None = None, page: int = 500) -> Iterator[OutboxItem]:
        """Outbox items in FIFO order, a page at a time: a year of delivered rows never sits in memory."""
        where, params = state_filter(states)
        if params and set(params) <= _LIVE_STATES:
            # Only then can SQLite use the live-items index; otherwise it walks every row of a year's outbox.
            where = f"{LIVE} AND {where}"
        after = 0
        while True:
            rows = self._all(f"SELECT * FROM outbox WHERE {where} AND id > ? ORDER BY id LIMIT ?",
                             [*params, after, page])
            yield from (_item(r) for r in rows)
            if len(rows) < page:
                return
            after = rows[-1]["id"]

    def check_queue(self) -> list[str]:
        """Every item still owed to Gameball reads back whole: its frozen body is there and hashes to what
        was accepted. Cost grows with the queue, not with a year of history (the full page-by-page check is
        integrity_check, `pos-app outbox check`)."""
        problems = []
        for item in self.iter_items(["queued", "sending", "failed", "review"]):
            if item.body is None or hashlib.sha256(item.body).hexdigest() != item.body_sha256:
                problems.append(f"outbox item {item.id} ({item.ref_id}): its frozen body is missing or altered")
        return problems

    def _count(self, where: str) -> int:
        row = self._one(f"SELECT COUNT(*) AS n FROM outbox WHERE {where}")
        return 0 if row is None else int(row["n"])

    def _require(self, item_id: int, allowed: frozenset[State], wanted: State) -> dict[str, Any]:
        row = self._one(
            "SELECT id, kind, ref_id, state, depends_on_order_id FROM outbox WHERE id = ?", [item_id]
        )
        if row is None:
            raise UnknownItem(item_id)
        if State(row["state"]) not in allowed:
            raise InvalidTransition(item_id, row["state"], wanted)
        return row
