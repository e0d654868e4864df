"""Files are private on POSIX (issue 13.7): the data directory 0700, everything the terminal writes in it
0600, also under umask 000. The real headless process is checked in tests/reliability/test_bridge_attacks.py."""

import logging
import os
import stat
import sys

import pytest

from pos_app.config.logs import setup_logging
from pos_app.config.paths import resolve_data_dir
from pos_app.crash import CrashReporter
from pos_app.store.lock import SenderLock
from pos_app.store.store import Store

pytestmark = pytest.mark.skipif(os.name != "posix", reason="POSIX modes; Windows access rules are the installer's")


def mode(path):
    return stat.S_IMODE(os.stat(path).st_mode)


@pytest.fixture
def umask_000():
    previous = os.umask(0)
    yield
    os.umask(previous)


def test_everything_in_the_data_directory_is_private_under_umask_000(tmp_path, umask_000):
    data_dir = resolve_data_dir(tmp_path / "new" / "pos-data")
    assert mode(data_dir) == 0o700
    store = Store.open_in(data_dir, terminal_id="T1")
    try:
        store.db.execute("CREATE TABLE IF NOT EXISTS probe (x)")
        database = data_dir / "pos-app.sqlite3"
        files = [database, database.with_name(database.name + "-wal"), database.with_name(database.name + "-shm")]
        assert all(path.exists() for path in files)
        assert {path.name: mode(path) for path in files} == {path.name: 0o600 for path in files}
    finally:
        store.close()
    lock = SenderLock(data_dir)
    assert lock.acquire()
    try:
        assert mode(lock.path) == 0o600
    finally:
        lock.release()


def test_logs_are_private_after_rotation_too(tmp_path, umask_000):
    root_handlers = list(logging.getLogger().handlers)
    path = setup_logging(tmp_path, console=False)
    try:
        logging.getLogger(__name__).warning("a line")
        assert mode(path.parent) == 0o700 and mode(path) == 0o600
        handler = next(h for h in logging.getLogger().handlers if getattr(h, "_pos_app", False))
        handler.doRollover()
        logging.getLogger(__name__).warning("another line")
        assert mode(path) == 0o600 and mode(path.with_name(path.name + ".1")) == 0o600
    finally:
        for handler in list(logging.getLogger().handlers):
            if handler not in root_handlers:
                logging.getLogger().removeHandler(handler)
                handler.close()


def test_a_file_left_world_readable_by_an_older_version_is_tightened(tmp_path):
    data_dir = resolve_data_dir(tmp_path)
    database = data_dir / "pos-app.sqlite3"
    database.touch(mode=0o666)
    os.chmod(database, 0o666)
    Store.open_in(data_dir).close()
    assert mode(database) == 0o600


def test_crash_reports_are_private(tmp_path, umask_000):
    try:
        raise RuntimeError("boom")
    except RuntimeError as error:
        path = CrashReporter(tmp_path).report(RuntimeError, error, error.__traceback__, "main")
    assert path is not None and mode(path) == 0o600 and mode(path.parent) == 0o700
    assert sys.exc_info() == (None, None, None)
