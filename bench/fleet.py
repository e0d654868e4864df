"""Fleet drain: N terminals of one Gameball account reconnect together, each with a backlog, one sandbox.

The sandbox holds one account (one key pair) and its rate limiter counts every request to that account,
whichever terminal sent it: Gameball's documented limits (orders 30/s and 360 per 30 s) are per account.
Each simulated terminal is a thread with the product's own pacing code: its `Limiters` (sync/link.py, the
share of the account set by `fleet_terminals`, AIMD on 429, Retry-After) attached to its own
GameballClient exactly as the engine attaches them, sending its backlog one POST /orders per order (the
till's orders carry lines, merchant and branch, which the batch item schema does not: see bench/drain.py).
On a 429 it waits out Retry-After, as the engine's queue pause does, and sends the same bytes again.
Full engines in processes would only measure this machine's two cores; the store is not what is measured.

"today's pacing" is the limiter every terminal ran before `fleet_terminals`: the whole account's limits
(97%) per terminal, no adaptation beyond the engine's pause for Retry-After.

Time is scaled as in bench/drain.py: the sandbox's clock and every terminal's limiter run `--scale` times
faster; figures are in Gameball-seconds (wall x scale).

Usage: python bench/fleet.py [--terminals 10,50,200] [--orders 3000] [--scale 4] [--quick]
"""

from __future__ import annotations

import argparse
import logging
import random
import threading
import time
from dataclasses import dataclass, field
from typing import Any

import _common
import httpx
from _common import SETTINGS, Verdict, at_least, at_most, print_header, realistic_order

from pos_app.domain import wire
from pos_app.gameball.client import GameballClient
from pos_app.gameball.errors import GameballError
from pos_app.sandbox import DEMO_API_KEY, DEMO_SECRET_KEY, Sandbox
from pos_app.services.till import merchant_of
from pos_app.sync.link import Limiters
from pos_app.sync.ratelimit import ORDERS, RateLimiter

LIMIT = ORDERS[1].count / ORDERS[1].seconds  # 360 per 30 s = 12 orders/s sustained, per account
DUPLICATE = 9004  # Gameball's "order already exists": this order was applied by an earlier try


@dataclass
class Terminal:
    index: int
    bodies: list[tuple[str, bytes]]
    finished: float = 0.0
    started: float = 0.0
    sent: int = 0
    refused: int = 0
    errors: list[str] = field(default_factory=list)


@dataclass
class FleetResult:
    label: str
    terminals: list[Terminal]
    wall: float
    scale: float
    stats: dict[str, Any]
    lost: int
    duplicates: int

    @property
    def orders(self) -> int:
        return sum(len(t.bodies) for t in self.terminals)

    @property
    def gameball_s(self) -> float:
        return self.wall * self.scale

    @property
    def rate(self) -> float:
        return self.orders / self.gameball_s

    @property
    def ideal_s(self) -> float:
        return self.orders / LIMIT

    @property
    def refused_share(self) -> float:
        bucket = self.stats["buckets"]["orders_tracking"]
        return bucket["limited"] / max(1, bucket["requests"])

    def finish_times(self) -> list[float]:
        return sorted(t.finished * self.scale for t in self.terminals)

    def slowest_share(self) -> float:
        """The worst terminal's delivered rate while it had a backlog, as a share of its fair share."""
        fair = LIMIT / len(self.terminals)
        return min(len(t.bodies) / max(1e-9, t.finished * self.scale) / fair for t in self.terminals)


def backlogs(terminals: int, total: int, unequal: bool, rng: random.Random) -> list[list[tuple[str, bytes]]]:
    if unequal:
        # A few busy terminals and many quiet ones: weights 1..8 on a skewed draw.
        weights = [rng.choice((1, 1, 1, 2, 2, 4, 8)) for _ in range(terminals)]
    else:
        weights = [1] * terminals
    sizes = [max(1, round(total * w / sum(weights))) for w in weights]
    merchant = merchant_of(SETTINGS)
    result = []
    for t, size in enumerate(sizes):
        bodies = []
        for n in range(size):
            order = realistic_order(f"FLEET-T{t:03d}-{n:05d}", rng)
            bodies.append((order.order_id, wire.dumps(order.gameball_body(merchant))))
        result.append(bodies)
    return result


def run_terminal(terminal: Terminal, client: GameballClient, pace: Any, stop: threading.Event,
                 started: float) -> None:
    for _order_id, body in terminal.bodies:
        while not stop.is_set():
            pace()
            terminal.sent += 1
            try:
                client.track_order(body)
                break
            except GameballError as error:
                if error.code == DUPLICATE:
                    break
                if error.status == 429:
                    terminal.refused += 1
                    stop.wait(error.retry_after if error.retry_after is not None else 1.0)
                    continue
                terminal.errors.append(str(error))
                stop.wait(0.05)
    terminal.finished = time.monotonic() - started


def run_fleet(label: str, bodies: list[list[tuple[str, bytes]]], scale: float, today: bool,
              timeout: float) -> FleetResult:
    count = len(bodies)
    sandbox = Sandbox(port=0, demo=True, time_scale=scale)
    sandbox.start()
    stop = threading.Event()
    # One connection pool for the whole fleet keeps the sandbox's thread count sane; pacing is per terminal.
    transport = httpx.HTTPTransport(retries=0, limits=httpx.Limits(max_connections=64))
    threads, clients = [], []
    terminals = [Terminal(i, b) for i, b in enumerate(bodies)]
    try:
        started = time.monotonic()
        for terminal in terminals:
            client = GameballClient(sandbox.url, DEMO_API_KEY, DEMO_SECRET_KEY, transport=transport)
            clients.append(client)
            if today:
                limiter = RateLimiter(ORDERS, time_scale=scale)

                def pace(limiter: RateLimiter = limiter) -> None:
                    limiter.acquire(sleep=stop.wait)
            else:
                # The product's wiring: Limiters with this terminal's share, fed by the client's answers.
                limiters = Limiters.for_scale(scale, terminals=count)
                limiters.attach(client, interactive=False)

                def pace(limiter: Any = limiters.orders) -> None:
                    limiter.acquire(sleep=stop.wait)
            thread = threading.Thread(target=run_terminal, args=(terminal, client, pace, stop, started), daemon=True)
            threads.append(thread)
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(max(0.0, started + timeout - time.monotonic()))
        stop.set()
        for thread in threads:
            thread.join(5)
        wall = max(t.finished for t in terminals) or time.monotonic() - started
        stats = sandbox.stats()
        lost = duplicates = 0
        for terminal in terminals:
            for order_id, _ in terminal.bodies:
                report = sandbox.order_report(order_id)
                lost += 0 if report["known"] and report["rewarded"] >= 1 else 1
                duplicates += max(0, report["rewarded"] - 1)
        return FleetResult(label, terminals, wall, scale, stats, lost, duplicates)
    finally:
        stop.set()
        for client in clients:
            client.close()
        transport.close()
        sandbox.stop()


def row(r: FleetResult) -> str:
    times = r.finish_times()
    bucket = r.stats["buckets"]["orders_tracking"]
    return (f"{r.label:<34} {len(r.terminals):>4} {r.orders:>6} {r.gameball_s:>8.1f} {r.rate:>7.2f} "
            f"{r.rate / LIMIT:>6.1%} {bucket['requests']:>6} {r.refused_share:>6.2%} "
            f"{times[0]:>7.1f} {times[-1]:>7.1f} {times[-1] / r.ideal_s:>5.2f} {r.slowest_share():>6.2f} "
            f"{r.lost:>4} {r.duplicates:>4}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--terminals", default="10,50,200")
    parser.add_argument("--orders", type=int, default=3000, help="total backlog per run, split over the terminals")
    parser.add_argument("--scale", type=float, default=4.0)
    parser.add_argument("--quick", action="store_true", help="10 and 50 terminals, 600 orders: while developing")
    parser.add_argument("--no-today", action="store_true", help="skip today's pacing (the comparison)")
    args = parser.parse_args()
    if args.quick:
        args.terminals, args.orders = "10,50", 600
    logging.basicConfig(level=logging.ERROR)
    sizes = [int(n) for n in args.terminals.split(",")]

    print_header("bench/fleet.py: many terminals of one account drain their backlogs together")
    print(f"sandbox: one account, Gameball's documented limits counted account-wide (orders 30/s and 360 per "
          f"30 s = {LIMIT:g}/s sustained); time scale {args.scale:g} (Gameball-s = wall s x {args.scale:g})")
    print(f"backlog per run: {args.orders} realistic POS orders (4-7 lines, merchant and branch), one POST each")
    print()
    rng = random.Random(17)
    results: list[FleetResult] = []
    runs = []
    for n in sizes:
        equal = backlogs(n, args.orders, False, rng)
        runs.append((f"fleet_terminals={n} (product)", equal, False))
        if not args.no_today:
            runs.append((f"today's pacing, {n} terminals", equal, True))
    unequal_n = sizes[min(1, len(sizes) - 1)]
    runs.append((f"unequal backlogs, {unequal_n} (product)", backlogs(unequal_n, args.orders, True, rng), False))
    for label, bodies, today in runs:
        ideal = sum(len(b) for b in bodies) / LIMIT / args.scale
        result = run_fleet(label, bodies, args.scale, today, timeout=max(60.0, 4 * ideal))
        results.append(result)
        print(f"  done: {label} ({result.wall:.1f} s wall)", flush=True)
    print()
    print(f"{'run':<34} {'N':>4} {'orders':>6} {'GB s':>8} {'ord/s':>7} {'limit':>6} {'reqs':>6} {'429s':>6} "
          f"{'first':>7} {'last':>7} {'last/':>5} {'worst':>6} {'lost':>4} {'dup':>4}")
    print(f"{'':<34} {'':>4} {'':>6} {'':>8} {'':>7} {'':>6} {'':>6} {'share':>6} "
          f"{'done s':>7} {'done s':>7} {'ideal':>5} {'share':>6}")
    for r in results:
        print(row(r))
    print("  worst share: the slowest terminal's delivered rate while it had a backlog / its fair share (limit/N)")
    print()
    verdicts: list[Verdict] = []
    for r in results:
        if r.label.startswith("today"):
            continue
        name = r.label
        verdicts.append(at_most(f"{name}: 429s, share of requests (%)", round(r.refused_share * 100, 2), 2))
        if not r.label.startswith("unequal"):
            verdicts.append(at_least(f"{name}: aggregate, share of the limit", r.rate / LIMIT * 100, 90, "%"))
            verdicts.append(at_most(f"{name}: last terminal done / ideal", round(r.finish_times()[-1] / r.ideal_s, 2),
                                    1.5))
        else:
            # Not a target: a terminal cannot know the others are done without a coordinator or rate headers
            # Gameball does not document, so the busy ones keep to their share and the aggregate falls.
            print(f"{name}: aggregate {r.rate / LIMIT:.1%} of the limit (figure only; quiet terminals finish early)")
            verdicts.append(at_least(f"{name}: slowest terminal's rate / fair share (no starving)",
                                     r.slowest_share(), 0.5))
        verdicts.append(at_most(f"{name}: lost + duplicates", r.lost + r.duplicates, 0))
    for verdict in verdicts:
        print(verdict.text)
    errors = sum(len(t.errors) for r in results for t in r.terminals)
    print(f"other errors (not 429) seen by terminals: {errors}")
    print(f"load average at end: {_common.load_average()}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
