"""`pos-app sandbox`: the emulator alone, serving until SIGINT or SIGTERM."""

from __future__ import annotations

import logging
import signal
import threading
from types import FrameType

from pos_app.sandbox.demo import DEMO_API_KEY, DEMO_SECRET_KEY, load_customers
from pos_app.sandbox.server import Sandbox

logger = logging.getLogger(__name__)


def run_sandbox_cli(port: int, demo: bool, time_scale: float = 1.0, api_key: str = DEMO_API_KEY,
                    secret_key: str = DEMO_SECRET_KEY) -> int:
    """Serve until interrupted; returns the process exit code. Must run on the main thread (signals)."""
    sandbox = Sandbox(port=port, api_key=api_key, secret_key=secret_key, time_scale=time_scale, demo=demo)
    try:
        sandbox.start()
    except OSError as error:
        print(f"cannot listen on 127.0.0.1:{port}: {error.strerror or error}")
        return 2
    done = threading.Event()

    def on_signal(number: int, frame: FrameType | None) -> None:
        done.set()

    previous = {sig: signal.signal(sig, on_signal) for sig in (signal.SIGINT, signal.SIGTERM)}
    print(f"Gameball v4.0 sandbox on {sandbox.url}  (API base: {sandbox.url}/api/v4.0/integrations)")
    # Only the well-known demo keys are printed: keys someone chose stay out of the terminal history.
    print(f"API key:    {api_key if api_key == DEMO_API_KEY else '(as given)'}")
    print(f"Secret key: {secret_key if secret_key == DEMO_SECRET_KEY else '(as given)'}")
    if demo:
        print("Demo customers: " + ", ".join(c["customerId"] for c in load_customers()))
    if time_scale != 1.0:
        print(f"Time runs {time_scale:g}x faster (rate limits, holds, batches)")
    print("Control: GET /_sandbox/stats, POST /_sandbox/faults, POST /_sandbox/reset. Ctrl+C stops.")
    try:
        while not done.wait(0.5):  # a timed wait keeps Ctrl+C responsive on Windows
            pass
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
        sandbox.stop()
    print("sandbox stopped")
    return 0
