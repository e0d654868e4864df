"""Reports over local orders: a day's or a range's orders, and the order history as CSV."""

from __future__ import annotations

import os
from collections.abc import Sequence

from pos_app.store.base import StoreBase
from pos_app.store.csvfile import csv_file
from pos_app.store.export import csv_cell
from pos_app.store.records import OrderRecord
from pos_app.store.retention import ArchiveFile

HISTORY_COLUMNS = (
    "order_id", "order_date", "customer_id", "state", "total_paid", "currency", "expected_points",
    "rewarded_points", "redeemed_points", "record", "gameball_transaction_id", "transaction_type",
    "transaction_date", "amount", "equivalent_points", "refund_id", "refund_amount",
)


class ReportsMixin(StoreBase):
    def orders_between(self, start_iso: str, end_iso: str) -> list[OrderRecord]:
        """Orders sold in [start, end) (UTC ISO `...Z`; the strings sort as times), oldest first."""
        rows = self._all("SELECT order_id FROM orders WHERE order_date >= ? AND order_date < ? ORDER BY order_date, "
                         "order_id", [start_iso, end_iso])
        records = (self.get_order(row["order_id"]) for row in rows)  # type: ignore[attr-defined]
        return [r for r in records if r is not None]

    def export_history_csv(self, path: str | os.PathLike[str], start_iso: str, end_iso: str,
                           separator: str = ",", archives: Sequence[ArchiveFile] = ()) -> int:
        """One row per order, then one per Gameball transaction and per refund of it; no phone or email. Last,
        one `archived` row per archive file holding orders of the range that are not in the file: its name in
        order_id, the oldest sale in it in order_date."""
        count = 0
        with csv_file(path, separator) as out:
            out.row(HISTORY_COLUMNS)
            for order in self.orders_between(start_iso, end_iso):
                base = [order.order_id, order.order_date, order.customer_id, order.state.value, order.total_paid,
                        order.currency, order.expected_points, order.rewarded_points, order.redeemed_points]
                rows = [[*base, "order", None, None, None, None, None, None, None]]
                rows += [[*base, "transaction", tx.gameball_transaction_id, tx.transaction_type, tx.transaction_date,
                          tx.amount, tx.equivalent_points, None, None] for tx in order.transactions]
                rows += [[*base, "refund", None, None, None, None, None, r.refund_id, r.refund_amount]
                         for r in order.refunds]
                for row in rows:
                    out.row([csv_cell(c, v) for c, v in zip(HISTORY_COLUMNS, row, strict=True)])
                count += 1
            for archive in archives:
                row = {"order_id": archive.path.name, "order_date": archive.first_sold, "record": "archived"}
                out.row([csv_cell(c, row.get(c)) for c in HISTORY_COLUMNS])
        return count
