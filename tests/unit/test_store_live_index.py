"""What the engine, the self-test and `outbox list` ask of the outbox reads only its live items (the partial index
outbox_live), never every delivered row of a year: each statement's plan searches the index, and none scans a table."""

import sqlite3

from store_helpers import FakeClock, order_body

from pos_app.store.store import Store


def plans_of(store, call):
    """The query plan of every statement `call` runs on the store's connection."""
    statements: list[str] = []
    store.db.conn.set_trace_callback(statements.append)
    try:
        call()
    finally:
        store.db.conn.set_trace_callback(None)
    probe = sqlite3.connect(store.path)
    try:
        return {sql: [row[3] for row in probe.execute(f"EXPLAIN QUERY PLAN {sql}")]
                for sql in statements if sql.lstrip().upper().startswith(("SELECT", "UPDATE"))}
    finally:
        probe.close()


def test_live_item_queries_search_the_live_index_instead_of_scanning_the_outbox(tmp_path):
    store = Store.open_in(tmp_path, clock=FakeClock())
    store.accept_order("O-1", order_body("O-1"), "cust_1", "2024-10-16T08:13:29.290Z", "250.75", "USD")
    calls = {"pending_count": store.pending_count, "failed_count": store.failed_count, "due": store.due,
             "next_due_time": store.next_due_time, "failed_list": store.failed_list,
             "recover_after_restart": store.recover_after_restart, "check_queue": store.check_queue,
             "live items": lambda: list(store.iter_items(["queued", "sending", "failed"])),
             "failed items": lambda: list(store.iter_items(["failed"]))}
    for name, call in calls.items():
        plans = plans_of(store, call)
        assert plans, name
        for sql, plan in plans.items():
            assert any("outbox_live" in step for step in plan), (name, sql, plan)
            assert not [step for step in plan if step.startswith("SCAN")], (name, sql, plan)
    store.close()
