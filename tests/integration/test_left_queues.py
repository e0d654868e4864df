"""A previous user's queue is sent from where it is, not merged, and never by two processes (issue 16.3).

Directories stand for two Windows users of one terminal: "machine" is %ProgramData%\\pos-app (in use), "b" the
per-user directory another account left orders in.
"""

import os
import subprocess
import sys

import pytest
from engine_helpers import make_terminal, order_state, sell
from sandbox_helpers import wait_until

from pos_app.store.lock import SenderLock
from pos_app.store.store import Store

HOLD = "import sys, time; from pos_app.store.lock import SenderLock; " \
       "SenderLock(sys.argv[1]).acquire(); print('held', flush=True); time.sleep(60)"


@pytest.fixture
def left(tmp_path, sandbox):
    """User b's per-user directory with three orders queued and never sent (b has not logged in since)."""
    directory = tmp_path / "Users" / "b" / "pos-app"
    runtime = make_terminal(directory, sandbox, terminal_id="T-B")
    orders = [sell(runtime) for _ in range(3)]
    runtime.stop()
    return directory, orders


def _state(directory, order_id):
    with Store.open_in(directory) as store:
        record = store.get_order(order_id)
        return record.state.value if record else "unknown"


def _audit_entries(data_dir):
    with Store.open_in(data_dir) as store:
        return store.audit_entries()


def _audit(data_dir):
    return {entry.action: entry.detail for entry in _audit_entries(data_dir)}


def test_a_previous_users_queue_is_sent_from_where_it_is_after_the_terminals_own(tmp_path, sandbox, left):
    directory, orders = left
    main = make_terminal(tmp_path / "machine", sandbox, left_dirs=[directory])
    sandbox.faults.refuse()  # Gameball out of reach: the terminal's own sale waits
    try:
        main.start()
        own = sell(main)
        wait_until(lambda: main.left_queues.waiting() == 3)
        assert _audit(main.data_dir)["left_queue.found"] == {"directory": str(directory), "waiting": 3, "failed": 0}
        assert not SenderLock(directory).held_elsewhere()  # not started while the terminal's own queue waits
        sandbox.faults.clear()
        wait_until(lambda: all(_state(directory, o) == "delivered" for o in orders), timeout=30)
        assert order_state(main, own) == "delivered"
        wait_until(lambda: main.left_queues.waiting() == 0 and "left_queue.drained" in _audit(main.data_dir))
        assert all(sandbox.order_report(o)["rewarded"] == 1 for o in orders)
        with Store.open_in(main.data_dir) as store:  # not merged: the machine's database never held them
            assert all(store.get_order(o) is None for o in orders)
        wait_until(lambda: not SenderLock(directory).held_elsewhere())  # ended by itself, lock released
    finally:
        assert main.stop()


def test_a_queue_another_process_sends_is_left_to_it(tmp_path, sandbox, left):
    directory, orders = left
    holder = subprocess.Popen([sys.executable, "-c", HOLD, str(directory)], stdout=subprocess.PIPE, text=True)
    main = make_terminal(tmp_path / "machine", sandbox, left_dirs=[directory])
    try:
        assert holder.stdout.readline().strip() == "held"  # a real second process is that queue's sender
        main.start()
        wait_until(lambda: "left_queue.elsewhere" in _audit(main.data_dir), timeout=30)
        assert main.left_queues.waiting() == 0  # that process shows and sends it
        assert not any(sandbox.order_report(o)["known"] for o in orders)
        assert all(_state(directory, o) == "queued" for o in orders)
    finally:
        assert main.stop()
        holder.kill()
        holder.wait()
    again = make_terminal(tmp_path / "machine", sandbox, left_dirs=[directory])  # the next start, lock free
    try:
        again.start()
        wait_until(lambda: all(_state(directory, o) == "delivered" for o in orders), timeout=30)
    finally:
        assert again.stop()


def test_empty_unreadable_or_damaged_directories_are_passed_over_for_the_next(tmp_path, sandbox, left):
    directory, orders = left
    empty, bare, damaged = (tmp_path / "Users" / name / "pos-app" for name in ("c", "d", "e"))
    make_terminal(empty, sandbox).stop()  # a database with nothing waiting
    bare.mkdir(parents=True)  # no database at all
    damaged.mkdir(parents=True)
    (damaged / "pos-app.sqlite3").write_bytes(os.urandom(8192))  # not a database any more
    main = make_terminal(tmp_path / "machine", sandbox, left_dirs=[empty, bare, damaged, directory])
    try:
        main.start()
        wait_until(lambda: all(_state(directory, o) == "delivered" for o in orders), timeout=30)
        wait_until(lambda: "left_queue.drained" in _audit(main.data_dir))
        found = [e.detail["directory"] for e in _audit_entries(main.data_dir) if e.action == "left_queue.found"]
        assert found == [str(directory)]
        assert not (bare / "pos-app.sqlite3").exists()  # nothing created there
    finally:
        assert main.stop()
