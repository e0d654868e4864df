"""The windowed exe says why it did not start, and a second start brings the running till forward
(issue 18.3): real processes with no stdout/stderr (tests/ui/gui_start.py), offscreen."""

import os
import secrets
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

HERE = Path(__file__).parent
DRIVER = HERE / "gui_start.py"


def _env():
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "GAMEBALL_API_KEY": "ak-test",
           "GAMEBALL_SECRET_KEY": "sk-test", "POS_APP_BRIDGE_TOKEN": secrets.token_urlsafe(32)}
    env["PYTHONPATH"] = os.pathsep.join([str(HERE.parent.parent), env.get("PYTHONPATH", "")])
    return env


def _free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _args(data_dir, port):
    # Gameball on a closed loopback port: the till is offline at once, no network needed.
    return [sys.executable, str(DRIVER), "--data-dir", str(data_dir), "--bridge-port", str(port),
            "--api-base", "http://127.0.0.1:1"]


def _log(data_dir):
    files = sorted(Path(data_dir).rglob("pos-app.log"))
    return files[0].read_text(encoding="utf-8") if files else ""


def _wait_for_log(data_dir, text, process, timeout=30.0):
    """The other process's log is the only thing it can tell us through: read it until `text` appears."""
    deadline = time.monotonic() + timeout
    while text not in _log(data_dir):
        if process.poll() is not None:
            pytest.fail(f"the till ended ({process.returncode}) before logging {text!r}:\n{_log(data_dir)}")
        if time.monotonic() > deadline:
            pytest.fail(f"no {text!r} in the log within {timeout} s:\n{_log(data_dir)}")
        time.sleep(0.05)


def test_a_port_taken_by_another_till_is_explained_in_a_box_and_the_log(tmp_path):
    with socket.create_server(("127.0.0.1", 0)) as other_till:
        port = other_till.getsockname()[1]
        done = subprocess.run(_args(tmp_path, port), env=_env(), capture_output=True, text=True, timeout=60)
    assert done.returncode == 2
    assert f"BOX pos-app did not start: The till could not start: | cannot start the bridge on 127.0.0.1:{port}" \
        in done.stdout
    assert f"not started: cannot start the bridge on 127.0.0.1:{port}" in _log(tmp_path)


def test_a_second_start_brings_the_running_till_forward_and_exits(tmp_path):
    env = _env()
    first = subprocess.Popen(_args(tmp_path, _free_port()), env=env, stdout=subprocess.PIPE, text=True)
    try:
        _wait_for_log(tmp_path, "till window open", first)
        second = subprocess.run(_args(tmp_path, _free_port()), env=env, capture_output=True, text=True, timeout=60)
        assert second.returncode == 0 and "BOX" not in second.stdout
        _wait_for_log(tmp_path, "bringing the window forward", first)
        assert "a till is already running on" in _log(tmp_path)
        first.terminate()  # SIGTERM: the window closes cleanly
        assert first.wait(30) == 0
    finally:
        if first.poll() is None:
            first.kill()
            first.wait()
