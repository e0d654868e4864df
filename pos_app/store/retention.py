"""Retention: delivered orders past the store's return period go to a compressed archive, then leave the file.

A busy terminal sells 180,000 times a year; without this the database grows for ever and every list over it
slows. Only an order that nothing can change any more leaves: delivered, sold before the return period began
(no return is possible), with every refund of it delivered or discarded and every direct debit or burn of it
delivered (a refused one is the manager's shortfall record: it stays). Each one is written, with its lines,
transactions, refunds, debits and outbox rows, as one JSON line to a gzip file in the archive directory, and
the file is synced to disk before the transaction that removes the rows commits: a crash in between leaves
the order in both places, never in neither. The `archives` table says which file holds which days, in the
same transaction, so a report over a day or a range names the files that hold part of it (`archives_between`).
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
# Nothing can change these any more: delivered, sold before the cutoff (no return possible), no refund live, and
# any direct debit or burn of an expired hold or lock delivered (owed ones are live; refused ones the manager's).
_ELIGIBLE = ("o.state = 'delivered' AND o.order_date < ? AND NOT EXISTS (SELECT 1 FROM refunds r"
             " WHERE r.order_id = o.order_id AND r.state NOT IN ('delivered', 'discarded'))"
             " AND NOT EXISTS (SELECT 1 FROM debits b WHERE b.order_id = o.order_id"
             " AND b.state <> 'delivered')")


@dataclass(frozen=True)
class ArchiveResult:
    orders: int
    files: tuple[Path, ...]
    cutoff: str
    first_sold: str | None = None  # the oldest and newest sale archived (UTC ISO); None when none was
    last_sold: str | None = None


@dataclass(frozen=True)
class ArchivePlan:
    """What a run would do now: `orders` sold from `first_sold` to `last_sold` leave; `kept` orders sold before
    the cutoff stay (still pending, failed, needing review, or with a refund not yet delivered)."""

    orders: int
    first_sold: str | None
    last_sold: str | None
    kept: int
    cutoff: str
    directory: Path


@dataclass(frozen=True)
class ArchiveFile:
    """One archive file and the orders in it: sold from `first_sold` to `last_sold`, all before `cutoff`."""

    path: Path
    first_sold: str
    last_sold: str
    orders: int
    cutoff: str


def _iso(epoch: float) -> str:
    return datetime.fromtimestamp(epoch, UTC).strftime("%Y-%m-%dT%H:%M:%S.000Z")


def _cutoff(return_period_days: int, moment: float) -> str:
    """Orders sold before this are past the return period; one sold exactly at it stays."""
    if return_period_days < 1:
        raise ValueError("return_period_days must be at least 1")
    return _iso((datetime.fromtimestamp(moment, UTC) - timedelta(days=return_period_days)).timestamp())


class RetentionMixin(AuditMixin):
    def archive_directory(self) -> Path:
        return self.path.parent / ARCHIVE_DIR

    def archive_plan(self, return_period_days: int, now: float | None = None) -> ArchivePlan:
        """What `archive_old_orders` would archive now, without writing anything (it reads the whole table)."""
        cutoff = _cutoff(return_period_days, self._now(now))
        row = self._one(
            f"SELECT count(*) AS n, min(o.order_date) AS first, max(o.order_date) AS last FROM orders o"
            f" WHERE {_ELIGIBLE}", [cutoff])
        older = self._one("SELECT count(*) AS n FROM orders WHERE order_date < ?", [cutoff])
        assert row is not None and older is not None
        return ArchivePlan(row["n"], row["first"], row["last"], older["n"] - row["n"], cutoff,
                           self.archive_directory())

    def archives_between(self, start_iso: str, end_iso: str) -> list[ArchiveFile]:
        """The archive files holding orders sold in [start, end) (UTC ISO), oldest first: a report over that
        range lacks them."""
        rows = self._all("SELECT * FROM archives WHERE first_sold < ? AND last_sold >= ? ORDER BY first_sold, file",
                         [end_iso, start_iso])
        return [ArchiveFile(self.archive_directory() / r["file"], r["first_sold"], r["last_sold"], r["orders"],
                            r["cutoff"]) for r in rows]

    def archive_old_orders(self, return_period_days: int, now: float | None = None,
                           actor: str = "retention") -> ArchiveResult:
        """Archive and remove what the return period no longer covers, CHUNK orders a transaction (so a sale
        being accepted is never held up for long), into one file per run. Each transaction is audited as
        `actor`'s."""
        moment = self._now(now)
        cutoff = _cutoff(return_period_days, moment)
        stamp = datetime.fromtimestamp(moment, UTC).strftime("%Y%m%dT%H%M%S")
        path = self.archive_directory() / f"orders-{stamp}.jsonl.gz"
        total = 0
        first: str | None = None
        last: str | None = None
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
                    sold = {r["order_id"]: r["order_date"] for r in self._all(
                        f"SELECT o.order_id, o.order_date FROM orders o"
                        f" WHERE o.order_id IN ({marks}) AND {_ELIGIBLE}", [*chosen, cutoff])}
                    if not sold:
                        continue
                    ids = list(sold)
                    self._write_archive(path, ids)
                    self._record_archive(path.name, ids, cutoff, moment)
                    self._remove(ids)
                    self.audit(actor, "orders.archived", {"orders": len(ids), "file": path.name, "cutoff": cutoff})
                total += len(ids)
                oldest, newest = min(sold.values()), max(sold.values())
                first = oldest if first is None else min(first, oldest)
                last = newest if last is None else max(last, newest)
        if total:
            log.info("archived %d order(s) sold before %s to %s", total, cutoff, path)
        return ArchiveResult(total, (path,) if total else (), cutoff, first, last)

    def _record_archive(self, name: str, ids: list[str], cutoff: str, moment: float) -> None:
        marks = ", ".join("?" * len(ids))
        self.db.conn.execute(
            "INSERT INTO archives (file, first_sold, last_sold, orders, cutoff, archived_at)"
            f" SELECT ?, min(order_date), max(order_date), count(*), ?, ? FROM orders WHERE order_id IN ({marks})"
            " ON CONFLICT (file) DO UPDATE SET first_sold = min(first_sold, excluded.first_sold),"
            " last_sold = max(last_sold, excluded.last_sold), orders = orders + excluded.orders,"
            " cutoff = max(cutoff, excluded.cutoff)",
            [name, cutoff, moment, *ids])

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
            # Delivered debits only (see _ELIGIBLE); the body was the request Gameball took.
            "debits": self._rows(
                "SELECT order_id AS _order, order_id, kind, points, state, reason, created_at, updated_at"
                " FROM debits WHERE order_id IN ({ids})", ids),
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
        conn.execute(f"DELETE FROM debits WHERE order_id IN ({marks})", ids)
        conn.execute(f"UPDATE holds SET order_id = NULL WHERE order_id IN ({marks})", ids)
        conn.execute(f"DELETE FROM outbox WHERE kind = 'order' AND state = 'delivered' AND ref_id IN ({marks})", ids)
        conn.execute(f"DELETE FROM orders WHERE order_id IN ({marks})", ids)
