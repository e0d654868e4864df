"""The real `pos-app --headless` process and a sandbox on loopback, for the reliability tests.

`Headless` runs the product exactly as IT would (`python -m pos_app --headless ...`, credentials from the
environment), on one data directory, and can be started again after a SIGKILL. The sandbox runs in the
test process, so the tests read its books (`state.rewarded`) directly.
"""

from __future__ import annotations

import errno
import itertools
import os
import random
import signal
import socket
import sqlite3
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, TypeVar

import httpx

from pos_app.config.logs import LOG_FILE
from pos_app.sandbox import DEMO_API_KEY, DEMO_SECRET_KEY, Sandbox
from pos_app.store.db import DB_FILENAME

TOKEN = "reliability-bridge-token-0123456789"
AUTH = {"Authorization": f"Bearer {TOKEN}"}
LOOPBACK = "127.0.0.1"
# Generous for a loaded 2-core CI machine; the process is usually ready in about 0.4 s.
READY_TIMEOUT = 20.0

T = TypeVar("T")


def poll(predicate: Callable[[], T], timeout: float, interval: float = 0.02) -> T | None:
    """Call `predicate` until it returns something truthy, and return that; None after `timeout` seconds."""
    deadline = time.monotonic() + timeout
    while True:
        value = predicate()
        if value:
            return value
        if time.monotonic() >= deadline:
            return None
        time.sleep(interval)


def wait_for(predicate: Callable[[], T], timeout: float, what: str, interval: float = 0.02) -> T:
    """Poll until `predicate` returns something truthy; fail naming `what` after `timeout` seconds."""
    value = poll(predicate, timeout, interval)
    if not value:
        raise AssertionError(f"timed out after {timeout:.0f} s waiting for {what}")
    return value


def free_port() -> int:
    """A port nobody listens on right now (it may be taken before we use it: callers retry)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind((LOOPBACK, 0))
        return probe.getsockname()[1]


def start_sandbox(time_scale: float = 1.0, **kwargs: Any) -> Sandbox:
    return Sandbox(port=0, demo=True, time_scale=time_scale, **kwargs).start()


def closed_api_base() -> str:
    """An API base where nothing listens: connecting fails at once, as when Gameball is unreachable."""
    return f"http://{LOOPBACK}:{free_port()}"


_order_numbers = itertools.count(1)


def order_body() -> dict[str, Any]:
    """A new paid order as a host till would POST it, with the time of sale captured at checkout."""
    number = next(_order_numbers)
    return {
        "customerId": f"rel-customer-{number % 17}",
        "orderId": f"REL-{os.getpid()}-{number:06d}",
        "orderDate": datetime.now(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z"),
        "totalPaid": 25.5,
        "totalPrice": 25.5,
        "mobile": "+12025550143",
        "lineItems": [{"productId": f"SKU-{number % 5}", "price": 25.5, "quantity": 1}],
    }


class Headless:
    """`pos-app --headless` on one data directory; start, SIGKILL and start again as often as needed."""

    def __init__(self, data_dir: Path, api_base: str, *, time_scale: float = 1.0,
                 request_timeout: float | None = None, umask: int | None = None) -> None:
        self.data_dir = data_dir
        self.umask = umask
        self.api_base = api_base
        self.time_scale = time_scale
        self.request_timeout = request_timeout
        self.port = free_port()
        self.process: subprocess.Popen[bytes] | None = None
        self.output_path = data_dir.parent / f"{data_dir.name}-console.txt"
        self._output_offset = 0

    # --- the process ----------------------------------------------------------------------------

    def _command(self) -> list[str]:
        command = [sys.executable, "-m", "pos_app", "--headless", "--data-dir", str(self.data_dir),
                   "--api-base", self.api_base, "--bridge-port", str(self.port),
                   "--time-scale", str(self.time_scale)]
        if self.request_timeout is not None:
            command += ["--request-timeout", str(self.request_timeout)]
        return command

    @staticmethod
    def _environment() -> dict[str, str]:
        env = dict(os.environ)
        env.update({
            "GAMEBALL_API_KEY": DEMO_API_KEY,
            "GAMEBALL_SECRET_KEY": DEMO_SECRET_KEY,
            "POS_APP_BRIDGE_TOKEN": TOKEN,
            # Never touch the developer's real credential store: every secret comes from the environment.
            "PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring",
            "PYTHONUNBUFFERED": "1",
        })
        return env

    def spawn(self) -> None:
        """Start the process without waiting for it to be ready."""
        assert not self.running, "the previous process is still running"
        # The product creates the data directory itself (and makes it private).
        self.data_dir.parent.mkdir(parents=True, exist_ok=True)
        with open(self.output_path, "ab") as output:
            self._output_offset = output.tell()
            self.process = subprocess.Popen(self._command(), stdout=output, stderr=subprocess.STDOUT,
                                            stdin=subprocess.DEVNULL, env=self._environment(),
                                            umask=-1 if self.umask is None else self.umask)

    def start(self, attempts: int = 5) -> None:
        """Start and wait until the bridge answers; a port taken meanwhile means another free port."""
        for _ in range(attempts):
            self.spawn()
            if self.wait_ready():
                return
            self.port = free_port()
        raise AssertionError(f"the bridge could not bind a port in {attempts} attempts:\n{self.console()}")

    def wait_ready(self) -> bool:
        """True once the bridge answers; False if the process gave up because its port was taken."""
        deadline = time.monotonic() + READY_TIMEOUT
        with httpx.Client(timeout=1.0, headers=AUTH) as client:
            while time.monotonic() < deadline:
                if self.process is not None and self.process.poll() is not None:
                    if self.process.returncode == 2 and os.strerror(errno.EADDRINUSE) in self.console():
                        return False
                    raise AssertionError(f"pos-app exited with {self.process.returncode}:\n{self.console()}")
                try:
                    if client.get(f"{self.url}/v1/status").status_code == 200:
                        return True
                except httpx.TransportError:
                    pass
                time.sleep(0.02)
        raise AssertionError(f"the bridge did not answer within {READY_TIMEOUT:.0f} s:\n{self.console()}")

    @property
    def running(self) -> bool:
        return self.process is not None and self.process.poll() is None

    def kill(self) -> None:
        """SIGKILL: no handler, no cleanup, as a power cut looks to the process."""
        if self.process is not None:
            self.process.kill()
            self.process.wait(timeout=10)

    def stop(self, sig: int = signal.SIGTERM, timeout: float = 20.0) -> int:
        """Ask the process to stop and return its exit code."""
        assert self.process is not None
        self.process.send_signal(sig)
        try:
            return self.process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            self.kill()
            raise AssertionError(f"pos-app did not stop within {timeout:.0f} s of signal {sig}") from None

    def close(self) -> None:
        """The fixtures' finaliser: whatever happened, no process outlives its test."""
        if self.running:
            self.kill()

    # --- what it says -----------------------------------------------------------------------------

    def console(self) -> str:
        """Standard output and error of the current run."""
        if not self.output_path.exists():
            return ""
        with open(self.output_path, "rb") as output:
            output.seek(self._output_offset)
            return output.read().decode("utf-8", "replace")

    def log_text(self) -> str:
        """The application log of every run so far, rotated files included, oldest first."""
        logs = self.data_dir / "logs"
        paths = sorted(logs.glob(f"{LOG_FILE}.*"), key=lambda p: -int(p.suffix[1:])) + [logs / LOG_FILE]
        return "".join(p.read_text(encoding="utf-8", errors="replace") for p in paths if p.exists())

    # --- the bridge -------------------------------------------------------------------------------

    @property
    def url(self) -> str:
        return f"http://{LOOPBACK}:{self.port}"

    def client(self, timeout: float = 5.0, *, keep_alive: bool = True) -> httpx.Client:
        """A client of the bridge. Without keep-alive every request has its own connection: the bridge
        answers a kept-alive connection about 40 ms late (it writes headers and body separately with
        Nagle on, and the client delays its ACK), which would make seeding thousands of orders slow."""
        headers = AUTH if keep_alive else {**AUTH, "Connection": "close"}
        return httpx.Client(timeout=timeout, headers=headers)

    def status(self) -> dict[str, Any]:
        with self.client() as client:
            response = client.get(f"{self.url}/v1/status")
        response.raise_for_status()
        return response.json()

    def order(self, order_id: str) -> dict[str, Any]:
        with self.client() as client:
            response = client.get(f"{self.url}/v1/orders/{order_id}")
        response.raise_for_status()
        return response.json()

    def post_orders(self, bodies: list[dict[str, Any]]) -> list[str]:
        """POST each order once; returns the acknowledged orderIds."""
        acknowledged = []
        with self.client(keep_alive=False) as client:
            for body in bodies:
                response = client.post(f"{self.url}/v1/orders", json=body)
                assert response.status_code == 202, response.text
                acknowledged.append(response.json()["orderId"])
        return acknowledged

    def wait_drained(self, timeout: float) -> dict[str, Any]:
        """Poll `GET /v1/status` until nothing is pending; returns that status."""
        return wait_for(lambda: _drained(self.status()), timeout, "GET /v1/status to show pending 0", interval=0.1)

    def outbox_list(self, *states: str) -> str:
        """`pos-app outbox list` as IT would run it next to the running app."""
        command = [sys.executable, "-m", "pos_app", "outbox", "list", "--data-dir", str(self.data_dir)]
        for state in states:
            command += ["--state", state]
        done = subprocess.run(command, capture_output=True, text=True, timeout=60, env=self._environment())
        assert done.returncode == 0, done.stderr
        return done.stdout

    # --- the database, read from outside (the process may be dead) -------------------------------

    @property
    def database(self) -> Path:
        return self.data_dir / DB_FILENAME

    def query(self, sql: str, params: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
        """Read-only: a writable connection would checkpoint a killed process's WAL on closing, and the
        product's own recovery of that WAL is part of what is under test."""
        connection = sqlite3.connect(f"{self.database.as_uri()}?mode=ro", uri=True, timeout=10)
        try:
            return connection.execute(sql, params).fetchall()
        finally:
            connection.close()

    def outbox_counts(self) -> tuple[int, int]:
        """(sending, pending) items; (0, 0) if the process died before it created its schema."""
        if not self.database.exists() or not self.query("SELECT 1 FROM sqlite_master WHERE name = 'outbox'"):
            return 0, 0
        sending, pending = self.query(
            "SELECT COUNT(*) FILTER (WHERE state = 'sending'),"
            " COUNT(*) FILTER (WHERE state IN ('queued', 'sending')) FROM outbox")[0]
        return sending, pending

    def integrity(self) -> list[str]:
        """`PRAGMA integrity_check` rows; `["ok"]` when the file is sound."""
        return [row[0] for row in self.query("PRAGMA integrity_check")]

    def order_states(self) -> dict[str, str]:
        return dict(self.query("SELECT order_id, state FROM orders"))


def _drained(status: dict[str, Any]) -> dict[str, Any] | None:
    return status if status["pending"] == 0 else None


def rewarded(sandbox: Sandbox) -> dict[str, int]:
    """How many times the sandbox rewarded each orderId."""
    with sandbox.state.lock:
        return dict(sandbox.state.rewarded)


class Streamer(threading.Thread):
    """A host till: POSTs orders to the bridge one after another, and retries an order whose answer it
    did not get (the bridge is idempotent), as a till does across a crash. `acknowledged` are the
    orderIds that got a 2xx; `posted` all that were sent at least once."""

    def __init__(self, headless: Headless, pace: float, rng: random.Random) -> None:
        super().__init__(name="till", daemon=True)
        self.headless = headless
        self.pace = pace
        self.rng = rng
        self.stopping = threading.Event()
        self.acknowledged: list[str] = []
        self.posted: list[str] = []
        self.unanswered = 0
        self.failure: str | None = None

    def run(self) -> None:
        body: dict[str, Any] | None = None
        with self.headless.client(keep_alive=False) as client:
            while not self.stopping.is_set():
                if body is None:
                    body = order_body()
                    self.posted.append(body["orderId"])
                try:
                    response = client.post(f"{self.headless.url}/v1/orders", json=body)
                except httpx.TransportError:
                    # Down, restarting or killed mid-request: the till tries the same order again shortly.
                    self.unanswered += 1
                    self.stopping.wait(0.01)
                    continue
                if response.status_code != 202:
                    self.failure = f"{response.status_code} {response.text}"
                    return
                self.acknowledged.append(body["orderId"])
                body = None
                self.stopping.wait(self.rng.uniform(0, 2 * self.pace))

    def finish(self) -> None:
        self.stopping.set()
        self.join(timeout=30)
        assert not self.is_alive(), "the streamer did not stop"
        assert self.failure is None, f"the bridge refused an order: {self.failure}"
