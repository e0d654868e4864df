import csv
import hashlib
import sqlite3
from decimal import Decimal

import pytest
from store_helpers import EMAIL, MOBILE, accept, gameball_error, order_body, refund_body

from pos_app.domain.errors import ValidationError
from pos_app.store import (
    Delivery,
    InvalidTransition,
    Kind,
    OrderConflict,
    RefundConflict,
    State,
    Store,
    UnknownItem,
    UnknownOrder,
)
from pos_app.store.outbox import WRITE_CHUNK


def item_of(store, ref_id):
    return next(item for item in store.list_items() if item.ref_id == ref_id)


def deliver(store, ref_id, **kwargs):
    item = item_of(store, ref_id)
    store.mark_sending([item.id])
    store.mark_delivered(item.id, {"rewardedPoints": 25}, **kwargs)


def fail(store, ref_id):
    item = item_of(store, ref_id)
    store.mark_sending([item.id])
    store.mark_failed(item.id, gameball_error())


# ---- accepting orders ----


def test_accepting_an_order_stores_it_with_its_outbox_row(store, clock):
    accepted = accept(store, "o1")
    assert (accepted.order_id, accepted.state, accepted.created) == ("o1", State.QUEUED, True)
    order = store.get_order("o1")
    assert order.state is State.QUEUED
    assert (order.mobile, order.email, order.expected_points) == (MOBILE, EMAIL, 25)
    assert order.body_sha256 == hashlib.sha256(order_body("o1")).hexdigest()
    [item] = store.list_items()
    assert (item.kind, item.ref_id, item.state) == (Kind.ORDER, "o1", State.QUEUED)
    assert item.body == order_body("o1")
    assert item.next_attempt_at == clock.now


def test_the_same_order_again_answers_with_the_existing_record(store):
    accept(store, "o1")
    again = accept(store, "o1")
    assert (again.state, again.created) == (State.QUEUED, False)
    deliver(store, "o1")
    after_delivery = accept(store, "o1")  # the sha256 survives the body being dropped
    assert (after_delivery.state, after_delivery.created) == (State.DELIVERED, False)
    assert len(store.list_items()) == 1


def test_the_same_order_id_with_another_body_is_a_conflict(store):
    accept(store, "o1")
    with pytest.raises(OrderConflict) as raised:
        accept(store, "o1", variant=1)
    assert raised.value.order_id == "o1"
    assert item_of(store, "o1").body == order_body("o1")
    assert store.get_order("o1").total_paid == Decimal("250.75")


def test_bad_input_is_refused_before_anything_is_written(store):
    with pytest.raises(ValueError, match="UTC"):
        accept(store, "o1", order_date="2024-10-16T08:13:29")
    with pytest.raises(ValueError):
        accept(store, "o1", total_paid="ten")
    with pytest.raises(ValueError):
        store.accept_order("o1", b"", "c", "2024-10-16T08:13:29.290Z", "1", "USD")
    assert store.list_items() == []
    assert store.get_order("o1") is None


def test_order_and_outbox_row_are_written_together_or_not_at_all(store):
    store.db.conn.execute(
        "CREATE TEMP TRIGGER break_outbox BEFORE INSERT ON outbox"
        " BEGIN SELECT RAISE(ABORT, 'disk says no'); END"
    )
    with pytest.raises(sqlite3.IntegrityError, match="disk says no"):
        accept(store, "o1")
    assert store.get_order("o1") is None
    assert store.list_items() == []
    store.db.conn.execute("DROP TRIGGER break_outbox")
    assert accept(store, "o1").created


def test_accepting_with_a_hold_marks_the_hold_used(store, clock):
    store.record_hold("hold-1", "cust_1", points_held=100)
    accept(store, "o1", hold_reference="hold-1")
    assert store.active_holds_older_than(0) == []
    assert store.db.execute("SELECT state, order_id FROM holds").fetchone() == ("used", "o1")


# ---- what is due ----


def test_due_is_fifo_and_skips_items_waiting_for_a_later_retry(store, clock):
    for n in range(5):
        accept(store, f"o{n}")
    items = store.due(limit=10)
    assert [i.ref_id for i in items] == ["o0", "o1", "o2", "o3", "o4"]
    assert [i.id for i in items] == sorted(i.id for i in items)
    assert [i.ref_id for i in store.due(limit=2)] == ["o0", "o1"]

    store.mark_sending([items[0].id])
    store.mark_retry(items[0].id, clock.now + 30, {"class": "retry", "message": "timeout"}, True)
    assert [i.ref_id for i in store.due()] == ["o1", "o2", "o3", "o4"]
    assert store.next_due_time() == clock.now
    clock.advance(30)
    assert [i.ref_id for i in store.due()] == ["o0", "o1", "o2", "o3", "o4"]


def test_orders_redeeming_a_hold_are_due_before_the_backlog(store):
    for n in range(3):
        accept(store, f"o{n}")
    accept(store, "redeems", hold_reference="hold-1")
    accept(store, "o3")
    assert [i.ref_id for i in store.due(limit=10)] == ["redeems", "o0", "o1", "o2", "o3"]
    assert [i.ref_id for i in store.due(limit=1)] == ["redeems"]


def test_next_due_time_is_the_earliest_retry(store, clock):
    assert store.next_due_time() is None
    accept(store, "o1")
    item = item_of(store, "o1")
    store.mark_retry(item.id, clock.now + 60, {"class": "pause", "status": 429, "message": "busy"}, False)
    assert store.next_due_time() == clock.now + 60


def test_mark_sending_counts_attempts_and_is_all_or_nothing(store):
    accept(store, "o1")
    accept(store, "o2")
    first, second = store.list_items()
    store.mark_sending([first.id])
    assert store.get_item(first.id).attempts == 1
    with pytest.raises(InvalidTransition):
        store.mark_sending([second.id, first.id])  # first is already sending
    assert store.get_item(second.id).state is State.QUEUED
    with pytest.raises(UnknownItem):
        store.mark_sending([999])


def test_a_delivered_item_is_never_due_again(store):
    accept(store, "o1")
    deliver(store, "o1")
    item = item_of(store, "o1")
    assert store.due() == []
    store.mark_delivered(item.id, None)  # a repeated confirmation is harmless
    with pytest.raises(InvalidTransition):
        store.mark_sending([item.id])
    with pytest.raises(InvalidTransition):
        store.mark_retry(item.id, 0, {"class": "retry", "message": "x"}, False)
    assert store.pending_count() == 0


def test_delivery_drops_phone_email_and_body_and_keeps_the_answer(store, clock):
    accept(store, "o1")
    clock.advance(5)
    deliver(store, "o1", rewarded_points=25, redeemed_points=0)
    order = store.get_order("o1")
    assert (order.mobile, order.email) == (None, None)
    assert (order.state, order.rewarded_points, order.redeemed_points) == (State.DELIVERED, 25, 0)
    assert order.response == {"rewardedPoints": 25}
    assert order.delivered_at == clock.now
    item = item_of(store, "o1")
    assert item.body is None and item.body_sha256 == order.body_sha256
    raw = store.db.execute("SELECT quote(body) FROM outbox UNION ALL SELECT mobile FROM orders").fetchall()
    assert MOBILE not in repr(raw)


def test_an_odd_answer_never_stops_a_delivery_being_recorded(store):
    accept(store, "o1")
    item = item_of(store, "o1")
    store.mark_sending([item.id])
    store.mark_delivered(item.id, b"<html>OK</html>", rewarded_points="91.75", redeemed_points="n/a")
    order = store.get_order("o1")
    assert (order.state, order.response, order.rewarded_points, order.redeemed_points) == (
        State.DELIVERED, "<html>OK</html>", 91, None,
    )


def test_the_schema_refuses_a_changed_body_or_a_delivered_order_with_a_phone(store):
    accept(store, "o1")
    with pytest.raises(sqlite3.IntegrityError, match="frozen"):
        store.db.execute("UPDATE outbox SET body = X'00'")
    with pytest.raises(sqlite3.IntegrityError):
        store.db.execute("UPDATE orders SET state = 'delivered'")


def test_maybe_applied_stays_set_once_an_attempt_may_have_landed(store, clock):
    accept(store, "o1")
    item = item_of(store, "o1")
    store.mark_sending([item.id])
    store.mark_retry(item.id, clock.now, {"class": "retry", "message": "read timeout"}, True)
    store.mark_sending([item.id])
    store.mark_retry(item.id, clock.now, {"class": "retry", "message": "connect refused"}, False)
    assert store.get_item(item.id).maybe_applied
    assert store.get_item(item.id).last_error.message == "connect refused"


def test_items_left_sending_by_a_crash_are_queued_again_as_maybe_applied(tmp_path, clock):
    path = tmp_path / "store.sqlite3"
    store = Store.open(path, clock=clock)
    accept(store, "o1")
    accept(store, "o2")
    first, _ = store.list_items()
    store.mark_sending([first.id])
    store.close()  # the process dies here

    with Store.open(path, clock=clock) as restarted:
        assert restarted.recover_after_restart() == 1
        recovered = restarted.get_item(first.id)
        assert (recovered.state, recovered.maybe_applied, recovered.attempts) == (State.QUEUED, True, 1)
        assert [i.ref_id for i in restarted.due()] == ["o1", "o2"]
        assert restarted.recover_after_restart() == 0


# ---- failed list ----


def test_a_rejected_order_goes_to_the_failed_list_and_the_queue_moves_on(store, clock):
    accept(store, "o1")
    accept(store, "o2")
    fail(store, "o1")
    assert store.failed_count() == 1
    assert store.pending_count() == 1
    assert [i.ref_id for i in store.due()] == ["o2"]
    [failed] = store.failed_list()
    assert (failed.ref_id, failed.order_id, failed.kind) == ("o1", "o1", Kind.ORDER)
    assert (failed.status, failed.code, failed.request_id) == (422, 3003, "req-42")
    assert failed.message == "Invalid value"
    assert (failed.failed_at, failed.attempts) == (clock.now, 1)
    assert store.get_order("o1").state is State.FAILED
    assert store.get_order("o1").mobile == MOBILE  # kept until delivered or discarded: a retry needs the body


def test_a_manager_retry_requeues_the_same_body_and_is_audited(store, clock):
    accept(store, "o1")
    fail(store, "o1")
    item = item_of(store, "o1")
    clock.advance(100)
    for blank in ("", "  \n "):  # the reason is required: refused before anything moves, naming the field
        with pytest.raises(ValidationError) as refused:
            store.requeue_failed(item.id, blank, actor="manager")
        assert refused.value.field == "reason"
    assert store.get_item(item.id).state is State.FAILED and store.audit_entries() == []
    store.requeue_failed(item.id, "  fixed the data\n", actor="manager")
    again = store.get_item(item.id)
    assert (again.state, again.body, again.next_attempt_at) == (State.QUEUED, order_body("o1"), clock.now)
    assert store.failed_count() == 0
    assert [i.id for i in store.due()] == [item.id]
    [entry] = store.audit_entries()
    assert (entry.actor, entry.action, entry.detail["refId"]) == ("manager", "outbox.requeue", "o1")
    assert (entry.terminal_id, entry.at, entry.detail["reason"]) == (store.terminal_id, clock.now, "fixed the data")
    with pytest.raises(InvalidTransition):
        store.requeue_failed(item.id, "fixed the data", actor="manager")  # not failed any more


def test_discarding_a_failed_order_drops_its_data_and_is_audited(store):
    accept(store, "o1")
    fail(store, "o1")
    item = item_of(store, "o1")
    with pytest.raises(ValueError):
        store.discard_failed(item.id, reason=" ", actor="manager")
    store.discard_failed(item.id, reason="test order", actor="manager")
    assert store.get_item(item.id).state is State.DISCARDED
    assert store.get_item(item.id).body is None
    order = store.get_order("o1")
    assert (order.state, order.mobile, order.email) == (State.DISCARDED, None, None)
    assert (store.failed_count(), store.pending_count()) == (0, 0)
    [entry] = store.audit_entries(action="outbox.discard")
    assert entry.detail["reason"] == "test order"


def test_many_deliveries_commit_a_chunk_a_transaction(store):
    # Not one commit per item (slow), nor one for all 500 (a sale's accept would wait behind it).
    for n in range(500):
        accept(store, f"o{n}")
    ids = [i.id for i in store.due(limit=1000)]
    store.mark_sending(ids)
    statements = []
    store.db.conn.set_trace_callback(statements.append)
    store.mark_delivered_many(Delivery(i, {"ok": True}, rewarded_points=1) for i in ids)
    store.db.conn.set_trace_callback(None)
    assert statements.count("COMMIT") == 500 // WRITE_CHUNK
    assert store.pending_count() == 0
    assert store.get_order("o499").state is State.DELIVERED


def test_failing_many_fails_each_with_its_own_error(store):
    accept(store, "o1")
    accept(store, "o2")
    ids = [i.id for i in store.list_items()]
    store.mark_sending(ids)
    batch_error = {**gameball_error(6001), "endpoint": "POST /batch/orders", "maybeApplied": False}
    store.mark_failed_many([(ids[0], gameball_error(9007)), (ids[1], batch_error)])
    assert [f.code for f in store.failed_list()] == [9007, 6001]
    assert store.get_item(ids[1]).last_error.endpoint == "POST /batch/orders"


# ---- refunds ----


def test_a_refund_waits_for_its_order_to_be_delivered(store, clock):
    accept(store, "o1")
    accepted = store.accept_refund("r1", "o1", refund_body("r1", "o1"), "10")
    assert (accepted.state, accepted.created, accepted.reason) == (State.QUEUED, True, None)
    assert [i.ref_id for i in store.due()] == ["o1"]
    assert store.pending_count() == 2
    deliver(store, "o1")
    [refund] = store.due()
    assert (refund.kind, refund.ref_id, refund.depends_on_order_id) == (Kind.REFUND, "r1", "o1")
    store.mark_sending([refund.id])
    store.mark_delivered(refund.id, {"refunded": True})
    [record] = store.get_order("o1").refunds
    assert (record.refund_id, record.state, record.refund_amount) == ("r1", State.DELIVERED, 10)


def test_a_refund_waiting_on_an_undelivered_order_does_not_wake_the_engine(store, clock):
    accept(store, "o1")
    order_item = item_of(store, "o1")
    store.mark_sending([order_item.id])
    store.accept_refund("r1", "o1", refund_body("r1", "o1"))
    assert store.next_due_time() is None


def test_a_refund_of_an_unknown_order_is_refused(store):
    with pytest.raises(UnknownOrder) as raised:
        store.accept_refund("r1", "nope", refund_body("r1", "nope"))
    assert raised.value.order_id == "nope"
    assert store.list_items() == []


def test_a_refund_is_idempotent_and_conflicts_on_another_body(store):
    accept(store, "o1")
    store.accept_refund("r1", "o1", refund_body("r1", "o1"))
    again = store.accept_refund("r1", "o1", refund_body("r1", "o1"))
    assert (again.created, again.state) == (False, State.QUEUED)
    with pytest.raises(RefundConflict):
        store.accept_refund("r1", "o1", refund_body("r1", "o1", variant=1))


def test_a_refund_of_a_failed_order_fails_at_once_with_the_reason(store):
    accept(store, "o1")
    fail(store, "o1")
    accepted = store.accept_refund("r1", "o1", refund_body("r1", "o1"))
    assert accepted.state is State.FAILED
    assert "o1 is failed" in accepted.reason
    assert store.accept_refund("r1", "o1", refund_body("r1", "o1")).reason == accepted.reason
    refund_line = next(f for f in store.failed_list() if f.kind is Kind.REFUND)
    assert (refund_line.order_id, refund_line.error_class) == ("o1", "dependency")
    with pytest.raises(InvalidTransition, match="retry the order first"):
        store.requeue_failed(refund_line.id, "fixed the data", actor="manager")


def test_a_waiting_refund_fails_with_its_order_and_comes_back_with_it(store):
    accept(store, "o1")
    store.accept_refund("r1", "o1", refund_body("r1", "o1"))
    fail(store, "o1")
    refund = item_of(store, "r1")
    assert refund.state is State.FAILED and refund.last_error.error_class == "dependency"
    store.requeue_failed(item_of(store, "o1").id, "fixed the data", actor="manager")
    assert item_of(store, "r1").state is State.QUEUED
    assert store.audit_entries()[0].detail["refundsRequeued"] == 1


def test_refund_rows_are_also_all_or_nothing(store):
    accept(store, "o1")
    store.db.conn.execute(
        "CREATE TEMP TRIGGER break_outbox BEFORE INSERT ON outbox BEGIN SELECT RAISE(ABORT, 'no'); END"
    )
    with pytest.raises(sqlite3.IntegrityError):
        store.accept_refund("r1", "o1", refund_body("r1", "o1"))
    assert store.get_order("o1").refunds == ()


# ---- export ----


def test_the_csv_export_has_no_phone_email_or_body(store, tmp_path):
    accept(store, "o1")
    accept(store, "=HYPERLINK(1)")
    fail(store, "o1")
    target = tmp_path / "outbox.csv"
    assert store.export_outbox_csv(target) == 2
    text = target.read_text(encoding="utf-8-sig")
    assert MOBILE not in text and EMAIL not in text and "cust_1" in text
    rows = list(csv.DictReader(text.splitlines()))
    assert "mobile" not in rows[0] and "email" not in rows[0] and "body" not in rows[0]
    assert (rows[0]["state"], rows[0]["code"], rows[0]["request_id"]) == ("failed", "3003", "req-42")
    assert rows[0]["created_at"].endswith("Z")
    assert rows[1]["ref_id"] == "'=HYPERLINK(1)"
    assert store.export_outbox_csv(target, states=["failed"]) == 1
    assert store.export_outbox_csv(target, states=[]) == 0
