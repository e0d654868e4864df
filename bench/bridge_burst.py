"""A burst of simultaneous order posts against the real headless terminal's bridge (issue 13.4).

Starts `pos-app --headless` twice on fresh data directories, Gameball unreachable (orders are only
accepted and queued: the accept path is what is measured), and at each opens N connections at once,
each sending one `POST /v1/orders`. Reports, per run, how many were answered within the client's
timeout and the latency of the answers from the moment all clients were released (p50, p99, max).

- **Baseline**: the same product with the bridge's former configuration, `http.server`'s defaults:
  a listen backlog of 5 and no cap on connections served at once (patched in the child process only).
- **Product**: the bridge as shipped (backlog 1024, at most 64 connections served at once).

Target: every one of the N answered, and within 2 s.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import socket
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

from _common import ROOT, at_most, median, percentile, print_header

TOKEN = "bench-bridge-token-0123456789abcdef"
TARGET_MAX_S = 2.0
BASELINE_PATCH = (
    "import sys, pos_app.bridge.server as s; s.BridgeHTTPServer.request_queue_size = 5; "
    "s.MAX_CONNECTIONS = 1_000_000; from pos_app.cli import main; sys.exit(main(sys.argv[1:]))"
)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start_terminal(data_dir: Path, baseline: bool) -> tuple[subprocess.Popen[bytes], int]:
    port = free_port()
    args = ["--headless", "--data-dir", str(data_dir), "--api-base", f"http://127.0.0.1:{free_port()}",
            "--bridge-port", str(port)]
    command = [sys.executable, "-c", BASELINE_PATCH, *args] if baseline else [sys.executable, "-m", "pos_app", *args]
    env = {**os.environ, "GAMEBALL_API_KEY": "bench-api-key", "GAMEBALL_SECRET_KEY": "bench-secret-key",
           "POS_APP_BRIDGE_TOKEN": TOKEN, "PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring",
           "PYTHONPATH": str(ROOT)}
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return process, port
        except OSError:
            if process.poll() is not None:
                raise RuntimeError(f"pos-app exited with {process.returncode}") from None
            time.sleep(0.05)
    process.kill()
    raise RuntimeError("the bridge did not start within 30 s")


def request(port: int, number: int, run: str) -> bytes:
    body = json.dumps({
        "customerId": f"bench-{number % 37}", "orderId": f"BURST-{run}-{number:05d}",
        "orderDate": datetime.now(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z"),
        "totalPaid": 25.5, "totalPrice": 25.5, "mobile": "+12025550143",
        "lineItems": [{"productId": f"SKU-{number % 5}", "price": 25.5, "quantity": 1}],
    }).encode()
    head = (f"POST /v1/orders HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nAuthorization: Bearer {TOKEN}\r\n"
            f"Content-Type: application/json\r\nContent-Length: {len(body)}\r\nConnection: close\r\n\r\n")
    return head.encode() + body


async def one(port: int, payload: bytes, go: asyncio.Event, started: list[float], timeout: float) -> float | None:
    """Seconds from the release of all clients to this answer's status line; None if unanswered."""
    await go.wait()
    try:
        async with asyncio.timeout(timeout):
            reader, writer = await asyncio.open_connection("127.0.0.1", port)
            writer.write(payload)
            await writer.drain()
            status = await reader.readline()
            elapsed = time.monotonic() - started[0]
            await reader.read()
            writer.close()
    except (TimeoutError, OSError):
        return None
    return elapsed if status.split()[1:2] == [b"202"] else None


async def burst(port: int, count: int, run: str, timeout: float) -> list[float | None]:
    go = asyncio.Event()
    started = [0.0]
    tasks = [asyncio.create_task(one(port, request(port, n, run), go, started, timeout)) for n in range(count)]
    await asyncio.sleep(0.2)  # every task is waiting on the event
    started[0] = time.monotonic()
    go.set()
    return await asyncio.gather(*tasks)


def measure(name: str, baseline: bool, count: int, timeout: float) -> tuple[str, list[float], int]:
    with tempfile.TemporaryDirectory(prefix="pos-bench-burst-") as tmp:
        process, port = start_terminal(Path(tmp) / "data", baseline)
        try:
            results = asyncio.run(burst(port, count, name, timeout))
        finally:
            process.terminate()
            process.wait(timeout=30)
    answered = [r for r in results if r is not None]
    return name, answered, count - len(answered)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--count", type=int, default=200, help="simultaneous POST /v1/orders (default 200)")
    parser.add_argument("--timeout", type=float, default=15.0, help="client's wait for each answer, s (default 15)")
    args = parser.parse_args()
    print_header(f"bridge burst: {args.count} simultaneous POST /v1/orders to pos-app --headless")
    runs = [measure("baseline (backlog 5, uncapped threads)", True, args.count, args.timeout),
            measure("product (backlog 1024, 64 at once)", False, args.count, args.timeout)]
    print(f"{'run':42} {'answered':>9} {'p50 s':>7} {'p99 s':>7} {'max s':>7}")
    for name, answered, _missing in runs:
        figures = (f"{median(answered):7.3f} {percentile(answered, 0.99):7.3f} {max(answered):7.3f}"
                   if answered else f"{'-':>7} {'-':>7} {'-':>7}")
        print(f"{name:42} {len(answered):>4}/{args.count:<4} {figures}")
    print()
    _, answered, missing = runs[1]
    verdicts = [at_most("product: unanswered", missing, 0),
                at_most("product: slowest answer", round(max(answered), 3) if answered else float("inf"),
                        TARGET_MAX_S, " s")]
    for verdict in verdicts:
        print(verdict.text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
