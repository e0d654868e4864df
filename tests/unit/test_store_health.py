"""Issue 13 (1, 2, 3) at the store: a lost database is refused, damage and a full disk are told apart, a
damaged file still gives up its readable orders, and logging that cannot write does not flood stderr."""

import csv
import logging
import os
import sqlite3

import pytest
from store_helpers import order_body

from pos_app.config import logs
from pos_app.domain.storage import StorageState
from pos_app.store import Store
from pos_app.store.db import DB_FILENAME
from pos_app.store.health import DatabaseLost, StorageFailure, marker_path, state_of


def _accept(store, count, start=0):
    for number in range(start, start + count):
        store.accept_order(f"O-{number}", order_body(f"O-{number}"), "cust_1", "2024-10-16T08:13:29.290Z",
                           "250.75", "USD")


def _used_dir(tmp_path, orders=3):
    with Store.open_in(tmp_path) as store:
        _accept(store, orders)
    return tmp_path / DB_FILENAME


def test_the_first_schema_marks_the_directory_and_a_new_directory_starts_fresh(tmp_path):
    database = tmp_path / DB_FILENAME
    assert not marker_path(database).exists()
    with Store.open_in(tmp_path) as store:
        assert store.pending_count() == 0
    assert marker_path(database).exists()


@pytest.mark.parametrize("loss", ["empty", "missing", "no schema"])
def test_a_used_directory_whose_database_lost_its_contents_is_refused(tmp_path, loss):
    database = _used_dir(tmp_path)
    for extra in tmp_path.glob(f"{DB_FILENAME}-*"):
        extra.unlink()
    if loss == "empty":
        database.write_bytes(b"")
    elif loss == "missing":
        database.unlink()
    else:
        database.unlink()
        sqlite3.connect(database).execute("CREATE TABLE unrelated (x)").connection.close()
    with pytest.raises(DatabaseLost) as refused:
        Store.open_in(tmp_path)
    message = str(refused.value)
    assert str(database) in message and str(marker_path(database)) in message and "backup" in message
    assert not database.exists() or loss != "missing"  # refusing created nothing
    marker_path(database).unlink()  # the documented way to start again on purpose
    with Store.open_in(tmp_path) as store:
        assert store.pending_count() == 0


def test_a_file_that_is_not_a_database_is_one_sentence_naming_it(tmp_path):
    database = tmp_path / DB_FILENAME
    database.write_bytes(os.urandom(8192))
    with pytest.raises(StorageFailure) as refused:
        Store.open_in(tmp_path)
    assert refused.value.state is StorageState.DAMAGED
    assert str(refused.value).startswith(f"cannot use the database {database}: ")
    assert "\n" not in str(refused.value)


def _corrupt_a_leaf_of(database, table):
    connection = sqlite3.connect(database)
    pages = [row[0] for row in connection.execute(
        "SELECT pageno FROM dbstat WHERE name = ? AND pagetype = 'leaf' ORDER BY pageno", [table])]
    page_size = connection.execute("PRAGMA page_size").fetchone()[0]
    connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    connection.close()
    victim = pages[len(pages) // 2]
    with open(database, "r+b") as handle:
        handle.seek((victim - 1) * page_size)
        handle.write(b"\xa5" * page_size)
    return victim


def test_quick_check_finds_a_corrupt_page_and_the_export_salvages_the_rest(tmp_path):
    database = _used_dir(tmp_path, orders=300)
    _corrupt_a_leaf_of(database, "outbox")
    target = tmp_path / "salvage.csv"
    with Store.open_in(tmp_path) as store:
        assert store.quick_check()
        with pytest.raises(sqlite3.DatabaseError) as broken:
            store.export_outbox_csv(target)
        assert state_of(broken.value) is StorageState.DAMAGED
        written, lost = store.salvage_outbox_csv(target)
    rows = list(csv.DictReader(target.open(encoding="utf-8-sig")))
    assert written == len(rows) and 0 < lost < 300 and written + lost == 300
    assert {row["ref_id"] for row in rows} < {f"O-{n}" for n in range(300)}


def test_a_full_database_is_told_apart_from_damage_and_from_locked(tmp_path):
    _used_dir(tmp_path)
    with Store.open_in(tmp_path) as store:
        pages = store.db.conn.execute("PRAGMA page_count").fetchone()[0]
        store.db.conn.execute(f"PRAGMA max_page_count = {pages}")
        with pytest.raises(sqlite3.DatabaseError) as full:
            _accept(store, 200, start=100)
        assert state_of(full.value) is StorageState.FULL
        assert store.pending_count() >= 3  # nothing acknowledged before is lost
    assert state_of(sqlite3.OperationalError("database is locked")) is None
    assert state_of(sqlite3.DatabaseError("database disk image is malformed")) is StorageState.DAMAGED
    assert state_of(ValueError("disk is full")) is None


def test_a_log_that_cannot_write_says_so_once(tmp_path, capsys):
    path = logs.setup_logging(tmp_path, logging.INFO, console=False)
    root = logging.getLogger()
    handler = next(h for h in root.handlers if getattr(h, "_pos_app", False))
    try:
        handler.stream.close()
        handler.stream = open(os.devnull, "w")  # noqa: SIM115 - replaced by one that fails
        handler.stream.close()
        for number in range(50):
            logging.getLogger("pos_app.test").warning("line %d", number)
        errors = capsys.readouterr().err
        assert errors.count("cannot write the log") == 1 and "Traceback" not in errors
        handler.stream = open(path, "a", encoding="utf-8")  # noqa: SIM115 - closed by the handler
        logging.getLogger("pos_app.test").warning("written again")
        logging.getLogger("pos_app.test").warning("and again")
        assert capsys.readouterr().err == ""
        assert "written again" in path.read_text(encoding="utf-8")
    finally:
        root.removeHandler(handler)
        handler.close()
