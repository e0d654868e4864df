"""A year on one disk: a terminal with 200,000 orders on file against the same terminal empty.

The year's database: one day of 500 realistic sales (4-7 lines each, merchant and branch) accepted through
`Store.accept_order`, delivered, each with two Gameball transactions, then copied back day by day (SQL, same
rows under new ids and dates) to `--days` days; today's sales keep a few queued and failed items. Each
figure is measured on that database and on an empty data directory in the same run:

* database size per order (file + WAL after a checkpoint);
* window start-up: bench/_till_app.py `start` (the real window, offscreen, in a process of its own), median;
* history open and filter: `OrdersQuery.search` (what the history view calls) with no text, with a customer
  text, and with a state, from a fresh connection each time, median;
* end of day: `DaySummary.from_orders(store.orders_between(today))`, as ManagerService.day_summary;
* `pos-app outbox list` and `pos-app --self-test`: separate processes, wall time (median) and peak memory,
  the empty and the year's runs alternating (at least 5 each);
* retention: `archive_old_orders(400)` over the orders past the return period (`--days` > 400 makes some).

Targets: start-up < 1.5 s, history open < 300 ms, end of day < 500 ms; each CLI command within 1.5x of the
empty terminal, its memory too (flat).

Usage: python bench/year.py [--days 422] [--per-day 500] [--repeat 5] [--keep DIR]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import UTC, date, datetime
from pathlib import Path

import _common
from _common import SETTINGS, Verdict, at_most, frozen_body, median, print_header, realistic_order

from pos_app.domain.summary import DaySummary
from pos_app.sandbox import Sandbox
from pos_app.services.manager import day_bounds
from pos_app.services.orders import OrdersQuery
from pos_app.store.records import State
from pos_app.store.store import Store

HERE = Path(__file__).resolve().parent


def build_year(data_dir: Path, days: int, per_day: int) -> int:
    rng = random.Random(365)
    store = Store.open_in(data_dir, terminal_id=SETTINGS.terminal_id)
    conn = store.db.conn
    try:
        with store.write():
            for n in range(per_day):
                order = realistic_order(f"Y-{n:05d}", rng)
                sent = order.gameball_body(None)
                store.accept_order(order.order_id, frozen_body(order), order.customer_id, str(sent["orderDate"]),
                                   order.total_paid, order.currency, mobile=sent.get("mobile"),  # type: ignore[arg-type]
                                   email=sent.get("email"), expected_points=rng.randint(5, 300),  # type: ignore[arg-type]
                                   fingerprint=order.fingerprint, lines=order.line_items)
            # Delivered, as a year's sales are (the trigger mirrors the state and drops phone and email).
            conn.execute("UPDATE outbox SET state = 'delivered', delivered_at = created_at + 5, body = NULL, "
                         "attempts = 1 WHERE id > 25")
            conn.execute("UPDATE outbox SET state = 'failed', failed_at = created_at, attempts = 1, last_error = "
                         "'{\"class\": \"failed\", \"status\": 400, \"message\": \"rejected\"}' WHERE id <= 5")
            for kind, n in (("PaymentReward", 1), ("Redemption", 2)):
                conn.execute(
                    "INSERT INTO transactions (order_id, gameball_transaction_id, transaction_type, amount, "
                    "equivalent_points, transaction_date, transaction_id, fetched_at) SELECT order_id, "
                    f"'gb-' || order_id || '-{n}', '{kind}', total_paid, '12', order_date, order_id, created_at "
                    "FROM orders WHERE state = 'delivered'")
            conn.execute("UPDATE orders SET rewarded_points = expected_points, history_settled = 1, "
                         "history_synced_at = created_at WHERE state = 'delivered'")
        # The delivered day as seed tables, so each copy reads 500 rows, not the growing year.
        delivered = "state = 'delivered'"
        for table, where in (("orders", delivered), ("transactions", "1"), ("outbox", delivered),
                             ("order_lines", f"order_id IN (SELECT order_id FROM orders WHERE {delivered})")):
            conn.execute(f"CREATE TEMP TABLE seed_{table} AS SELECT * FROM {table} WHERE {where}")
        for day in range(1, days):
            shift = f"'-{day} days'"
            with store.write():
                conn.execute(
                    "INSERT INTO orders SELECT order_id || '-D' || :d, kind, customer_id,"
                    f" strftime('%Y-%m-%dT%H:%M:%fZ', order_date, {shift}), total_paid, currency, NULL, NULL,"
                    " created_at - :d * 86400, 'delivered', rewarded_points, redeemed_points, expected_points,"
                    " hold_reference, body_sha256, response, delivered_at - :d * 86400, history_synced_at,"
                    " 1 FROM seed_orders", {"d": day})
                conn.execute(
                    "INSERT INTO order_lines SELECT order_id || '-D' || :d, line_index, product_id, sku, title,"
                    " quantity, price, discount, taxes FROM seed_order_lines", {"d": day})
                conn.execute(
                    "INSERT INTO transactions SELECT order_id || '-D' || :d, gameball_transaction_id || '-D' || :d,"
                    " transaction_type, amount, equivalent_points, transaction_date, transaction_id, fetched_at"
                    " FROM seed_transactions", {"d": day})
                conn.execute(
                    "INSERT INTO outbox (kind, ref_id, body, body_sha256, state, attempts, created_at,"
                    " next_attempt_at, delivered_at) SELECT 'order', ref_id || '-D' || :d, NULL, body_sha256,"
                    " 'delivered', 1, created_at - :d * 86400, next_attempt_at, delivered_at - :d * 86400"
                    " FROM seed_outbox", {"d": day})
        return int(conn.execute("SELECT COUNT(*) FROM orders").fetchone()[0])
    finally:
        store.close()  # checkpoints the WAL into the file


def db_size(data_dir: Path) -> int:
    return sum(p.stat().st_size for p in data_dir.glob("*.sqlite3*"))


def timed(fn, repeat: int) -> float:  # type: ignore[no-untyped-def]
    values = []
    for _ in range(repeat):
        began = time.perf_counter()
        fn()
        values.append(time.perf_counter() - began)
    return median(values)


def run_cli(data_dir: Path, *args: str) -> tuple[float, float]:
    """Wall seconds and peak resident MB of one `pos-app` process."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    began = time.perf_counter()
    process = subprocess.Popen([sys.executable, "-m", "pos_app", "--data-dir", str(data_dir), *args],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - began
    if os.waitstatus_to_exitcode(status) not in (0, 1):
        raise RuntimeError(f"pos-app {' '.join(args)} exited {status}")
    return wall, usage.ru_maxrss / 1024


def window_start(data_dir: Path, sandbox: Sandbox, starts: int) -> float:
    """Median start of the real window. On a copy: the engine archives what is past the return period at
    start (on its own thread, during the first start), which would shrink the year the other figures read."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    values = []
    copy = data_dir.with_name(data_dir.name + "-window")
    shutil.copytree(data_dir, copy)
    try:
        for _ in range(starts):
            done = subprocess.run([sys.executable, str(HERE / "_till_app.py"), "start", "--data-dir", str(copy),
                                   "--api-base", sandbox.url], capture_output=True, text=True, env=env, timeout=120,
                                  check=False)
            lines = [line for line in done.stdout.splitlines() if line.startswith("RESULT ")]
            if not lines:
                raise RuntimeError(f"window start failed:\n{done.stderr[-2000:]}")
            values.append(json.loads(lines[-1][len("RESULT "):])["ready_s"])
    finally:
        shutil.rmtree(copy, ignore_errors=True)
    return median(values)


def measure(data_dir: Path, sandbox: Sandbox, repeat: int) -> dict[str, float]:
    today = date.today()
    figures: dict[str, float] = {}
    figures["size_mb"] = db_size(data_dir) / 1e6
    query = OrdersQuery(lambda: Store.open_in(data_dir), SETTINGS.phone_region)
    try:
        query.search()  # the first call opens the store, as the history view's first open does
        figures["history_open_ms"] = timed(lambda: query.search(), repeat) * 1000
        figures["history_text_ms"] = timed(lambda: query.search("cust"), repeat) * 1000
        figures["history_state_ms"] = timed(lambda: query.search(state=State.FAILED), repeat) * 1000
    finally:
        query.close()
    start, end = day_bounds(today, today)
    with Store.open_in(data_dir) as store:
        figures["end_of_day_ms"] = timed(
            lambda: DaySummary.from_orders(store.orders_between(start, end), SETTINGS.currency), repeat) * 1000
    figures["start_s"] = window_start(data_dir, sandbox, max(3, repeat // 2))
    return figures


def measure_cli(data_dirs: dict[str, Path], repeat: int) -> dict[str, dict[str, float]]:
    """Wall time (median) and peak memory (max) of each command in each data directory, the directories'
    runs alternating: on a shared machine the load drifts within a minute, and measuring one directory's
    runs after the other's would put the drift into the ratio."""
    figures: dict[str, dict[str, float]] = {name: {} for name in data_dirs}
    for command, args in (("outbox_list", ("outbox", "list")), ("self_test", ("--self-test",))):
        runs: dict[str, list[tuple[float, float]]] = {name: [] for name in data_dirs}
        for _ in range(max(5, repeat)):
            for name, data_dir in data_dirs.items():
                runs[name].append(run_cli(data_dir, *args))
        for name in data_dirs:
            figures[name][f"{command}_s"] = median([r[0] for r in runs[name]])
            figures[name][f"{command}_mb"] = max(r[1] for r in runs[name])
    return figures


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--days", type=int, default=422)
    parser.add_argument("--per-day", type=int, default=500)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--keep", type=Path, help="build the year's data directory here and keep it")
    args = parser.parse_args()
    print_header("bench/year.py: a year of sales on one disk")
    work = Path(tempfile.mkdtemp(prefix="pos-bench-year-"))
    try:
        year = args.keep or work / "year"
        empty = work / "empty"
        Store.open_in(empty).close()
        began = time.perf_counter()
        orders = build_year(year, args.days, args.per_day) if not (year / "pos-app.sqlite3").exists() else \
            Store.open_in(year).db.conn.execute("SELECT COUNT(*) FROM orders").fetchone()[0]
        print(f"year: {orders} orders over {args.days} days ({args.per_day} a day), built in "
              f"{time.perf_counter() - began:.0f} s; empty: a new data directory")
        with Sandbox(port=0, demo=True) as sandbox:
            figures = {"empty": measure(empty, sandbox, args.repeat), "year": measure(year, sandbox, args.repeat)}
            for name, cli in measure_cli({"empty": empty, "year": year}, args.repeat).items():
                figures[name].update(cli)
            size_per_order = figures["year"]["size_mb"] * 1e6 / orders
            copy = work / "retention"
            shutil.copytree(year, copy)
            with Store.open_in(copy) as store:
                began = time.perf_counter()
                result = store.archive_old_orders(400, now=datetime.now(UTC).timestamp())
                retention_s = time.perf_counter() - began
                store.db.conn.execute("VACUUM")
            archive_mb = sum(p.stat().st_size for p in result.files) / 1e6
            after = measure(copy, sandbox, args.repeat) | measure_cli({"after": copy}, args.repeat)["after"]
        print()
        rows = [("database size (MB)", "size_mb", 1), ("window start-up (s)", "start_s", 2),
                ("history open, newest 200 (ms)", "history_open_ms", 1),
                ("history filter: text (ms)", "history_text_ms", 1),
                ("history filter: state (ms)", "history_state_ms", 1), ("end of day (ms)", "end_of_day_ms", 1),
                ("outbox list (s)", "outbox_list_s", 2), ("outbox list peak memory (MB)", "outbox_list_mb", 0),
                ("--self-test (s)", "self_test_s", 2), ("--self-test peak memory (MB)", "self_test_mb", 0)]
        print(f"{'figure':<32} {'empty':>9} {'year':>9} {'after retention':>16}")
        for label, key, digits in rows:
            print(f"{label:<32} {figures['empty'][key]:>9.{digits}f} {figures['year'][key]:>9.{digits}f} "
                  f"{after[key]:>16.{digits}f}")
        print(f"size per order: {size_per_order / 1000:.2f} kB (lines, transactions and outbox row included)")
        print(f"retention: {result.orders} orders past 400 days archived in {retention_s:.1f} s to "
              f"{len(result.files)} file(s), {archive_mb:.1f} MB gzip "
              f"({archive_mb * 1e6 / max(1, result.orders):.0f} B an order)")
        print()
        year_f, empty_f = figures["year"], figures["empty"]
        verdicts: list[Verdict] = [
            at_most("window start-up with a year on file (s)", round(year_f["start_s"], 2), 1.5),
            at_most("history open with a year on file (ms)", round(year_f["history_open_ms"], 1), 300),
            at_most("end of day with a year on file (ms)", round(year_f["end_of_day_ms"], 1), 500),
        ]
        for key, label in (("outbox_list_s", "outbox list time"), ("outbox_list_mb", "outbox list memory"),
                           ("self_test_s", "--self-test time"), ("self_test_mb", "--self-test memory")):
            verdicts.append(at_most(f"{label}, year / empty", round(year_f[key] / empty_f[key], 2), 1.5, "x"))
        for verdict in verdicts:
            print(verdict.text)
        print(f"load average at end: {_common.load_average()}")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
