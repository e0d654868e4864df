import os
import subprocess
import sys
from pathlib import Path

import pytest

from pos_app.store import SenderLock

REPO = Path(__file__).resolve().parents[2]

HOLDER = """
import sys, time
from pos_app.store import SenderLock
lock = SenderLock(sys.argv[1])
print("held" if lock.acquire() else "refused", flush=True)
time.sleep(60)
"""


def test_only_one_sender_per_data_directory(tmp_path):
    first, second = SenderLock(tmp_path), SenderLock(tmp_path)
    assert first.acquire() and first.held
    assert first.acquire()  # acquiring again in the holder is a no-op
    assert not second.acquire()
    assert second.holder_pid() == os.getpid()
    first.release()
    assert not first.held
    assert second.acquire()
    second.release()


@pytest.mark.skipif(sys.platform == "win32", reason="uses SIGKILL")
def test_the_lock_is_released_when_the_holder_is_killed(tmp_path):
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(REPO), os.environ.get("PYTHONPATH", "")])}
    child = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(tmp_path)], stdout=subprocess.PIPE, text=True, env=env
    )
    try:
        assert child.stdout.readline().strip() == "held"
        lock = SenderLock(tmp_path)
        assert not lock.acquire()
        assert lock.holder_pid() == child.pid
    finally:
        child.kill()
        child.wait(10)
        child.stdout.close()
    assert lock.acquire()
    assert lock.holder_pid() == os.getpid()
    lock.release()
