"""CSV export of the outbox for a manager or support: no bodies, no phone, no email."""

from __future__ import annotations

import logging
import os
import sqlite3
from collections.abc import Iterable
from datetime import UTC, datetime
from decimal import Decimal

from pos_app.domain.storage import StorageState
from pos_app.domain.timeutil import to_iso_z
from pos_app.store.base import StoreBase, state_filter
from pos_app.store.csvfile import csv_file
from pos_app.store.health import state_of
from pos_app.store.records import State

log = logging.getLogger(__name__)

COLUMNS = (
    "id", "kind", "ref_id", "order_id", "state", "attempts", "maybe_applied", "created_at", "next_attempt_at",
    "delivered_at", "failed_at", "error_class", "status", "code", "message", "request_id",
    "customer_id", "order_date", "total_paid", "currency", "rewarded_points",
)

_SQL = """
SELECT
    o.id, o.kind, o.ref_id, COALESCE(o.depends_on_order_id, o.ref_id) AS order_id, o.state, o.attempts,
    o.maybe_applied, o.created_at, o.next_attempt_at, o.delivered_at, o.failed_at,
    json_extract(o.last_error, '$.class') AS error_class,
    json_extract(o.last_error, '$.status') AS status,
    json_extract(o.last_error, '$.code') AS code,
    json_extract(o.last_error, '$.message') AS message,
    json_extract(o.last_error, '$.requestId') AS request_id,
    d.customer_id, d.order_date, d.total_paid, d.currency, d.rewarded_points
FROM outbox o LEFT JOIN orders d ON d.order_id = COALESCE(o.depends_on_order_id, o.ref_id)
"""

_TIMES = frozenset({"created_at", "next_attempt_at", "delivered_at", "failed_at"})
_MONEY = frozenset({"total_paid"})  # kept as decimal text in SQLite; a number in the file
# A spreadsheet runs a cell starting with these as a formula; text from Gameball or the POS must not.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(column: str, value: object) -> object:
    if value is None:
        return ""
    if column in _TIMES:
        return to_iso_z(datetime.fromtimestamp(float(value), UTC))
    if column in _MONEY and isinstance(value, str):
        return Decimal(value)
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


class ExportMixin(StoreBase):
    def export_outbox_csv(
        self, path: str | os.PathLike[str], states: Iterable[State | str] | None = None, separator: str = ","
    ) -> int:
        """Write the outbox (FIFO order, optionally some states) to a CSV file; returns the row count."""
        where, params = state_filter(states, "o.state")
        rows = self._all(f"{_SQL} WHERE {where} ORDER BY o.id", params)
        _write_csv(path, rows, separator)
        log.info("exported %d outbox row(s) to CSV", len(rows))
        return len(rows)

    def salvage_outbox_csv(self, path: str | os.PathLike[str], chunk: int = 256) -> tuple[int, int]:
        """The export for a damaged file: every row SQLite can still read, found by id ranges (a range search
        only touches the pages that hold it), halving a range that fails down to single ids.
        Returns (rows written, ids that could not be read)."""
        top = self._salvage_top_id()
        lost = 0

        def read(low: int, high: int) -> list[dict[str, object]]:
            nonlocal lost
            try:
                return self._all(f"{_SQL} WHERE o.id BETWEEN ? AND ? ORDER BY o.id", [low, high])
            except sqlite3.DatabaseError as error:
                if state_of(error) is not StorageState.DAMAGED:
                    raise
                if low == high:
                    lost += 1
                    return []
                middle = (low + high) // 2
                return read(low, middle) + read(middle + 1, high)

        rows: list[dict[str, object]] = []
        for low in range(1, top + 1, chunk):
            rows += read(low, min(top, low + chunk - 1))
        _write_csv(path, rows)
        log.info("salvaged %d outbox row(s) to CSV from a damaged database; %d id(s) unreadable", len(rows), lost)
        return len(rows), lost

    def _salvage_top_id(self) -> int:
        """The highest outbox id ever given (AUTOINCREMENT keeps it in sqlite_sequence), else the largest present."""
        for sql in ("SELECT seq FROM sqlite_sequence WHERE name = 'outbox'", "SELECT MAX(id) FROM outbox"):
            try:
                row = self.db.conn.execute(sql).fetchone()
            except sqlite3.DatabaseError as error:
                if state_of(error) is not StorageState.DAMAGED:
                    raise
                continue
            if row and row[0]:
                return int(row[0])
        return 0


def _write_csv(path: str | os.PathLike[str], rows: list[dict[str, object]], separator: str = ",") -> None:
    with csv_file(path, separator) as out:
        out.row(COLUMNS)
        for row in rows:
            out.row([csv_cell(c, row[c]) for c in COLUMNS])
