"""CSV export of the outbox for a manager or support: no bodies, no phone, no email."""

from __future__ import annotations

import logging
import os
from collections.abc import Iterable
from datetime import UTC, datetime
from decimal import Decimal

from pos_app.domain.timeutil import to_iso_z
from pos_app.store.base import StoreBase, state_filter
from pos_app.store.csvfile import csv_file
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
        with csv_file(path, separator) as out:
            out.row(COLUMNS)
            for row in rows:
                out.row([csv_cell(c, row[c]) for c in COLUMNS])
        log.info("exported %d outbox row(s) to CSV", len(rows))
        return len(rows)
