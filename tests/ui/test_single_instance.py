"""The single-instance guard without QtNetwork: an OS file lock per data directory and a request file the running
window takes (the two-process case is tests/ui/test_windowed_start.py)."""

import subprocess
import sys

from pos_app.ui.single_instance import ACTIVATE_REQUEST, WINDOW_LOCK, SingleInstance

HOLD = "from pathlib import Path; import sys, time; from pos_app.file_lock import FileLock; " \
       "FileLock(Path(sys.argv[1])).acquire(); print('held', flush=True); time.sleep(60)"


def test_a_second_guard_asks_the_first_to_come_forward(qtbot, tmp_path):
    first = SingleInstance(tmp_path)
    assert first.claim()
    second = SingleInstance(tmp_path)
    with qtbot.waitSignal(first.activated, timeout=5000):
        # One thread here: the first cannot take the request while the second waits, so it waits only briefly.
        assert not second.claim(timeout_ms=50)
        assert (tmp_path / ACTIVATE_REQUEST).exists()
    assert not (tmp_path / ACTIVATE_REQUEST).exists()  # taken: one request brings the window forward once
    first.close()


def test_a_closed_guard_lets_the_next_start_be_the_till_and_clears_an_old_request(qtbot, tmp_path):
    first = SingleInstance(tmp_path)
    assert first.claim()
    first.close()
    (tmp_path / ACTIVATE_REQUEST).touch()  # left by a second start whose till had gone meanwhile
    again = SingleInstance(tmp_path)
    assert again.claim()
    assert not (tmp_path / ACTIVATE_REQUEST).exists()
    again.close()


def test_a_killed_till_leaves_no_stale_guard(qtbot, tmp_path):
    holder = subprocess.Popen([sys.executable, "-c", HOLD, str(tmp_path / WINDOW_LOCK)], stdout=subprocess.PIPE,
                              text=True)
    try:
        assert holder.stdout.readline().strip() == "held"
        assert not SingleInstance(tmp_path).claim(timeout_ms=50)  # alive: it is the till
        holder.kill()  # SIGKILL; TerminateProcess on Windows
        holder.wait(10)
        guard = SingleInstance(tmp_path)
        assert guard.claim()  # the OS dropped the dead till's lock
        guard.close()
    finally:
        if holder.poll() is None:
            holder.kill()
            holder.wait()
