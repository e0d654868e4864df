"""Issue 13 (5) and 16 (5): a second process on the same data directory stands by, and takes over sending and
the bridge port within seconds of the sender's exit. Two real processes each time."""

import os
import signal
import subprocess
import sys
import time

import pytest
from reliability_harness import Headless, order_body, rewarded, wait_for

# "Within a few seconds": the standby tries the lock every second; the rest is start-up slack on a loaded CI.
TAKEOVER_S = 5.0


def _standby_of(sender: Headless, name: str) -> Headless:
    standby = Headless(sender.data_dir, sender.api_base)
    standby.port = sender.port  # the same configuration: the port is the sender's while it runs
    standby.output_path = sender.data_dir.parent / f"{name}-console.txt"
    return standby


def _answers_bridge(terminal: Headless) -> bool:
    try:
        terminal.status()
    except Exception:
        return False
    return True


def _sender_pid(terminal: Headless) -> int | None:
    text = (terminal.data_dir / "sender.lock").read_text(encoding="ascii").strip()
    return int(text) if text.isdigit() else None


@pytest.mark.parametrize("sig", [pytest.param(signal.SIGTERM, marks=pytest.mark.slow), signal.SIGKILL],
                         ids=["SIGTERM", "SIGKILL"])
def test_a_standby_headless_takes_the_lock_and_the_port_when_the_sender_exits(sig, sandbox_factory, tmp_path,
                                                                             report):
    sandbox = sandbox_factory()
    sandbox.faults.refuse()  # Gameball away: the orders wait in the queue
    sender = Headless(tmp_path / "terminal", sandbox.url)
    standby = _standby_of(sender, "standby")
    try:
        sender.start()
        acknowledged = sender.post_orders([order_body() for _ in range(20)])
        standby.spawn()
        wait_for(lambda: "standby" in standby.console(), 20, "the second process to stand by")
        assert standby.running and _sender_pid(sender) == sender.process.pid

        sender.process.send_signal(sig)
        sender.process.wait(timeout=20)
        gone = time.monotonic()
        wait_for(lambda: _sender_pid(standby) == standby.process.pid, TAKEOVER_S, "the standby to take the lock")
        wait_for(lambda: _answers_bridge(standby), TAKEOVER_S, "the standby to answer on the bridge port")
        took = time.monotonic() - gone
        report(f"standby takeover after the sender's {signal.Signals(sig).name}: lock and bridge port in {took:.2f} s")

        sandbox.faults.clear()
        standby.wait_drained(timeout=30)
        books = rewarded(sandbox)
        assert all(books.get(order_id) == 1 for order_id in acknowledged), books
        assert standby.stop() == 0
    finally:
        sender.close()
        standby.close()


@pytest.mark.slow
def test_the_window_beside_the_headless_engine_is_its_standby(sandbox_factory, tmp_path):
    """Issue 16 (5): the till window (offscreen, a real `pos-app` process) beside `pos-app --headless`."""
    sandbox = sandbox_factory()
    sandbox.faults.refuse()
    sender = Headless(tmp_path / "terminal", sandbox.url)
    window_console = tmp_path / "window-console.txt"
    window = None
    try:
        sender.start()
        acknowledged = sender.post_orders([order_body() for _ in range(10)])
        env = {**Headless._environment(), "QT_QPA_PLATFORM": "offscreen"}
        command = [sys.executable, "-m", "pos_app", "--data-dir", str(sender.data_dir), "--api-base", sandbox.url,
                   "--bridge-port", str(sender.port)]
        with open(window_console, "wb") as output:
            window = subprocess.Popen(command, stdout=output, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                                      env=env)
        wait_for(lambda: "standing by" in sender.log_text(), 30, "the window to stand by")
        assert window.poll() is None, window_console.read_text()
        assert _sender_pid(sender) == sender.process.pid  # the window did not start a second sender

        sender.kill()
        wait_for(lambda: _sender_pid(sender) == window.pid, TAKEOVER_S, "the window to take the lock")
        wait_for(lambda: _answers_bridge(sender), TAKEOVER_S, "the window to answer on the bridge port")
        sandbox.faults.clear()
        sender.wait_drained(timeout=30)  # the bridge answering now is the window's
        books = rewarded(sandbox)
        assert all(books.get(order_id) == 1 for order_id in acknowledged), books

        window.send_signal(signal.SIGTERM)
        assert window.wait(timeout=30) == 0, window_console.read_text()
    finally:
        sender.close()
        if window is not None and window.poll() is None:
            os.kill(window.pid, signal.SIGKILL)
            window.wait(timeout=10)
