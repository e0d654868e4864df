"""Start a real pos-app process, wait until its log says it is up, SIGTERM it: its exit code and console."""

import os
import signal
import subprocess
import time
from pathlib import Path

from reliability_harness import READY_TIMEOUT

from pos_app.sandbox import DEMO_API_KEY, DEMO_SECRET_KEY

# What CPython and Qt print when teardown goes wrong, even if the exit code were somehow 0.
FATAL_MARKS = ("Fatal Python error", "bool_dealloc", "Segmentation fault", "Traceback", "QThread: Destroyed")


def environment() -> dict[str, str]:
    env = dict(os.environ)
    env.update({"QT_QPA_PLATFORM": "offscreen", "PYTHONUNBUFFERED": "1",
                "PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring",
                "GAMEBALL_API_KEY": DEMO_API_KEY, "GAMEBALL_SECRET_KEY": DEMO_SECRET_KEY,
                "POS_APP_BRIDGE_TOKEN": "clean-exit-bridge-token-0123456789"})
    return env


def log_text(data_dir: Path) -> str:
    """Every log file of the data directory (none before the first start)."""
    return "".join(p.read_text("utf-8", "replace") for p in sorted((data_dir / "logs").glob("*.log*")))


def start_and_stop(command: list[str], data_dir: Path, ready_mark: str) -> tuple[int, str]:
    """Run `command` until `ready_mark` is in its log, SIGTERM it, and return (exit code, console output)."""
    before = log_text(data_dir).count(ready_mark)
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                               env=environment())
    try:
        deadline = time.monotonic() + READY_TIMEOUT
        while log_text(data_dir).count(ready_mark) <= before:
            if process.poll() is not None or time.monotonic() > deadline:
                process.kill()
                output = process.communicate()[0].decode("utf-8", "replace")
                raise AssertionError(f"never ready (exit {process.returncode}):\n{output}")
            time.sleep(0.05)
        process.send_signal(signal.SIGTERM)
        output = process.communicate(timeout=30)[0].decode("utf-8", "replace")
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
    return process.returncode, output
