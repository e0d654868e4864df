"""Durable enqueue: paid orders accepted per second with synchronous=FULL, against two baselines.

Contenders, each on a fresh database in the same directory (so the same disk), taking turns every
100 orders within every repetition so a noisy moment on a shared machine hits them alike:

* pos_app: `Store.accept_order`, the product's real accept path (idempotency check, order row, outbox
  row and the order's 4-7 line rows in one BEGIN IMMEDIATE transaction; WAL, synchronous=FULL), with a
  ~1.1 KB frozen body built by the product's own validation, and the arguments TillService passes, lines
  included (the till's and the bridge's sales always carry them; runs before 2026-12-02 passed none).
* the same rows, bare: the SQL statements `accept_order` runs (the order row, the outbox row, the line
  rows, in BEGIN IMMEDIATE ... COMMIT) on a raw sqlite3 connection to a database with the product's
  schema (its indexes, triggers and foreign keys), values precomputed, no Python checks. It writes the
  same pages as the product, so the product's ratio to it is the cost of its Python alone.
* persist-queue `SQLiteAckQueue` with its defaults (one connection, auto-commit per put, WAL);
  its synchronous mode is read back and, if it is not FULL, it is also run with FULL.
* a bare sqlite3 loop: INSERT then COMMIT per order, WAL + synchronous=FULL, no other work.

Usage: python bench/enqueue.py [--orders 5000] [--reps 7] [--chunk 100] [--dir DIR]
"""

from __future__ import annotations

import argparse
import hashlib
import random
import shutil
import sqlite3
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import _common
from _common import at_least, frozen_body, median, print_header, realistic_order

from pos_app.domain.lineitems import LineItem
from pos_app.store import db as dbmod
from pos_app.store.codec import decimal_text, optional_decimal_text
from pos_app.store.schema import NEXT_OUTBOX_ID
from pos_app.store.store import Store

FULL = 2
SYNC_NAMES = {0: "OFF", 1: "NORMAL", 2: "FULL", 3: "EXTRA"}


@dataclass(frozen=True)
class Item:
    """One order as TillService.accept_order hands it to the store; built before the clock starts."""

    order_id: str
    body: bytes
    customer_id: str
    order_date: str
    total_paid: object
    currency: str
    mobile: str | None
    email: str | None
    expected_points: int
    fingerprint: str
    lines: tuple[LineItem, ...]


def build_items(count: int, seed: int) -> list[Item]:
    rng = random.Random(seed)
    items = []
    for n in range(count):
        order = realistic_order(f"ORD-{seed:03d}-{n:06d}", rng)
        body = order.gameball_body(None)
        items.append(Item(order.order_id, frozen_body(order), order.customer_id, str(body["orderDate"]),
                          order.total_paid, order.currency, body.get("mobile"), body.get("email"),  # type: ignore[arg-type]
                          rng.randint(10, 400), order.fingerprint, order.line_items))
    return items


@dataclass
class Contender:
    name: str
    short: str
    # (directory) -> (put one item, close, the synchronous mode the connection reports)
    open: Callable[[Path], tuple[Callable[[Item], object], Callable[[], None], int]]


def open_product(directory: Path) -> tuple[Callable[[Item], object], Callable[[], None], int]:
    store = Store.open_in(directory, terminal_id="T3")
    sync = int(dbmod.pragmas(store.db)["synchronous"])

    def put(item: Item) -> object:
        accepted = store.accept_order(
            item.order_id, item.body, item.customer_id, item.order_date, item.total_paid, item.currency,  # type: ignore[arg-type]
            mobile=item.mobile, email=item.email, expected_points=item.expected_points,
            fingerprint=item.fingerprint, lines=item.lines,
        )
        if not accepted.created:  # every id is new: anything else means the benchmark is wrong
            raise RuntimeError(f"order {item.order_id} was not created")
        return accepted

    return put, store.close, sync


# The statements of Store.accept_order for a new order, word for word.
_ORDER_ROW = ("INSERT INTO orders (order_id, customer_id, order_date, total_paid, currency, mobile, email, created_at,"
              " state, expected_points, hold_reference, body_sha256) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'queued', ?, ?, ?)"
              " ON CONFLICT (order_id) DO NOTHING")
_OUTBOX_ROW = ("INSERT INTO outbox (id, kind, ref_id, body, body_sha256, state, created_at, next_attempt_at)"
               f" VALUES ({NEXT_OUTBOX_ID}, 'order', ?, ?, ?, 'queued', ?, ?)")
_LINE_ROWS = ("INSERT INTO order_lines (order_id, line_index, product_id, sku, title, quantity, price, discount, taxes)"
              " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")


def open_same_rows(directory: Path) -> tuple[Callable[[Item], object], Callable[[], None], int]:
    Store.open_in(directory, terminal_id="T3").close()  # the product's schema, then a raw connection to it
    conn = sqlite3.connect(directory / dbmod.DB_FILENAME, isolation_level=None)
    conn.execute("PRAGMA synchronous = FULL")
    conn.execute("PRAGMA foreign_keys = ON")
    sync = int(conn.execute("PRAGMA synchronous").fetchone()[0])
    prepared: dict[str, tuple[tuple[object, ...], tuple[object, ...], list[tuple[object, ...]]]] = {}

    def rows(item: Item) -> tuple[tuple[object, ...], tuple[object, ...], list[tuple[object, ...]]]:
        digest = hashlib.sha256(item.body).hexdigest()
        order = (item.order_id, item.customer_id, item.order_date, decimal_text(item.total_paid), item.currency,
                 item.mobile, item.email, 0.0, item.expected_points, None, item.fingerprint)
        lines = [(item.order_id, index, line.product_id, line.sku, line.title, decimal_text(line.quantity),
                  decimal_text(line.price), optional_decimal_text(line.discount), optional_decimal_text(line.taxes))
                 for index, line in enumerate(item.lines)]
        return order, (item.order_id, item.body, digest, 0.0, 0.0), lines

    def put(item: Item) -> object:
        order, outbox, lines = prepared.pop(item.order_id)
        conn.execute("BEGIN IMMEDIATE")
        conn.execute(_ORDER_ROW, order)
        conn.execute(_OUTBOX_ROW, outbox)
        conn.executemany(_LINE_ROWS, lines)
        conn.execute("COMMIT")
        return None

    def prepare(items: list[Item]) -> None:
        prepared.update((item.order_id, rows(item)) for item in items)

    put.prepare = prepare  # type: ignore[attr-defined]
    return put, conn.close, sync


def _persist_queue(force_full: bool) -> Callable[[Path], tuple[Callable[[Item], object], Callable[[], None], int]]:
    def open_queue(directory: Path) -> tuple[Callable[[Item], object], Callable[[], None], int]:
        from persistqueue import SQLiteAckQueue

        queue = SQLiteAckQueue(str(directory))  # its defaults: multithreading=False, auto_commit per put
        if force_full:
            # Its connections are private; the putter is the one every put commits on (the same one
            # as the getter unless multithreading=True).
            for conn in {id(queue._putter): queue._putter, id(queue._getter): queue._getter}.values():
                conn.execute("PRAGMA synchronous = FULL")
        sync = int(queue._putter.execute("PRAGMA synchronous").fetchone()[0])
        return (lambda item: queue.put(item.body)), queue.close, sync

    return open_queue


def open_bare(directory: Path) -> tuple[Callable[[Item], object], Callable[[], None], int]:
    conn = sqlite3.connect(directory / "bare.sqlite3")
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = FULL")
    conn.execute("CREATE TABLE q (id INTEGER PRIMARY KEY, order_id TEXT NOT NULL, body BLOB NOT NULL)")
    conn.commit()
    sync = int(conn.execute("PRAGMA synchronous").fetchone()[0])

    def put(item: Item) -> object:
        conn.execute("INSERT INTO q (order_id, body) VALUES (?, ?)", (item.order_id, item.body))
        conn.commit()
        return None

    return put, conn.close, sync


def persist_queue_default_sync(directory: Path) -> int:
    _, close, sync = _persist_queue(False)(directory)
    close()
    return sync


def run_repetition(contenders: list[Contender], base: Path, items: list[Item], chunk: int,
                   rotate: int) -> tuple[dict[str, float], dict[str, int]]:
    """Orders per second for each contender over the same `items`, each on a fresh database.

    The contenders take turns in chunks of `chunk` orders (rotating who goes first), so a burst of
    disk or CPU load from other work on the machine falls on all of them rather than on one.
    Opening and closing are not timed.
    """
    order = contenders[rotate % len(contenders):] + contenders[:rotate % len(contenders)]
    opened = {}
    elapsed = dict.fromkeys((c.name for c in order), 0.0)
    syncs = {}
    try:
        for n, contender in enumerate(order):
            directory = base / f"{rotate}-{n}"
            directory.mkdir(parents=True)
            put, close, syncs[contender.name] = contender.open(directory)
            if hasattr(put, "prepare"):
                put.prepare(items)  # values computed before the clock starts: this contender is SQLite alone
            opened[contender.name] = (put, close)
        for start in range(0, len(items), chunk):
            part = items[start:start + chunk]
            for contender in order:
                put = opened[contender.name][0]
                began = time.perf_counter()
                for item in part:
                    put(item)
                elapsed[contender.name] += time.perf_counter() - began
    finally:
        for _, close in opened.values():
            close()
    return {name: len(items) / seconds for name, seconds in elapsed.items()}, syncs


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    # 5,000: a fresh database first pays for growing its WAL file on every commit, which hides the
    # difference in work per commit; after ~1,000 pages the WAL is checkpointed and reused, the state a
    # terminal runs in. With a few hundred orders all three look alike.
    parser.add_argument("--orders", type=int, default=5000, help="orders per contender per repetition")
    parser.add_argument("--reps", type=int, default=7, help="repetitions (the median is reported)")
    parser.add_argument("--chunk", type=int, default=100, help="orders each contender puts before the next's turn")
    parser.add_argument("--dir", type=Path, default=None,
                        help="where the databases go (default: a new temporary directory); pick the disk "
                             "the terminal's data directory would be on")
    args = parser.parse_args()

    print_header("bench/enqueue.py: durable enqueue throughput")
    base = Path(tempfile.mkdtemp(prefix="pos-bench-enqueue-", dir=args.dir))
    try:
        default_sync = persist_queue_default_sync(base / "probe")
        contenders = [
            Contender("pos_app Store.accept_order", "pos_app", open_product),
            Contender(f"persist-queue SQLiteAckQueue, defaults (synchronous={SYNC_NAMES.get(default_sync)})",
                      "persist-queue", _persist_queue(False)),
        ]
        if default_sync != FULL:
            contenders.append(Contender("persist-queue SQLiteAckQueue, synchronous=FULL", "persist-queue FULL",
                                        _persist_queue(True)))
        contenders.append(Contender("the same rows, bare sqlite3 (product schema, no Python checks)", "same rows",
                                    open_same_rows))
        contenders.append(Contender("bare sqlite3 INSERT+COMMIT (WAL, FULL)", "bare", open_bare))
        print(f"directory: {base} (same filesystem for every contender)")
        print(f"{args.orders} orders per contender per repetition, {args.reps} repetitions; contenders take turns "
              f"every {args.chunk} orders, rotating who goes first; median of the repetitions reported")
        if default_sync == FULL:
            print("persist-queue's default connection already runs synchronous=FULL (SQLite's default, which "
                  "it does not change), so its default run is also the FULL run")

        # Warm-up, not counted: imports, first statements, the page cache.
        run_repetition(contenders, base / "warm-up", build_items(200, seed=999), args.chunk, 0)

        rates: dict[str, list[float]] = {c.name: [] for c in contenders}
        syncs: dict[str, int] = {}
        body_sizes: list[int] = []
        for rep in range(args.reps):
            items = build_items(args.orders, seed=rep)
            body_sizes = [len(item.body) for item in items]
            rep_rates, syncs = run_repetition(contenders, base / f"rep{rep}", items, args.chunk, rep)
            for name, rate in rep_rates.items():
                rates[name].append(rate)
            print(f"  repetition {rep + 1}/{args.reps}: "
                  + ", ".join(f"{c.short} {rates[c.name][-1]:.0f}/s" for c in contenders))
        print(f"frozen body: mean {sum(body_sizes) / len(body_sizes):.0f} bytes "
              f"(min {min(body_sizes)}, max {max(body_sizes)})")
        print()
        width = max(len(c.name) for c in contenders)
        print(f"{'contender':<{width}}  {'median/s':>9}  {'min/s':>7}  {'max/s':>7}  synchronous")
        for contender in contenders:
            values = rates[contender.name]
            print(f"{contender.name:<{width}}  {median(values):>9.0f}  {min(values):>7.0f}  {max(values):>7.0f}  "
                  f"{SYNC_NAMES.get(syncs[contender.name])}")
        print()
        ours = rates[contenders[0].name]
        pq_full = next(c for c in contenders[1:] if syncs[c.name] == FULL and c.name.startswith("persist"))
        bare = rates[contenders[-1].name]
        same_rows = rates[contenders[-2].name]

        def ratio(other: list[float]) -> float:
            # The median of each repetition's ratio: the contenders of one repetition ran interleaved, so
            # a slow spell of the shared disk cancels out within it.
            return median([a / b for a, b in zip(ours, other, strict=True)])

        print(f"ratios of the medians: {median(ours) / median(rates[pq_full.name]):.2f}x persist-queue (FULL), "
              f"{median(ours) / median(bare):.2f}x bare; judged below on the median of per-repetition ratios")
        verdicts = [
            at_least(f"pos_app vs {pq_full.name}", ratio(rates[pq_full.name]), 1.0),
            at_least("pos_app vs bare sqlite3 loop", ratio(bare), 0.9),
            at_least("pos_app vs the same rows bare (the cost of its Python)", ratio(same_rows), 0.9),
        ]
        print("the same rows bare vs the bare loop (the cost of the rows a sale needs beyond one INSERT): "
              f"{median([a / b for a, b in zip(same_rows, bare, strict=True)]):.2f}x")
        if default_sync != FULL:
            verdicts.append(at_least("pos_app vs persist-queue defaults (not like for like: "
                                     f"synchronous={SYNC_NAMES.get(default_sync)})", ratio(rates[contenders[1].name]),
                                     1.0))
        for verdict in verdicts:
            print(verdict.text)
        print(f"load average at end: {_common.load_average()}")
    finally:
        shutil.rmtree(base, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
