"""The till window: start-up and memory, preview latency, and main-thread stalls while a backlog syncs.

Each figure comes from the real window (pos_app.ui.main_window.MainWindow on Runtime.build, offscreen)
in a process of its own (bench/_till_app.py); this process runs the sandbox, as Gameball would be
elsewhere, so the sandbox's CPU and memory are not the till's.

* start-up: a fresh process and data directory each time, from launch (interpreter start and every
  import included) to the window shown with its event loop running; resident memory then. Bytecode
  is cached (one uncounted start first) and the OS file cache is warm: an installed till after its
  first start, not the first start after a reboot.
  Targets: within 1.5 s; under 150 MB.
* preview: the basket changes as a scanner changes it (SaleController.add_code / remove_line); the
  estimate is on screen when the preview panel has been painted with it, the live figure when the
  panel has been painted with Gameball's answer. Over loopback with 0 and 50 ms of sandbox latency,
  against the round trip of the same preview call made directly. Targets: estimate within 10 ms;
  live within the round trip plus 20 ms (compared percentile by percentile).
* stalls: a 5 ms QTimer on the GUI thread while the engine delivers 10,000 queued orders (batch API)
  and pulls their history, unscaled. Targets: p99 interval under 16 ms, none over 50 ms. Memory
  after that sync: under 150 MB.

Usage: python bench/till.py [--starts 5] [--samples 100] [--orders 10000] [--skip-sync]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import _common
from _common import Verdict, at_most, median, percentile, print_header

from pos_app.sandbox import Sandbox

HERE = Path(__file__).resolve().parent
CASHBACK_PATH = "/orders/cashback"


def child(mode: str, data_dir: Path, sandbox: Sandbox, *extra: str, timeout: float = 900) -> tuple[dict[str, Any],
                                                                                                     float]:
    """Run bench/_till_app.py; returns its RESULT and the wall seconds from launch to its READY/RESULT."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    # An installed till runs compiled bytecode (the PyInstaller bundle ships it); a shell that forbids
    # writing .pyc would make every start compile every module again.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    command = [sys.executable, str(HERE / "_till_app.py"), mode, "--data-dir", str(data_dir),
               "--api-base", sandbox.url, *extra]
    began = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True, env=env, timeout=timeout, check=False)
    wall = time.perf_counter() - began
    lines = [line for line in done.stdout.splitlines() if line.startswith("RESULT ")]
    if not lines:
        raise RuntimeError(f"{mode} run failed ({done.returncode}):\n{done.stdout[-2000:]}\n{done.stderr[-4000:]}")
    return json.loads(lines[-1][len("RESULT "):]), wall


def ms(values: list[float]) -> dict[str, float]:
    return {name: percentile(values, share) * 1000 for name, share in (("p50", 0.5), ("p95", 0.95), ("p99", 0.99))}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--starts", type=int, default=5, help="cold starts (median and worst reported)")
    parser.add_argument("--samples", type=int, default=100, help="basket changes per latency setting")
    parser.add_argument("--orders", type=int, default=10_000, help="backlog for the stall measurement")
    parser.add_argument("--skip-sync", action="store_true", help="leave out the stall measurement")
    args = parser.parse_args()

    print_header("bench/till.py: till window start-up, memory, preview latency, main-thread stalls")
    work = Path(tempfile.mkdtemp(prefix="pos-bench-till-"))
    # Jobs complete on time, never on a poll count (see bench/drain.py).
    sandbox = Sandbox(port=0, demo=True, batch_delay=2.0, batch_polls=1_000_000)
    sandbox.start()
    verdicts: list[Verdict] = []
    try:
        # --- start-up ------------------------------------------------------------------------------
        starts, inside, rss = [], [], []
        child("start", work / "warm-up", sandbox)  # not counted: writes the bytecode caches once
        for n in range(args.starts):
            result, wall = child("start", work / f"start-{n}", sandbox)
            starts.append(wall)
            inside.append(result["ready_s"])
            rss.append(result["rss_mb"])
        print(f"start-up ({args.starts} cold starts, offscreen): launch to interactive window median "
              f"{median(starts):.2f} s, worst {max(starts):.2f} s (of which after the interpreter started: "
              f"median {median(inside):.2f} s); resident memory after start median {median(rss):.0f} MB")
        verdicts.append(at_most("start-up, launch to interactive window (median)", round(median(starts), 2), 1.5,
                                " s"))
        verdicts.append(at_most("memory after start (median)", round(median(rss)), 150, " MB"))

        # --- preview latency -------------------------------------------------------------------------
        print()
        print(f"preview latency ({args.samples} basket changes per setting), ms:")
        print(f"  {'sandbox latency':<16} {'round trip p50/p95/p99':>24} {'estimate p50/p95/p99':>22} "
              f"{'live p50/p95/p99':>22}")
        for latency in (0, 50):
            sandbox.faults.clear()
            if latency:
                sandbox.faults.latency(latency, path=CASHBACK_PATH)
            result, _ = child("preview", work / f"preview-{latency}", sandbox, "--samples", str(args.samples))
            rtt, est, live = ms(result["rtt"]), ms(result["estimate"]), ms(result["live"])

            def triple(figures: dict[str, float]) -> str:
                return "/".join(f"{figures[k]:.1f}" for k in ("p50", "p95", "p99"))

            print(f"  {f'{latency} ms':<16} {triple(rtt):>24} {triple(est):>22} {triple(live):>22}")
            for key in ("p50", "p95", "p99"):
                verdicts.append(at_most(f"estimate on screen {key}, {latency} ms latency", round(est[key], 1), 10,
                                        " ms"))
            for key in ("p50", "p95", "p99"):
                over = live[key] - rtt[key]
                verdicts.append(at_most(f"live on screen {key} minus round trip {key}, {latency} ms latency",
                                        round(over, 1), 20, " ms"))
        sandbox.faults.clear()

        # --- stalls and memory during a large sync -------------------------------------------------
        if not args.skip_sync:
            import drain  # the same queued backlog as the drain benchmark

            print()
            data_dir = work / "sync"
            drain.build_template(data_dir, args.orders)
            result, wall = child("sync", data_dir, sandbox)
            intervals = result["intervals"]
            figures = ms(intervals)
            worst = max(intervals) * 1000
            over = sum(1 for value in intervals if value > 0.05)
            print(f"GUI thread during the sync of {args.orders} orders and their history (unscaled, batch API): "
                  f"{'finished' if result['finished'] else 'NOT finished'} in {result['seconds']:.0f} s; "
                  f"{len(intervals)} heartbeats of 5 ms: p50 {figures['p50']:.1f} ms, p99 {figures['p99']:.1f} ms, "
                  f"longest {worst:.1f} ms, {over} over 50 ms")
            for stall in result["stalls"]:
                print(f"  a {stall['ms']} ms interval {stall['at_s']} s into the sync (then {stall['pending']} orders "
                      f"pending, {stall['history']} awaiting history)")
            idle = result["idle"]
            print(f"  the same heartbeat for {sum(idle):.0f} s before the engine started (window idle): "
                  f"p99 {percentile(idle, 0.99) * 1000:.1f} ms, longest {max(idle) * 1000:.1f} ms, "
                  f"{sum(1 for value in idle if value > 0.05)} over 50 ms")
            print(f"resident memory: {result['rss_start_mb']:.0f} MB with the window up, "
                  f"{result['rss_after_mb']:.0f} MB after the sync")
            verdicts.append(at_most("heartbeat p99 during the sync", round(figures["p99"], 1), 16, " ms"))
            verdicts.append(at_most("longest heartbeat interval during the sync", round(worst, 1), 50, " ms"))
            verdicts.append(at_most(f"memory after the {args.orders}-order sync", round(result["rss_after_mb"]), 150,
                                    " MB"))
        print()
        for verdict in verdicts:
            print(verdict.text)
        print(f"load average at end: {_common.load_average()}")
    finally:
        sandbox.stop()
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
