"""The till window in a process of its own, driven by bench/till.py (which runs the sandbox).

Modes (the last stdout line is `RESULT <json>`):

* start: build the runtime and the window, show it; ready once the event loop has run after show().
* preview: once online with the catalogue loaded, change the basket `--samples` times as a scanner
  would and time the estimate on screen and the live figure on screen; before that, time the same
  live preview call made directly (the round trip the live figure cannot beat).
* sync: with the data directory's backlog, run a 5 ms heartbeat timer on the GUI thread until every
  order is delivered and its history pulled; report the heartbeat's intervals and the memory.

The sandbox lives in the parent so its work and memory are not counted as the till's, as with a real
Gameball.
"""

from __future__ import annotations

import time

STARTED = time.perf_counter()  # before the imports: they are part of a cold start

import argparse  # noqa: E402
import json  # noqa: E402
import os  # noqa: E402
import sys  # noqa: E402
import threading  # noqa: E402
from collections.abc import Callable  # noqa: E402
from dataclasses import replace  # noqa: E402
from pathlib import Path  # noqa: E402

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import _common  # noqa: E402
from _common import SETTINGS  # noqa: E402
from PySide6.QtCore import QEventLoop, Qt, QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from pos_app.config import secrets  # noqa: E402
from pos_app.domain.order import validate_preview  # noqa: E402
from pos_app.domain.timeutil import utc_now  # noqa: E402
from pos_app.runtime import Runtime  # noqa: E402
from pos_app.sandbox import DEMO_API_KEY, DEMO_SECRET_KEY  # noqa: E402
from pos_app.store.store import Store  # noqa: E402
from pos_app.ui.main_window import MainWindow  # noqa: E402
from pos_app.ui.sale import PreviewSource  # noqa: E402


def wait_until(condition: Callable[[], bool], timeout: float, every_ms: int = 10) -> bool:
    """Run the Qt event loop until `condition()` holds (checked every `every_ms`) or `timeout` seconds pass.

    A real event loop, not processEvents and sleep: the harness must not be what delays the GUI thread.
    """
    if condition():
        return True
    loop = QEventLoop()
    poll = QTimer()
    poll.setInterval(every_ms)
    poll.timeout.connect(lambda: loop.quit() if condition() else None)
    give_up = QTimer()
    give_up.setSingleShot(True)
    give_up.timeout.connect(loop.quit)
    poll.start()
    give_up.start(int(timeout * 1000))
    loop.exec()
    poll.stop()
    give_up.stop()
    return condition()


def build(args: argparse.Namespace, *, start_engine: bool = True) -> tuple[QApplication, Runtime, MainWindow]:
    settings = replace(SETTINGS, api_base=args.api_base)
    runtime = Runtime.build(Path(args.data_dir), settings, secrets.Credentials(DEMO_API_KEY, DEMO_SECRET_KEY), None,
                            time_scale=args.scale, bridge=False)
    if args.scale != 1.0:
        import drain  # only the scaled sync needs the engine's timers scaled like the sandbox's clock

        drain.scale_engine_timing(runtime.engine.options, args.scale)
    if start_engine:
        runtime.start()  # as run_window gets it: the engine already running
    app = QApplication.instance() or QApplication(sys.argv)
    window = MainWindow(runtime.till_services(demo=True), demo=True)
    window.show()
    return app, runtime, window  # type: ignore[return-value]


def mode_start(args: argparse.Namespace) -> dict[str, object]:
    app, runtime, window = build(args)
    ready: dict[str, float] = {}
    QTimer.singleShot(0, lambda: ready.setdefault("at", time.perf_counter()))
    wait_until(lambda: "at" in ready, 30, every_ms=1)
    result = {"ready_s": ready["at"] - STARTED, "rss_mb": _common.rss_mb()}
    window.shutdown()
    runtime.stop()
    return result


def mode_preview(args: argparse.Namespace) -> dict[str, object]:
    app, runtime, window = build(args)
    sale = window.sale
    if not wait_until(lambda: sale.status.online and sale.catalogue.find(CODES[0]) is not None, 30):
        raise SystemExit("the till did not come online with its catalogue")
    # The round trip: the same live preview call, straight from this thread, no window involved.
    rtt = []
    body = {"customerId": "demo-amira", "totalPaid": 12.5,
            "lineItems": [{"productId": "P-1010", "quantity": 1, "price": 12.5}]}
    for _ in range(args.samples):
        began = time.perf_counter()
        answer = runtime.service.live_preview(validate_preview(body, now=utc_now(), currency=SETTINGS.currency))
        rtt.append(time.perf_counter() - began)
        if answer.source != "live":
            raise SystemExit("the direct preview was not live")
    # The live figure is on screen when the preview panel has painted Gameball's answer: timed in a slot
    # on preview_changed, which runs after the panel's own render slot (connected first, so called first).
    loop = QEventLoop()
    marks: dict[str, float] = {}

    def on_preview() -> None:
        if "began" in marks and "live" not in marks and not sale.live_pending:
            window.preview.repaint()
            marks["live"] = time.perf_counter()
            loop.quit()

    sale.preview_changed.connect(on_preview)
    give_up = QTimer()
    give_up.setSingleShot(True)
    give_up.timeout.connect(loop.quit)
    estimate, live = [], []
    for n in range(args.samples):
        marks.clear()
        marks["began"] = began = time.perf_counter()
        if len(sale.basket.lines) < 6:
            sale.add_code(CODES[n % len(CODES)])  # what a scan does
        else:
            sale.remove_line(0)
        window.preview.repaint()  # paint now: the estimate is on screen when this returns
        estimate.append(time.perf_counter() - began)
        shown = sale.preview
        if shown is None or shown.source is not PreviewSource.ESTIMATE or not sale.live_pending:
            raise SystemExit("no estimate was shown at once, or no live figure was asked for")
        give_up.start(5000)
        loop.exec()
        give_up.stop()
        if "live" not in marks or sale.preview is None or sale.preview.source is not PreviewSource.LIVE:
            raise SystemExit("no live figure within 5 s")
        live.append(marks["live"] - began)
        wait_until(lambda: False, 0.05)  # a cashier's pace between scans, not back to back
    window.shutdown()
    runtime.stop()
    return {"rtt": rtt, "estimate": estimate, "live": live}


def mode_sync(args: argparse.Namespace) -> dict[str, object]:
    done = threading.Event()
    counts = {"pending": -1, "history": -1}

    def watch() -> None:
        # Its own connection, off the GUI thread: polling the database must not be what stalls the window.
        with Store.open_in(args.data_dir) as store:
            conn = store.db.conn
            while not done.is_set():
                counts["pending"] = store.pending_count()
                counts["history"] = conn.execute("SELECT count(*) FROM orders WHERE state = 'delivered'"
                                                 " AND history_synced_at IS NULL").fetchone()[0]
                if counts["pending"] == 0 and counts["history"] == 0:
                    done.set()
                done.wait(0.2)

    app, runtime, window = build(args, start_engine=False)
    rss_start = _common.rss_mb()
    beats: list[float] = []
    heartbeat = QTimer()
    heartbeat.setTimerType(Qt.TimerType.PreciseTimer)
    heartbeat.setInterval(5)
    stalls: list[dict[str, object]] = []  # beats over 30 ms late: when, and where the sync stood then
    phase = {"began": 0.0}

    def beat() -> None:
        now = time.perf_counter()
        if beats and now - beats[-1] > 0.03 and phase["began"]:
            stalls.append({"at_s": round(now - phase["began"], 2), "ms": round((now - beats[-1]) * 1000, 1),
                           **counts})
        beats.append(now)

    heartbeat.timeout.connect(beat)
    heartbeat.start()
    # First the same heartbeat with the window idle and the engine not started: what this machine and
    # harness alone do to a 5 ms timer, so a stall during the sync can be told from the machine's noise.
    wait_until(lambda: False, args.idle, every_ms=100)
    idle = [b - a for a, b in zip(beats, beats[1:], strict=False)]
    beats.clear()
    began = phase["began"] = time.perf_counter()
    runtime.start()
    threading.Thread(target=watch, name="bench-watch", daemon=True).start()
    finished = wait_until(done.is_set, args.timeout, every_ms=100)
    heartbeat.stop()
    result = {"finished": finished, "seconds": time.perf_counter() - began, "rss_start_mb": rss_start,
              "rss_after_mb": _common.rss_mb(), "intervals": [b - a for a, b in zip(beats, beats[1:], strict=False)],
              "idle": idle, "left": counts, "stalls": stalls}
    done.set()
    window.shutdown()
    runtime.stop()
    return result


CODES = [str(p["sku"]) for p in _common.demo_catalogue()]


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("mode", choices=["start", "preview", "sync"])
    parser.add_argument("--data-dir", required=True)
    parser.add_argument("--api-base", required=True)
    parser.add_argument("--scale", type=float, default=1.0)
    parser.add_argument("--samples", type=int, default=100)
    parser.add_argument("--timeout", type=float, default=900)
    parser.add_argument("--idle", type=float, default=10.0, help="seconds of heartbeat before the engine starts")
    args = parser.parse_args()
    result = {"start": mode_start, "preview": mode_preview, "sync": mode_sync}[args.mode](args)
    print("RESULT " + json.dumps(result), flush=True)
    sys.stderr.flush()
    # The figures are out: skip the interpreter's teardown, where PySide6 once aborted this harness
    # ("bool_dealloc" while garbage-collecting Qt objects), which would only lose a finished run.
    os._exit(0)


if __name__ == "__main__":
    raise SystemExit(main())
