"""Schema v5 (WITHOUT ROWID orders, fewer indexes, outbox ids by high-water mark) and v6 (a points debit and a
coupon burn per order) on a database that schema version 3's own code wrote, with items in every state
(tests/fixtures/make_v3_store.py made it)."""

import shutil
import sqlite3
from pathlib import Path

import pytest

from pos_app.store import db as dbmod
from pos_app.store.errors import OrderConflict
from pos_app.store.records import DebitKind, State
from pos_app.store.store import Store

FIXTURE = Path(__file__).parent.parent / "fixtures" / "v3_every_state.sqlite3"
TABLES = ["orders", "order_lines", "outbox", "refunds", "refund_lines", "holds", "transactions", "audit_log",
          "cache", "balances", "settings"]


def columns(path):
    conn = sqlite3.connect(path)
    try:
        return {t: [r[1] for r in conn.execute(f"PRAGMA table_info({t})")] for t in TABLES}
    finally:
        conn.close()


def snapshot(path, only=None):
    """Every row of every table (only the columns in `only`, per table, when given), views and triggers."""
    conn = sqlite3.connect(path)
    conn.row_factory = sqlite3.Row
    only = only or columns(path)
    try:
        tables = {t: sorted(repr(sorted(dict(r).items())) for r in conn.execute(
            f"SELECT {', '.join(only[t])} FROM {t}")) for t in TABLES}
        objects = {(r[0], r[1]) for r in conn.execute(
            "SELECT type, name FROM sqlite_master WHERE type IN ('view', 'trigger')")}
        return tables, objects
    finally:
        conn.close()


@pytest.fixture
def v3(tmp_path):
    path = tmp_path / "store.sqlite3"
    shutil.copy(FIXTURE, path)
    return path


def test_v4_keeps_every_row_view_and_trigger_of_a_v3_database(v3):
    v3_columns = columns(v3)
    before_rows, before_objects = snapshot(v3)
    assert len(before_rows["outbox"]) == 9
    with Store.open(v3) as store:
        assert store.schema_version() == dbmod.SCHEMA_VERSION == 8
        assert dbmod.integrity_check(store.db) == []
    # Every v3 row and column is still there (v4 added columns of its own), and every view and trigger.
    after_rows, after_objects = snapshot(v3, only=v3_columns)
    assert after_rows == before_rows
    assert before_objects | {("trigger", "outbox_ids_never_reused"), ("trigger", "outbox_resend_body_frozen"),
                             ("trigger", "debits_body_frozen")} == after_objects
    conn = sqlite3.connect(v3)
    sql = dict(conn.execute("SELECT name, sql FROM sqlite_master WHERE type = 'table'").fetchall())
    conn.close()
    assert "WITHOUT ROWID" in sql["orders"] and "WITHOUT ROWID" in sql["order_lines"]
    assert "AUTOINCREMENT" not in sql["outbox"]


def test_every_queue_still_works_after_the_migration(v3):
    with Store.open(v3, clock=lambda: 1_800_000_000.0) as store:
        assert store.recover_after_restart() == 1  # the v3 'sending' item comes back as maybe-applied
        due = store.due()
        # FIFO as before: the queued orders, then the refund of the delivered order; never a failed one.
        assert [i.ref_id for i in due] == ["V3-queued", "V3-sending", "V3-retry", "V3-refunded-R1"]
        assert {f.ref_id for f in store.failed_list()} == {"V3-failed", "V3-failed-R1"}
        assert store.get_order("V3-discarded").state is State.DISCARDED
        assert len(store.get_order("V3-refunded").lines) == 2
        assert store.refundable("V3-refunded") == 9
        store.requeue_failed(4, "fixed the data", actor="manager")  # item 4 is the failed order
        assert store.get_order("V3-failed").state is State.QUEUED
        accepted = store.accept_order("NEW-1", b'{"x": 1}', "C9", "2024-06-01T10:00:00.000Z", "3.00", "USD")
        assert accepted.created and store.list_items()[-1].id == 10  # after v3's AUTOINCREMENT high-water mark


def test_outbox_ids_are_never_reused_after_rows_are_removed(v3):
    with Store.open(v3) as store:
        with store.write():
            # What retention does to the newest rows: remove them (the refund, then its order's dependants).
            store.db.conn.execute("DELETE FROM refund_lines")
            store.db.conn.execute("DELETE FROM outbox WHERE id >= 8")
        store.accept_order("NEW-2", b'{"x": 2}', "C9", "2024-06-01T10:00:00.000Z", "3.00", "USD")
        assert store.list_items()[-1].id == 10
        with store.write():
            store.db.conn.execute("DELETE FROM outbox WHERE id = 10")
        store.accept_order("NEW-3", b'{"x": 3}', "C9", "2024-06-01T10:00:00.000Z", "3.00", "USD")
        assert store.list_items()[-1].id == 11


def test_a_conflicting_repeat_still_writes_nothing(v3):
    with Store.open(v3) as store:
        store.accept_order("NEW-4", b'{"x": 4}', "C9", "2024-06-01T10:00:00.000Z", "3.00", "USD")
        before = snapshot(v3)
        with pytest.raises(OrderConflict):
            store.accept_order("NEW-4", b'{"x": 5}', "C9", "2024-06-01T10:00:00.000Z", "3.00", "USD")
        assert not store.accept_order("NEW-4", b'{"x": 4}', "C9", "2024-06-01T10:00:00.000Z", "3.00",
                                      "USD").created
        assert snapshot(v3) == before


def test_v6_keeps_a_v5_debit_as_the_orders_points_debit(v3):
    database = dbmod.connect(v3)
    try:
        dbmod.migrate(database, 5)
        with dbmod.write(database):
            database.conn.execute("INSERT INTO debits (order_id, body, points, state, created_at)"
                                  " VALUES ('V3-queued', x'7b7d', 100, 'refused', 1.0)")
    finally:
        database.conn.close()
    with Store.open(v3) as store:
        [kept] = store.refused_debits()
        assert (kept.order_id, kept.kind, kept.points, kept.body) == ("V3-queued", DebitKind.POINTS, 100, b"{}")
        assert store.debit_of("V3-queued", DebitKind.COUPON) is None
        with pytest.raises(sqlite3.IntegrityError):  # still frozen once queued
            with store.write():
                store.db.conn.execute("UPDATE debits SET body = x'00' WHERE order_id = 'V3-queued'")
