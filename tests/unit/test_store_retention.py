"""Retention (store/retention.py) on a database whose orders cross the return-period boundary."""

import gzip
import json
import threading
import time
from datetime import UTC, datetime, timedelta
from decimal import Decimal

from pos_app.domain.lineitems import LineItem
from pos_app.store.records import Delivery, ErrorInfo, State
from pos_app.store.store import Store

NOW = datetime(2026, 6, 1, 12, 0, tzinfo=UTC)
LINES = [LineItem("P1", Decimal(2), Decimal("5.00"), sku="S1", title="Tea")]


def sold(days_ago: float) -> str:
    return (NOW - timedelta(days=days_ago)).strftime("%Y-%m-%dT%H:%M:%S.000Z")


def accept(store, order_id, days_ago):
    store.accept_order(order_id, b'{"orderId": "%s"}' % order_id.encode(), "C1", sold(days_ago), "10.00", "USD",
                       mobile="+201001234567", lines=LINES)
    return store.list_items()[-1].id


def deliver(store, item_id):
    store.mark_sending([item_id])
    store.mark_delivered_many([Delivery(item_id, {"ok": True}, 10, 0)])


def test_only_orders_nothing_can_change_leave_and_each_is_archived_whole(tmp_path):
    store = Store.open_in(tmp_path / "data", clock=lambda: NOW.timestamp())
    old_done = accept(store, "OLD-DONE", 401)
    deliver(store, old_done)
    store.store_transactions("OLD-DONE", [{"gameballTransactionId": "gb-1", "transactionType": "PaymentReward",
                                           "equivalentPoints": "10"}], settled=True)
    deliver(store, accept(store, "OLD-REFUNDED", 402))
    store.accept_refund("OLD-REFUNDED-R1", "OLD-REFUNDED", b'{"r": 1}', "5.00",
                        lines=[LineItem("P1", Decimal(1), Decimal("5.00"))])
    deliver(store, store.list_items()[-1].id)
    deliver(store, accept(store, "OLD-REFUND-PENDING", 403))
    store.accept_refund("OLD-REFUND-PENDING-R1", "OLD-REFUND-PENDING", b'{"r": 2}', "1.00")
    accept(store, "OLD-QUEUED", 500)
    failed = accept(store, "OLD-FAILED", 450)
    store.mark_sending([failed])
    store.mark_failed(failed, ErrorInfo(error_class="failed", message="rejected", status=400))
    deliver(store, accept(store, "RECENT-DONE", 399))  # a return is still possible
    newest = store.list_items()[-1].id
    assert store.archives_between(sold(1000), sold(0)) == []

    result = store.archive_old_orders(400)

    assert result.orders == 2
    kept = {o.order_id for o in store.list_orders(limit=100)}
    assert kept == {"OLD-REFUND-PENDING", "OLD-QUEUED", "OLD-FAILED", "RECENT-DONE"}
    for table in ("order_lines", "transactions", "refunds", "refund_lines"):
        assert not store.db.conn.execute(
            f"SELECT 1 FROM {table} WHERE order_id IN ('OLD-DONE', 'OLD-REFUNDED')").fetchall()
    (archive,) = store.archives_between(sold(1000), sold(0))
    assert (archive.path, archive.orders, archive.cutoff) == (result.files[0], 2, sold(400))
    assert (archive.first_sold, archive.last_sold) == (sold(402), sold(401))
    assert (result.first_sold, result.last_sold) == (sold(402), sold(401))
    assert store.integrity_check() == []
    records = {}
    for path in result.files:
        with gzip.open(path, "rt") as handle:
            for line in handle:
                record = json.loads(line)
                records[record["order"]["order_id"]] = record
    assert set(records) == {"OLD-DONE", "OLD-REFUNDED"}
    assert records["OLD-DONE"]["transactions"][0]["gameball_transaction_id"] == "gb-1"
    assert records["OLD-DONE"]["lines"][0]["product_id"] == "P1"
    assert records["OLD-DONE"]["outbox"][0]["id"] == old_done
    assert records["OLD-REFUNDED"]["refunds"][0]["refund_id"] == "OLD-REFUNDED-R1"
    assert len(records["OLD-REFUNDED"]["outbox"]) == 2
    assert len(result.files) == 1 and result.files[0].parent == tmp_path / "data" / "archive"
    # Outbox ids go on from the highest ever given, whatever retention removed.
    accept(store, "NEXT", 0)
    assert store.list_items()[-1].id == newest + 1
    assert store.get_order("OLD-QUEUED").state is State.QUEUED
    assert store.audit_entries(action="orders.archived")[0].detail["orders"] == 2
    # Nothing more to do the second time.
    assert store.archive_old_orders(400).orders == 0
    store.close()


def test_outbox_listing_pages_through_every_item_in_fifo_order(tmp_path):
    store = Store.open_in(tmp_path / "data", clock=lambda: NOW.timestamp())
    for n in range(7):
        item = accept(store, f"O{n}", 1)
        if n % 3 == 0:
            deliver(store, item)
    assert [i.id for i in store.iter_items(page=2)] == [i.id for i in store.list_items()]
    assert [i.ref_id for i in store.iter_items(["queued"], page=2)] == ["O1", "O2", "O4", "O5"]
    store.close()


def test_a_run_appends_one_gzip_member_per_transaction_to_one_file(tmp_path, monkeypatch):
    monkeypatch.setattr("pos_app.store.retention.CHUNK", 2)
    store = Store.open_in(tmp_path / "data", clock=lambda: NOW.timestamp())
    for n in range(5):
        deliver(store, accept(store, f"OLD-{n}", 500 + n))
    result = store.archive_old_orders(400)
    assert result.orders == 5 and len(result.files) == 1
    with gzip.open(result.files[0], "rt") as handle:
        assert sorted(json.loads(line)["order"]["order_id"] for line in handle) == [f"OLD-{n}" for n in range(5)]
    assert len(store.audit_entries(action="orders.archived")) == 3
    store.close()


def test_the_engine_archives_at_start_on_its_own_thread(tmp_path):
    from pos_app.sync.engine import EngineOptions, SyncEngine

    data = tmp_path / "data"
    store = Store.open_in(data, clock=lambda: NOW.timestamp())
    deliver(store, accept(store, "OLD", 500))
    store.close()
    threads = []

    def store_factory():
        threads.append(threading.current_thread().name)
        return Store.open_in(data)

    engine = SyncEngine(store_factory, lambda: None, EngineOptions(return_period_days=400))
    statuses = []
    engine.add_status_listener(statuses.append)
    engine.start()
    try:
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline and not list((data / "archive").glob("*.jsonl.gz")):
            time.sleep(0.02)
    finally:
        engine.stop()
    assert "sync-engine" in threads and threading.main_thread().name not in threads
    with Store.open_in(data) as check:
        assert check.get_order("OLD") is None and len(check.archives_between(sold(1000), sold(0))) == 1


def test_the_boundary_an_order_sold_exactly_at_the_return_period_stays_one_a_day_older_leaves(tmp_path):
    store = Store.open_in(tmp_path / "data", clock=lambda: NOW.timestamp())
    deliver(store, accept(store, "AT-PERIOD", 400))
    deliver(store, accept(store, "DAY-OLDER", 401))
    accept(store, "OLD-PENDING", 700)
    failed = accept(store, "OLD-REVIEW", 600)  # failed as "needs review": a manager must look at it in Gameball
    store.mark_sending([failed])
    store.mark_failed(failed, ErrorInfo(error_class="failed", message="check it in Gameball", status=409))

    plan = store.archive_plan(400)
    assert (plan.orders, plan.first_sold, plan.last_sold, plan.kept) == (1, sold(401), sold(401), 2)
    assert plan.cutoff == sold(400) and store.get_order("DAY-OLDER") is not None  # the plan writes nothing

    result = store.archive_old_orders(400)

    assert result.orders == 1
    assert {o.order_id for o in store.list_orders(limit=10)} == {"AT-PERIOD", "OLD-PENDING", "OLD-REVIEW"}
    assert store.archive_plan(400).orders == 0
    store.close()


def test_archives_between_names_only_the_files_holding_orders_of_the_range(tmp_path):
    clock = [NOW.timestamp()]
    store = Store.open_in(tmp_path / "data", clock=lambda: clock[0])
    deliver(store, accept(store, "A", 405))
    first = store.archive_old_orders(400).files[0]
    clock[0] += 2 * 86_400 + 1  # two days later: the next run archives what the period left since, to its own file
    deliver(store, accept(store, "B", 401))
    second = store.archive_old_orders(400).files[0]
    assert first != second

    def names(start_days_ago, end_days_ago):
        return [a.path for a in store.archives_between(sold(start_days_ago), sold(end_days_ago))]

    assert names(406, 0) == [first, second]
    assert names(405, 404.5) == [first]  # the range starts exactly at A's sale
    assert names(404.9, 401.1) == []  # between the two: nothing of it left the database
    assert names(401, 400) == [second]
    assert names(410, 405) == []  # ends exactly at A's sale: [start, end) does not hold it
    store.close()


def test_the_engine_archives_again_a_day_after_its_last_run(tmp_path):
    from pos_app.sync.engine import EngineOptions, SyncEngine

    now = [0.0]
    engine = SyncEngine(lambda: None, lambda: None, EngineOptions(return_period_days=400), clock=lambda: now[0])
    runs = []

    class Store_:
        def archive_old_orders(self, days):
            runs.append(days)

    engine._retain(Store_())
    engine._retain(Store_())
    now[0] += 86_399
    engine._retain(Store_())
    assert runs == [400]
    now[0] += 1
    engine._retain(Store_())
    assert runs == [400, 400]


def test_an_order_whose_expired_hold_was_debited_leaves_with_its_debit_one_owed_or_refused_stays(tmp_path):
    from pos_app.store.debits import ExpiredRedemption
    from pos_app.store.records import DebitState

    store = Store.open_in(tmp_path / "data", clock=lambda: NOW.timestamp())
    for order_id, debit in (("DEBITED", DebitState.DELIVERED), ("OWED", None), ("REFUSED", DebitState.REFUSED)):
        item = accept(store, order_id, 500)
        store.split_expired_redemption(item, b'{"resent": "%s"}' % order_id.encode(),
                                       ExpiredRedemption(hold_reference=None, points=100, debit_body=b'{"debit": 1}'))
        if debit is not None:
            store.mark_debit(order_id, debit, "gone" if debit is DebitState.REFUSED else None)
        deliver(store, item)

    result = store.archive_old_orders(400)

    assert result.orders == 1
    assert {o.order_id for o in store.list_orders(limit=10)} == {"OWED", "REFUSED"}
    assert store.debit_of("DEBITED") is None and store.debit_of("OWED") is not None
    assert [d.order_id for d in store.refused_debits()] == ["REFUSED"]
    with gzip.open(result.files[0], "rt") as handle:
        (record,) = [json.loads(line) for line in handle]
    assert record["debits"] == [{"order_id": "DEBITED", "kind": "points", "points": 100, "state": "delivered",
                                 "reason": None, "created_at": NOW.timestamp(), "updated_at": NOW.timestamp()}]
    assert store.integrity_check() == []
    store.close()
