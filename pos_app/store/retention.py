"""Retention: delivered orders past the store's return period go to a compressed archive, then leave the file.

A busy terminal sells 180,000 times a year; without this the database grows for ever and every list over it
slows. Only an order that nothing can change any more leaves: delivered, sold before the return period began
(no return is possible), and with every refund of it delivered or discarded. Each one is written, with its
lines, transactions, refunds and outbox rows, as one JSON line to a gzip file in the archive directory, and
the file is synced to disk before the transaction that removes the rows commits: a crash in between leaves
the order in both places, never in neither. Reports over days before `archived_before()` say so.
"""

from __future__ import annotations

import gzip
import json
import logging
import os
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from pos_app.store.audit import AuditMixin

log = logging.getLogger(__name__)

ARCHIVE_DIR = "archive"
# Orders a write transaction archives: each holds the write lock a sale's accept waits for.
CHUNK = 200
SCAN = 5000
# Nothing can change these any more: delivered, sold before the cutoff (no return possible), no refund live.
_ELIGIBLE = ("o.state = 'delivered' AND o.order_date < ? AND NOT EXISTS (SELECT 1 FROM refunds r"
             " WHERE r.order_id = o.order_id AND r.state NOT IN ('delivered', 'discarded'))")
_ARCHIVED_BEFORE = "archived_before"  # counters: epoch seconds; every order archived was sold before it


@dataclass(frozen=True)
class ArchiveResult:
    orders: int
    files: tuple[Path, ...]
    cutoff: str


def _iso(epoch: float) -> str:
    return datetime.fromtimestamp(epoch, UTC).strftime("%Y-%m-%dT%H:%M:%S.000Z")


class RetentionMixin(AuditMixin):
    def archive_old_orders(self, return_period_days: int, archive_dir: Path | None = None,
                           now: float | None = None) -> ArchiveResult:
        """Archive and remove what the return period no longer covers, CHUNK orders a transaction (so a sale
        being accepted is never held up for long), into one file per run."""
        if return_period_days < 1:
            raise ValueError("return_period_days must be at least 1")
        moment = self._now(now)
        cutoff_epoch = (datetime.fromtimestamp(moment, UTC) - timedelta(days=return_period_days)).timestamp()
        cutoff = _iso(cutoff_epoch)
        directory = archive_dir or self.path.parent / ARCHIVE_DIR
        path = directory / f"orders-{datetime.fromtimestamp(moment, UTC).strftime('%Y%m%dT%H%M%S')}.jsonl.gz"
        total = 0
        while True:
            # Chosen outside the write lock (the scan reads the whole table), then checked again under it.
            candidates = [r["order_id"] for r in self._all(
                f"SELECT o.order_id FROM orders o WHERE {_ELIGIBLE} ORDER BY o.order_date LIMIT ?", [cutoff, SCAN])]
            if not candidates:
                break
            for start in range(0, len(candidates), CHUNK):
                chosen = candidates[start:start + CHUNK]
                marks = ", ".join("?" * len(chosen))
                with self.write():
                    ids = [r["order_id"] for r in self._all(
                        f"SELECT o.order_id FROM orders o WHERE o.order_id IN ({marks}) AND {_ELIGIBLE}",
                        [*chosen, cutoff])]
                    if not ids:
                        continue
                    self._write_archive(path, ids)
                    self._remove(ids)
                    self.db.conn.execute(
                        "INSERT INTO counters (name, value) VALUES (?, ?)"
                        " ON CONFLICT (name) DO UPDATE SET value = max(value, excluded.value)",
                        (_ARCHIVED_BEFORE, int(cutoff_epoch)))
                    self.audit("retention", "orders.archived", {"orders": len(ids), "file": path.name,
                                                                "cutoff": cutoff})
                total += len(ids)
        if total:
            log.info("archived %d order(s) sold before %s to %s", total, cutoff, path)
        return ArchiveResult(total, (path,) if total else (), cutoff)

    def archived_before(self) -> str | None:
        """Orders sold before this moment (UTC ISO) may have been archived out of the database; None if never."""
        row = self._one("SELECT value FROM counters WHERE name = ?", [_ARCHIVED_BEFORE])
        return None if row is None else _iso(row["value"])

    def _rows(self, sql: str, ids: list[str]) -> dict[str, list[dict[str, Any]]]:
        grouped: dict[str, list[dict[str, Any]]] = {}
        marks = ", ".join("?" * len(ids))
        for row in self._all(sql.format(ids=marks), ids * sql.count("{ids}")):
            grouped.setdefault(row.pop("_order"), []).append(row)
        return grouped

    def _write_archive(self, path: Path, ids: list[str]) -> None:
        parts = {
            "order": self._rows("SELECT order_id AS _order, * FROM orders WHERE order_id IN ({ids})", ids),
            "lines": self._rows("SELECT order_id AS _order, * FROM order_lines WHERE order_id IN ({ids})", ids),
            "transactions": self._rows(
                "SELECT order_id AS _order, * FROM transactions WHERE order_id IN ({ids})", ids),
            "refunds": self._rows("SELECT order_id AS _order, * FROM refunds WHERE order_id IN ({ids})", ids),
            "refund_lines": self._rows(
                "SELECT order_id AS _order, * FROM refund_lines WHERE order_id IN ({ids})", ids),
            # The outbox rows keep their ids (the audit log names them); a delivered row has no body.
            "outbox": self._rows(
                "SELECT COALESCE(depends_on_order_id, ref_id) AS _order, id, kind, ref_id, state, attempts,"
                " created_at, last_attempt_at, delivered_at FROM outbox"
                " WHERE (kind = 'order' AND ref_id IN ({ids})) OR depends_on_order_id IN ({ids})", ids),
        }
        path.parent.mkdir(parents=True, exist_ok=True)
        # One gzip member per transaction, appended: gzip readers read the members as one stream, and a crash
        # mid-member loses only rows the database still has.
        with open(path, "ab") as raw:
            with gzip.GzipFile(fileobj=raw, mode="wb") as handle:
                for order_id in ids:
                    record = {name: rows.get(order_id, []) for name, rows in parts.items()}
                    record["order"] = record["order"][0]
                    handle.write(json.dumps(record, separators=(",", ":"), default=str).encode() + b"\n")
            raw.flush()
            os.fsync(raw.fileno())  # on disk before the rows leave the database

    def _remove(self, ids: list[str]) -> None:
        marks = ", ".join("?" * len(ids))
        conn = self.db.conn
        # Children first: foreign keys are on. Holds used by these sales keep their reference, not the link.
        conn.execute(f"DELETE FROM refund_lines WHERE order_id IN ({marks})", ids)
        conn.execute(f"DELETE FROM outbox WHERE depends_on_order_id IN ({marks})", ids)
        conn.execute(f"DELETE FROM refunds WHERE order_id IN ({marks})", ids)
        conn.execute(f"DELETE FROM transactions WHERE order_id IN ({marks})", ids)
        conn.execute(f"DELETE FROM order_lines WHERE order_id IN ({marks})", ids)
        conn.execute(f"UPDATE holds SET order_id = NULL WHERE order_id IN ({marks})", ids)
        conn.execute(f"DELETE FROM outbox WHERE kind = 'order' AND state = 'delivered' AND ref_id IN ({marks})", ids)
        conn.execute(f"DELETE FROM orders WHERE order_id IN ({marks})", ids)
