import sqlite3
import threading
import time

import pytest
from store_helpers import FakeClock, accept

from pos_app.store import SCHEMA_VERSION, SchemaTooNew, Store, StoreError
from pos_app.store import db as dbmod
from pos_app.store.schema import MIGRATIONS

EXPECTED_PRAGMAS = {"journal_mode": "wal", "synchronous": 2, "busy_timeout": 5000, "foreign_keys": 1}


@pytest.fixture
def path(tmp_path):
    return tmp_path / "store.sqlite3"


def test_every_connection_gets_the_pragmas(path):
    first = Store.open(path)
    second = Store.open(path)
    raw = dbmod.connect(path)
    try:
        for db in (first.db, second.db, raw):
            assert dbmod.pragmas(db) == EXPECTED_PRAGMAS  # synchronous 2 is FULL
            assert db.conn.isolation_level is None
    finally:
        first.close()
        second.close()
        raw.close()


def test_memory_databases_are_refused():
    with pytest.raises(StoreError):
        dbmod.connect(":memory:")


def test_writes_start_with_begin_immediate(path):
    store = Store.open(path)
    statements = []
    store.db.conn.set_trace_callback(statements.append)
    accept(store, "o1")
    store.close()
    assert statements[0] == "BEGIN IMMEDIATE"
    assert statements[-1] == "COMMIT"


def test_the_write_lock_is_taken_at_begin_not_at_the_first_write(path):
    store = Store.open(path)
    other = dbmod.connect(path)
    other.conn.execute("PRAGMA busy_timeout = 0")
    try:
        with store.write():
            with pytest.raises(sqlite3.OperationalError, match="locked"):
                other.conn.execute("BEGIN IMMEDIATE")
    finally:
        store.close()
        other.close()


def test_a_second_writer_waits_for_the_first_instead_of_failing(path):
    Store.open(path).close()
    holding = threading.Event()

    def hold_the_write_lock():
        store = Store.open(path)
        with store.write():
            holding.set()
            time.sleep(0.5)
        store.close()

    holder = threading.Thread(target=hold_the_write_lock)
    holder.start()
    holding.wait(5)
    store = Store.open(path)
    started = time.monotonic()
    assert accept(store, "o1").created
    waited = time.monotonic() - started
    holder.join()
    store.close()
    assert waited >= 0.3


def test_concurrent_accepts_on_separate_connections_all_commit(path):
    Store.open(path).close()
    errors = []

    def till(prefix):
        store = Store.open(path)
        try:
            for n in range(25):
                accept(store, f"{prefix}-{n}")
                store.due()  # a read between writes: the pattern that deadlocks under plain BEGIN
        except Exception as exc:
            errors.append(exc)
        finally:
            store.close()

    threads = [threading.Thread(target=till, args=(f"t{i}",)) for i in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    with Store.open(path) as store:
        assert store.pending_count() == 100


def test_a_store_is_confined_to_the_thread_that_opened_it(path):
    store = Store.open(path)
    caught = []

    def use_it_from_another_thread():
        try:
            store.due()
        except sqlite3.ProgrammingError as exc:
            caught.append(exc)

    thread = threading.Thread(target=use_it_from_another_thread)
    thread.start()
    thread.join()
    store.close()
    assert len(caught) == 1


def test_an_empty_database_migrates_to_the_latest_version(path):
    db = dbmod.connect(path)
    assert dbmod.schema_version(db) == 0
    assert dbmod.migrate(db) == SCHEMA_VERSION == len(MIGRATIONS) == 8
    assert {"orders", "outbox", "refunds", "transactions", "audit_log", "cache", "balances", "settings",
            "holds", "order_lines", "refund_lines", "archives"} <= set(db.table_names())
    assert "failed_items" in db.view_names()
    assert dbmod.migrate(db) == SCHEMA_VERSION  # again: nothing to do
    db.close()


def test_a_version_1_database_migrates_and_keeps_its_orders(path):
    db = dbmod.connect(path)
    assert dbmod.migrate(db, target=1) == 1
    assert "holds" not in db.table_names()
    db.execute(
        "INSERT INTO orders (order_id, customer_id, order_date, total_paid, currency, created_at, state,"
        " body_sha256) VALUES ('old', 'c', '2024-01-01T00:00:00.000Z', '5.00', 'USD', 1, 'queued', 'x')"
    )
    db.execute(
        "INSERT INTO outbox (kind, ref_id, body, body_sha256, state, created_at, next_attempt_at)"
        " VALUES ('order', 'old', X'7B7D', 'x', 'queued', 1, 1)"
    )
    db.close()
    with Store.open(path, clock=FakeClock()) as store:
        assert store.schema_version() == SCHEMA_VERSION
        assert store.get_order("old").total_paid == 5
        assert [item.ref_id for item in store.due()] == ["old"]
        assert store.failed_list() == []


def test_a_version_2_database_migrates_and_keeps_its_orders_refunds_and_holds(path):
    db = dbmod.connect(path)
    assert dbmod.migrate(db, target=2) == 2
    assert "order_lines" not in db.table_names()
    db.execute(
        "INSERT INTO orders (order_id, customer_id, order_date, total_paid, currency, created_at, state,"
        " body_sha256) VALUES ('old', 'c', '2024-01-01T00:00:00.000Z', '5.00', 'USD', 1, 'delivered', 'x')"
    )
    db.execute("INSERT INTO refunds (refund_id, order_id, body_sha256, refund_amount, state, created_at)"
               " VALUES ('old-R1', 'old', 'y', '2.00', 'queued', 2)")
    db.execute("INSERT INTO holds (hold_reference, customer_id, points, created_at) VALUES ('h1', 'c', 100, 3)")
    db.close()
    with Store.open(path, clock=FakeClock()) as store:
        assert store.schema_version() == SCHEMA_VERSION == 8
        old = store.get_order("old")
        assert old.lines == ()  # sold before v3: it can only be returned whole
        assert [r.refund_id for r in old.refunds] == ["old-R1"] and store.refundable("old") == 3
        assert [h.hold_reference for h in store.active_holds_older_than(0)] == ["h1"]
        assert store.integrity_check() == []


def test_a_failing_migration_leaves_the_database_untouched(path, monkeypatch):
    def broken(db):
        raise RuntimeError("step 2 failed")

    monkeypatch.setattr(dbmod, "MIGRATIONS", (MIGRATIONS[0], broken))
    db = dbmod.connect(path)
    with pytest.raises(RuntimeError):
        dbmod.migrate(db, target=2)
    assert dbmod.schema_version(db) == 0
    assert db.table_names() == []
    db.close()


def test_a_database_from_a_newer_program_is_refused(path):
    db = dbmod.connect(path)
    db.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    db.close()
    with pytest.raises(SchemaTooNew):
        Store.open(path)


def test_integrity_check_reports_a_healthy_file(path):
    with Store.open(path) as store:
        accept(store, "o1")
        assert store.integrity_check() == []


def test_a_nested_write_joins_the_outer_transaction(path):
    with Store.open(path) as store:
        with pytest.raises(RuntimeError):
            with store.write():
                accept(store, "o1")
                raise RuntimeError("after the order, inside the caller's transaction")
        assert store.get_order("o1") is None


def test_writers_in_one_process_are_served_in_arrival_order():
    lock = dbmod.WriterLock()
    assert lock.acquire(1)
    order = []
    started = []

    def writer(name):
        started.append(name)
        assert lock.acquire(5)
        order.append(name)
        lock.release()

    threads = []
    for name in ("sale", "engine"):
        thread = threading.Thread(target=writer, args=(name,))
        thread.start()
        threads.append(thread)
        while len(started) < len(threads) or len(lock._waiters) < len(threads):
            time.sleep(0.001)
    lock.release()  # the holder lets go: the first waiter gets the lock, not whoever asks next
    for thread in threads:
        thread.join(5)
    assert order == ["sale", "engine"]
    assert lock.acquire(0.01)
    assert not dbmod.WriterLock.acquire(lock, 0.01)  # held: a bounded wait gives up


def _synchronous_at_commit(store, write):
    """The synchronous level each COMMIT ran under, read from the statements the connection ran."""
    statements = []
    store.db.conn.set_trace_callback(statements.append)
    write()
    store.db.conn.set_trace_callback(None)
    level, levels = "FULL", []
    for statement in statements:
        if statement.startswith("PRAGMA synchronous = "):
            level = statement.rsplit(" ", 1)[1]
        elif statement == "COMMIT":
            levels.append(level)
    return levels


def test_orders_and_refunds_commit_durably_deliveries_and_history_without_waiting_for_the_disk(path):
    with Store.open(path) as store:
        assert _synchronous_at_commit(store, lambda: accept(store, "o1")) == ["FULL"]
        item = store.due()[0]
        assert _synchronous_at_commit(store, lambda: store.mark_sending([item.id])) == ["FULL"]
        assert _synchronous_at_commit(store, lambda: store.mark_delivered(item.id, {"ok": True})) == ["NORMAL"]
        assert _synchronous_at_commit(store, lambda: store.store_transactions("o1", [], False)) == ["NORMAL"]
        assert _synchronous_at_commit(store, lambda: store.mark_history_synced("o1", True)) == ["NORMAL"]
        assert dbmod.pragmas(store.db) == EXPECTED_PRAGMAS  # FULL again for the next sale
        assert store.get_order("o1").state.value == "delivered"


def test_a_write_that_need_not_wait_for_the_disk_restores_full_when_it_fails(path):
    with Store.open(path) as store:
        with pytest.raises(StoreError, match="durable write cannot join"):
            with store.write(durable=False):
                accept(store, "o1")  # a sale is never committed without waiting for the disk
        with pytest.raises(RuntimeError, match="rolled back"):
            with store.write(durable=False):
                store.db.conn.execute("INSERT INTO settings (key, value) VALUES ('k', '1')")
                raise RuntimeError("rolled back")
        assert dbmod.pragmas(store.db) == EXPECTED_PRAGMAS
        assert store.get_order("o1") is None
        assert store.db.conn.execute("SELECT COUNT(*) FROM settings").fetchone()[0] == 0


def test_the_engine_checkpoints_the_wal_outside_the_writer_lock_every_so_many_relaxed_commits(path):
    with Store.open(path) as store:
        accept(store, "o1")
        lock = store.db.writer_lock
        checkpoints = []

        def seen(statement):
            if statement.startswith("PRAGMA wal_checkpoint"):
                checkpoints.append(lock._held)

        store.db.conn.set_trace_callback(seen)
        for _ in range(dbmod.CHECKPOINT_EVERY - 1):
            store.mark_history_synced("o1", False)
        assert checkpoints == []
        store.mark_history_synced("o1", False)
        store.db.conn.set_trace_callback(None)
        assert checkpoints == [False]  # once, and with the writer lock free: sales commit meanwhile
        busy, frames, copied = store.db.conn.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchone()
        assert busy == 0 and frames == copied
