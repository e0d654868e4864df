"""Taking orders and refunds in (DESIGN rule 1: durable before acknowledged) and reading them back."""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Iterable, Sequence
from decimal import Decimal

from pos_app.domain.lineitems import LineItem
from pos_app.domain.returns import SoldLine
from pos_app.domain.timeutil import is_utc_iso_z
from pos_app.store.base import StoreBase, state_filter
from pos_app.store.codec import decimal_text, from_json, optional_decimal, optional_decimal_text, points
from pos_app.store.customer_cache import COUPON_LOCK_PREFIX
from pos_app.store.errors import OrderConflict, RefundConflict, RefundTooLarge, ReturnTooLarge, UnknownOrder
from pos_app.store.records import (
    DEPENDENCY,
    Accepted,
    ErrorInfo,
    OrderRecord,
    OrderSummary,
    RefundAccepted,
    RefundRecord,
    State,
    TransactionRecord,
)
from pos_app.store.schema import NEXT_OUTBOX_ID

log = logging.getLogger(__name__)

# A refund is sent only after its order; these order states mean it never will be.
_DEAD_ORDER_STATES = frozenset({State.FAILED, State.DISCARDED})
# Refunds in these states take nothing back (a manager's retry makes a failed one live again).
_DEAD_REFUND_STATES = "('failed', 'discarded')"


def _frozen(body: bytes | bytearray | memoryview) -> bytes:
    if not isinstance(body, (bytes, bytearray, memoryview)):
        raise TypeError("a request body must be the frozen bytes that will be sent")
    frozen = bytes(body)
    if not frozen:
        raise ValueError("a request body cannot be empty")
    return frozen


def _required(name: str, value: object) -> str:
    if not isinstance(value, str) or not value.strip():
        raise ValueError(f"{name} is required")
    return value


def dependency_error(order_id: str, order_state: State) -> ErrorInfo:
    """Why a refund waits no longer: its order will never reach Gameball unless a manager retries it."""
    return ErrorInfo(
        error_class=DEPENDENCY,
        message=f"order {order_id} is {order_state.value}:"
        " a refund is sent only after its order is delivered",
    )


class OrdersMixin(StoreBase):
    def accept_order(
        self,
        order_id: str,
        body: bytes,
        customer_id: str,
        order_date: str,
        total_paid: Decimal | str | int,
        currency: str,
        mobile: str | None = None,
        email: str | None = None,
        expected_points: int | None = None,
        hold_reference: str | None = None,
        fingerprint: str | None = None,
        lines: Sequence[LineItem] = (),
        coupon_lock: str | None = None,
    ) -> Accepted:
        """Commit the order, its outbox row and its lines in one transaction; only then may anyone be told.

        The same order_id with the same fingerprint answers with the existing record (created=False);
        with another it raises OrderConflict. An error writes nothing. The fingerprint defaults to the
        body's sha256; the bridge passes the till's own body's, since the plugin adds fields (the time
        of sale when the till left it out) that differ between two POSTs of the same order.
        """
        _required("order_id", order_id)
        _required("customer_id", customer_id)
        frozen = _frozen(body)
        if not is_utc_iso_z(order_date):
            raise ValueError("order_date must be UTC ISO-8601 ending in Z (the moment of sale)")
        paid = decimal_text(total_paid)
        currency = _required("currency", currency).strip().upper()
        expected = points(expected_points)
        body_digest = hashlib.sha256(frozen).hexdigest()
        digest = fingerprint or body_digest
        now = self._now()
        # Every sale passes here, so the statements go straight to the connection: sqlite-utils wraps
        # each query in a SAVEPOINT and parses each statement's keyword, about a tenth of the time of a
        # durable accept (bench/enqueue.py). The transaction is still this store's BEGIN IMMEDIATE.
        conn = self.db.conn
        with self.write():
            # The idempotency check is the insert itself: the order id is the primary key, so a repeat
            # inserts nothing and only then is the existing row read to tell a repeat from a conflict.
            inserted = conn.execute(
                "INSERT INTO orders (order_id, customer_id, order_date, total_paid, currency, mobile, email,"
                " created_at, state, expected_points, hold_reference, body_sha256)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'queued', ?, ?, ?) ON CONFLICT (order_id) DO NOTHING",
                (order_id, customer_id, order_date, paid, currency, mobile or None, email or None,
                 now, expected, hold_reference, digest),
            ).rowcount
            if not inserted:
                existing = conn.execute("SELECT state, body_sha256 FROM orders WHERE order_id = ?",
                                        (order_id,)).fetchone()
                if existing[1] != digest:
                    raise OrderConflict(order_id)  # nothing was written; write() rolls back the transaction
                return Accepted(order_id, State(existing[0]), created=False)
            conn.execute(
                "INSERT INTO outbox (id, kind, ref_id, body, body_sha256, state, created_at, next_attempt_at)"
                f" VALUES ({NEXT_OUTBOX_ID}, 'order', ?, ?, ?, 'queued', ?, ?)",
                (order_id, frozen, body_digest, now, now),
            )
            # The lines outlive the body (dropped at delivery): a later return picks from them.
            conn.executemany(
                "INSERT INTO order_lines (order_id, line_index, product_id, sku, title, quantity, price, discount,"
                " taxes) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [(order_id, index, line.product_id, line.sku, line.title, decimal_text(line.quantity),
                  decimal_text(line.price), optional_decimal_text(line.discount),
                  optional_decimal_text(line.taxes)) for index, line in enumerate(lines)],
            )
            if hold_reference:
                self._exec(
                    "UPDATE holds SET state = 'used', order_id = ?, updated_at = ?"
                    " WHERE hold_reference = ? AND state = 'active'",
                    [order_id, now, hold_reference],
                )
            if coupon_lock:
                # The order now carries the lock: it is no longer a leftover to release.
                conn.execute("DELETE FROM cache WHERE key = ?", (COUPON_LOCK_PREFIX + coupon_lock,))
        log.info("order %s accepted and queued", order_id)
        return Accepted(order_id, State.QUEUED, created=True)

    def accept_refund(
        self,
        refund_id: str,
        order_id: str,
        body: bytes,
        refund_amount: Decimal | str | int | None = None,
        fingerprint: str | None = None,
        lines: Sequence[LineItem] = (),
    ) -> RefundAccepted:
        """Queue a refund behind its order: it is never due before the order is delivered.

        A refund of an order that failed or was discarded is stored as failed with the reason,
        rather than waiting for ever; an order this terminal never accepted raises UnknownOrder.
        `lines` are the refund's lineItems: the units they take back are recorded against the order's
        lines, and more units than a line has left raise ReturnTooLarge.
        """
        _required("refund_id", refund_id)
        _required("order_id", order_id)
        frozen = _frozen(body)
        amount = optional_decimal_text(refund_amount)
        body_digest = hashlib.sha256(frozen).hexdigest()
        digest = fingerprint or body_digest  # as for orders: the till's body, not the stamped one
        now = self._now()
        with self.write():
            existing = self._one(
                "SELECT r.order_id, r.body_sha256, o.state, o.last_error FROM refunds r"
                " JOIN outbox o ON o.kind = 'refund' AND o.ref_id = r.refund_id WHERE r.refund_id = ?",
                [refund_id],
            )
            if existing is not None:
                if existing["body_sha256"] != digest or existing["order_id"] != order_id:
                    raise RefundConflict(refund_id)
                state = State(existing["state"])
                error = ErrorInfo.from_json(existing["last_error"]) if state is State.FAILED else None
                return RefundAccepted(refund_id, order_id, state, False, error.message if error else None)
            order = self._one("SELECT state, total_paid FROM orders WHERE order_id = ?", [order_id])
            if order is None:
                raise UnknownOrder(order_id)
            self._check_refund_fits(order_id, Decimal(order["total_paid"]), amount)
            taken = self._match_returned_lines(order_id, lines)
            order_state = State(order["state"])
            error = dependency_error(order_id, order_state) if order_state in _DEAD_ORDER_STATES else None
            state = State.FAILED if error else State.QUEUED
            self._exec(
                "INSERT INTO refunds (refund_id, order_id, body_sha256, refund_amount, state, created_at)"
                " VALUES (?, ?, ?, ?, ?, ?)",
                [refund_id, order_id, digest, amount, state.value, now],
            )
            self._exec(
                "INSERT INTO outbox (id, kind, ref_id, body, body_sha256, state, created_at, next_attempt_at,"
                f" depends_on_order_id, last_error, failed_at) VALUES ({NEXT_OUTBOX_ID}, 'refund', ?, ?, ?, ?, ?, ?,"
                " ?, ?, ?)",
                [refund_id, frozen, body_digest, state.value, now, now, order_id,
                 error.to_json() if error else None, now if error else None],
            )
            for index, units in taken.items():
                self._exec("INSERT INTO refund_lines (refund_id, order_id, line_index, quantity) VALUES (?, ?, ?, ?)",
                           [refund_id, order_id, index, decimal_text(units)])
        if error:
            log.warning("refund %s accepted as failed: %s", refund_id, error.message)
        else:
            log.info("refund %s of order %s accepted and queued", refund_id, order_id)
        return RefundAccepted(refund_id, order_id, state, True, error.message if error else None)

    def refundable(self, order_id: str) -> Decimal | None:
        """What is left to refund of an order (its totalPaid less live refunds); None if unknown."""
        order = self._one("SELECT total_paid FROM orders WHERE order_id = ?", [order_id])
        if order is None:
            return None
        return self._remaining(order_id, Decimal(order["total_paid"]))

    def _remaining(self, order_id: str, total_paid: Decimal) -> Decimal:
        rows = self._all(
            f"SELECT refund_amount FROM refunds WHERE order_id = ? AND state NOT IN {_DEAD_REFUND_STATES}",
            [order_id],
        )
        if any(row["refund_amount"] is None for row in rows):
            return Decimal(0)  # a full refund takes everything
        return max(Decimal(0), total_paid - sum((Decimal(row["refund_amount"]) for row in rows), Decimal(0)))

    def _check_refund_fits(self, order_id: str, total_paid: Decimal, amount: str | None) -> None:
        """Inside the accepting transaction, so two tills cannot both refund the last of an order."""
        remaining = self._remaining(order_id, total_paid)
        if remaining <= 0 or (amount is not None and Decimal(amount) > remaining):
            raise RefundTooLarge(order_id, remaining)

    def _returned(self, order_id: str) -> dict[int, Decimal]:
        """Units of each order line that live refunds take back."""
        returned: dict[int, Decimal] = {}
        for row in self._all(
            "SELECT l.line_index, l.quantity FROM refund_lines l JOIN refunds r ON r.refund_id = l.refund_id"
            f" WHERE l.order_id = ? AND r.state NOT IN {_DEAD_REFUND_STATES}",
            [order_id],
        ):
            returned[row["line_index"]] = returned.get(row["line_index"], Decimal(0)) + Decimal(row["quantity"])
        return returned

    def _sold_lines(self, order_id: str) -> list[SoldLine]:
        returned = self._returned(order_id)
        return [
            SoldLine(
                product_id=row["product_id"], quantity=Decimal(row["quantity"]), price=Decimal(row["price"]),
                sku=row["sku"], title=row["title"], discount=optional_decimal(row["discount"]),
                taxes=optional_decimal(row["taxes"]), returned=returned.get(row["line_index"], Decimal(0)),
            )
            for row in self._all("SELECT * FROM order_lines WHERE order_id = ? ORDER BY line_index", [order_id])
        ]

    def _match_returned_lines(self, order_id: str, lines: Sequence[LineItem]) -> dict[int, Decimal]:
        """Which order line each refunded line takes units from, matched as Gameball matches them: the first
        line of the same productId with units left. A product the order does not hold is left to Gameball
        to judge; an order kept without lines (sold before schema v3) has nothing to check against."""
        sold = self._sold_lines(order_id)
        left = [line.left for line in sold]
        taken: dict[int, Decimal] = {}
        for line in lines:
            same_product = [index for index, kept in enumerate(sold) if kept.product_id == line.product_id]
            if not same_product:
                continue
            index = next((i for i in same_product if left[i] > 0), same_product[0])
            if line.quantity > left[index]:
                raise ReturnTooLarge(order_id, line.product_id, left[index])
            left[index] -= line.quantity
            taken[index] = taken.get(index, Decimal(0)) + line.quantity
        return taken

    def get_order(self, order_id: str) -> OrderRecord | None:
        """The local record of one order, with the transactions and refunds known for it."""
        with self.read():
            row = self._one("SELECT * FROM orders WHERE order_id = ?", [order_id])
            if row is None:
                return None
            transactions = self._all(
                "SELECT * FROM transactions WHERE order_id = ?"
                " ORDER BY transaction_date, gameball_transaction_id",
                [order_id],
            )
            refunds = self._all("SELECT * FROM refunds WHERE order_id = ? ORDER BY created_at", [order_id])
            lines = self._sold_lines(order_id)
        return OrderRecord(
            order_id=row["order_id"],
            customer_id=row["customer_id"],
            order_date=row["order_date"],
            total_paid=Decimal(row["total_paid"]),
            currency=row["currency"],
            mobile=row["mobile"],
            email=row["email"],
            created_at=row["created_at"],
            state=State(row["state"]),
            rewarded_points=row["rewarded_points"],
            redeemed_points=row["redeemed_points"],
            expected_points=row["expected_points"],
            hold_reference=row["hold_reference"],
            body_sha256=row["body_sha256"],
            response=from_json(row["response"]),
            delivered_at=row["delivered_at"],
            history_synced_at=row["history_synced_at"],
            history_settled=bool(row["history_settled"]),
            transactions=tuple(
                TransactionRecord(
                    order_id=t["order_id"],
                    gameball_transaction_id=t["gameball_transaction_id"],
                    transaction_type=t["transaction_type"],
                    amount=optional_decimal(t["amount"]),
                    equivalent_points=optional_decimal(t["equivalent_points"]),
                    transaction_date=t["transaction_date"],
                    transaction_id=t["transaction_id"],
                )
                for t in transactions
            ),
            refunds=tuple(
                RefundRecord(
                    refund_id=r["refund_id"],
                    order_id=r["order_id"],
                    refund_amount=optional_decimal(r["refund_amount"]),
                    state=State(r["state"]),
                    response=from_json(r["response"]),
                    created_at=r["created_at"],
                    delivered_at=r["delivered_at"],
                )
                for r in refunds
            ),
            lines=tuple(lines),
        )

    def list_orders(
        self,
        search: Iterable[str] = (),
        states: Iterable[State | str] | None = None,
        since: str | None = None,
        until: str | None = None,
        limit: int = 200,
    ) -> list[OrderSummary]:
        """Orders for the till's history, newest sale first.

        `search` holds texts matched (case-insensitive, anywhere) against the orderId and the customerId;
        an order matches if any of them does, and no text means every order. `since` (inclusive) and
        `until` (exclusive) are UTC ISO-8601 times compared with the moment of sale.
        """
        where, params = state_filter(states, "o.state")
        conditions, values = [where], list(params)
        texts = [text.strip() for text in search if text and text.strip()]
        if texts:
            # LIKE's own wildcards in what the cashier typed are matched literally.
            patterns = ["%" + _like_escape(text) + "%" for text in texts]
            matches = ["o.order_id LIKE ? ESCAPE '\\' OR o.customer_id LIKE ? ESCAPE '\\'"] * len(patterns)
            conditions.append("(" + " OR ".join(matches) + ")")
            for pattern in patterns:
                values += [pattern, pattern]
        if since is not None:
            conditions.append("o.order_date >= ?")
            values.append(since)
        if until is not None:
            conditions.append("o.order_date < ?")
            values.append(until)
        values.append(limit)
        rows = self._all(
            "SELECT o.*, (SELECT COUNT(*) FROM transactions t WHERE t.order_id = o.order_id) AS tx_count"
            f" FROM orders o WHERE {' AND '.join(conditions)} ORDER BY o.order_date DESC, o.created_at DESC LIMIT ?",
            values,
        )
        return [
            OrderSummary(
                order_id=r["order_id"], customer_id=r["customer_id"], order_date=r["order_date"],
                total_paid=Decimal(r["total_paid"]), currency=r["currency"], state=State(r["state"]),
                rewarded_points=r["rewarded_points"], redeemed_points=r["redeemed_points"],
                expected_points=r["expected_points"], transaction_count=r["tx_count"],
            )
            for r in rows
        ]


def _like_escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
