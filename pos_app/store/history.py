"""Each delivered order's transaction history pulled back from Gameball (GET /orders/{id}/transactions)."""

from __future__ import annotations

import logging
from collections.abc import Iterable, Mapping
from typing import Any

from pos_app.store.base import StoreBase
from pos_app.store.codec import optional_decimal_text
from pos_app.store.errors import UnknownOrder

log = logging.getLogger(__name__)


def _optional_str(value: object) -> str | None:
    return None if value is None else str(value)


def _transaction_row(order_id: str, tx: Mapping[str, Any], now: float) -> list[Any]:
    """Gameball's transaction shape (camelCase, as answered) to a row; checked before any write."""
    if tx.get("gameballTransactionId") is None:
        raise ValueError("a transaction without gameballTransactionId cannot be stored")
    return [
        order_id,
        str(tx["gameballTransactionId"]),
        _optional_str(tx.get("transactionType")),
        optional_decimal_text(tx.get("amount")),
        optional_decimal_text(tx.get("equivalentPoints")),
        _optional_str(tx.get("transactionDate")),
        _optional_str(tx.get("transactionId")),
        now,
    ]


class HistoryMixin(StoreBase):
    def store_transactions(
        self,
        order_id: str,
        transactions: Iterable[Mapping[str, Any]],
        settled: bool,
        now: float | None = None,
    ) -> int:
        """Upsert an order's transactions and mark its history synced; storing the same list twice is
        harmless. `settled` means nothing more will change (e.g. the return window is over), so the
        order is not pulled again. Returns how many transactions were given."""
        at = self._now(now)
        rows = [_transaction_row(order_id, tx, at) for tx in transactions]
        # Gameball's copy, pulled again if a power cut loses it: not worth an fsync a sale would wait behind.
        with self.write(durable=False):
            if self._one("SELECT 1 AS x FROM orders WHERE order_id = ?", [order_id]) is None:
                raise UnknownOrder(order_id)
            self.db.conn.executemany(
                "INSERT INTO transactions (order_id, gameball_transaction_id, transaction_type, amount,"
                " equivalent_points, transaction_date, transaction_id, fetched_at)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
                " ON CONFLICT (order_id, gameball_transaction_id) DO UPDATE SET"
                " transaction_type = excluded.transaction_type, amount = excluded.amount,"
                " equivalent_points = excluded.equivalent_points,"
                " transaction_date = excluded.transaction_date,"
                " transaction_id = excluded.transaction_id, fetched_at = excluded.fetched_at",
                rows,
            )
            self._mark_synced(order_id, settled, at)
        log.info("order %s: %d transaction(s) stored, settled=%s", order_id, len(rows), settled)
        return len(rows)

    def mark_history_synced(self, order_id: str, settled: bool, now: float | None = None) -> None:
        """Record a history pull that stored nothing new (e.g. Gameball has no transactions yet)."""
        with self.write(durable=False):
            if not self._mark_synced(order_id, settled, self._now(now)):
                raise UnknownOrder(order_id)

    def _mark_synced(self, order_id: str, settled: bool, at: float) -> int:
        return self._exec(
            "UPDATE orders SET history_synced_at = ?, history_settled = ? WHERE order_id = ?",
            [at, int(settled), order_id],
        )

    def orders_needing_history(
        self, now: float | None = None, limit: int = 100, refresh_after_s: float = 3600.0
    ) -> list[str]:
        """Delivered orders whose history was never pulled, then unsettled ones last pulled more than
        refresh_after_s ago (stalest first). Settled orders are never returned."""
        rows = self._all(
            "SELECT order_id FROM orders WHERE state = 'delivered' AND history_settled = 0"
            " AND (history_synced_at IS NULL OR history_synced_at <= ?)"
            " ORDER BY history_synced_at IS NOT NULL, history_synced_at, delivered_at, order_id LIMIT ?",
            [self._now(now) - refresh_after_s, limit],
        )
        return [r["order_id"] for r in rows]
