"""The "needs review" state (issue 12, requirement 1) and the list of sales whose points could not be taken
(requirement 4) in the store: schema v8 on a database of schema v7, the transitions a manager may make, and
what the lists show."""

from __future__ import annotations

import sqlite3
from decimal import Decimal

import pytest
from store_helpers import FakeClock, accept, refund_body

from pos_app.store import db as dbmod
from pos_app.store.debits import ExpiredRedemption
from pos_app.store.errors import InvalidTransition
from pos_app.store.records import DebitState, Kind, State
from pos_app.store.store import Store

REVIEW_ERROR = {"class": "review", "status": 400, "code": 9004, "message": "cannot tell whose"}
GAMEBALL = [{"transactionType": "PaymentReward", "transactionId": "O-1", "amount": 99, "equivalentPoints": 9,
             "transactionDate": "2024-10-16T08:13:29Z", "gameballTransactionId": "gb-7"}]


def test_v8_moves_v7_review_failures_to_their_own_state(tmp_path):
    path = tmp_path / "store.sqlite3"
    db = dbmod.connect(path)
    assert dbmod.migrate(db, 7) == 7
    old = Store(db, path=path, clock=FakeClock())
    for order_id in ("O-review", "O-failed", "O-queued"):
        accept(old, order_id)
    old.accept_refund("R-1", "O-review", refund_body("R-1", "O-review"))
    old.mark_sending([1, 2])
    old.mark_failed(1, REVIEW_ERROR)  # what v7's delivery did with an undecidable 9004
    old.mark_failed(2, {**REVIEW_ERROR, "class": "failed", "message": "order id already used by another sale"})
    old.close()

    with Store.open(path, clock=FakeClock()) as store:
        assert store.schema_version() == 8 and dbmod.integrity_check(store.db) == []
        states = {i.ref_id: i.state for i in store.list_items()}
        assert states == {"O-review": State.REVIEW, "O-failed": State.FAILED, "O-queued": State.QUEUED,
                          "R-1": State.QUEUED}
        assert store.get_order("O-review").state is State.REVIEW  # the order row follows its item
        assert [f.ref_id for f in store.failed_list()] == ["O-failed"]
        assert store.review_count() == 1 and store.failed_count() == 1 and store.pending_count() == 2
        (item,) = store.review_list()
        assert item.ref_id == "O-review" and item.message == "cannot tell whose" and item.gameball == ()
        # The migrated item is decided like a new one; the waiting refund then becomes due.
        store.resolve_review(item.id, True, "checked the receipt in Gameball", "cli")
        assert store.get_order("O-review").state is State.DELIVERED
        assert [i.ref_id for i in store.due()] == ["O-queued", "R-1"]


def test_the_state_columns_still_refuse_unknown_states(tmp_path):
    with Store.open(tmp_path / "s.sqlite3") as store:
        accept(store, "O-1")
        with pytest.raises(sqlite3.IntegrityError):
            store.db.conn.execute("UPDATE outbox SET state = 'reviewed'")
        sql = store.db.conn.execute("SELECT sql FROM sqlite_master WHERE name = 'outbox_live'").fetchone()[0]
        assert "'review'" in sql  # the manager's list reads the live-items index


@pytest.fixture
def store(tmp_path):
    with Store.open(tmp_path / "s.sqlite3", clock=FakeClock(), terminal_id="T7") as opened:
        yield opened


def put_aside(store: Store, order_id: str = "O-1") -> int:
    accept(store, order_id)
    item = store.list_items()[-1]
    store.mark_sending([item.id])
    store.mark_review(item.id, REVIEW_ERROR, GAMEBALL)
    return item.id


def test_an_item_under_review_is_neither_pending_failed_nor_due(store):
    item_id = put_aside(store)
    store.accept_refund("R-1", "O-1", refund_body("R-1", "O-1"))
    assert store.due() == [] and store.next_due_time() is None
    assert (store.pending_count(), store.failed_count(), store.review_count()) == (1, 0, 1)  # the refund waits
    assert store.get_order("O-1").state is State.REVIEW
    assert store.get_order("O-1").mobile is not None  # not delivered: the body may still be needed
    (item,) = store.review_list()
    assert (item.id, item.kind, item.order_id, item.amount, item.currency, item.expected_points) == \
        (item_id, Kind.ORDER, "O-1", Decimal("250.75"), "USD", 25)
    (seen,) = item.gameball
    assert (seen.transaction_type, seen.amount, seen.points, seen.transaction_id) == \
        ("PaymentReward", Decimal(99), 9, "O-1")
    with pytest.raises(InvalidTransition):
        store.requeue_failed(item_id, "checked", "ui")  # not on the failed list: only the two decisions apply
    with pytest.raises(InvalidTransition):
        store.discard_failed(item_id, "no", "ui")


def test_this_sale_is_delivered_and_audited_with_reason_and_terminal(store):
    item_id = put_aside(store)
    store.resolve_review(item_id, True, "  same receipt  ", "ui")
    order = store.get_order("O-1")
    assert order.state is State.DELIVERED and order.mobile is None and order.email is None
    assert store.get_item(item_id).body is None and store.review_list() == []
    assert store.db.conn.execute("SELECT COUNT(*) FROM reviews").fetchone()[0] == 0
    entry = store.audit_entries(1)[0]
    assert (entry.action, entry.actor, entry.terminal_id) == ("outbox.review_delivered", "ui", "T7")
    assert entry.detail == {"outboxId": item_id, "kind": "order", "refId": "O-1", "reason": "same receipt"}
    with pytest.raises(InvalidTransition):
        store.resolve_review(item_id, False, "again", "ui")
    with store.write():  # retention may remove a delivered order's outbox row: nothing refers to it any more
        store.db.conn.execute("DELETE FROM outbox WHERE id = ?", [item_id])


def test_another_sale_fails_with_its_refunds_and_is_audited(store):
    item_id = put_aside(store)
    store.accept_refund("R-1", "O-1", refund_body("R-1", "O-1"))
    store.resolve_review(item_id, False, "Gameball shows 99 paid", "cli")
    (order, refund) = store.failed_list()
    assert order.ref_id == "O-1" and order.message.startswith("order id already used by another sale")
    assert "Gameball shows 99 paid" in order.message
    assert refund.ref_id == "R-1" and refund.error_class == "dependency"
    assert store.audit_entries(1)[0].action == "outbox.review_failed"


@pytest.mark.parametrize("reason", ["", "   "])
def test_a_decision_needs_a_reason(store, reason):
    item_id = put_aside(store)
    with pytest.raises(ValueError, match="reason"):
        store.resolve_review(item_id, True, reason, "ui")
    assert store.review_count() == 1


def test_only_an_item_being_sent_can_be_put_aside(store):
    item_id = put_aside(store)
    with pytest.raises(InvalidTransition):
        store.mark_review(item_id, REVIEW_ERROR, [])


def test_shortfalls_list_refused_debits_with_their_money_value(store):
    store.record_hold("H-1", "cust_1", 300, Decimal("3.00"))
    accept(store, "O-1", hold_reference="H-1")
    accept(store, "O-2")
    item = store.list_items()[0]
    store.split_expired_redemption(item.id, b'{"resend": 1}', ExpiredRedemption("H-1", 300, b'{"debit": 1}'))
    assert store.shortfalls() == []
    store.mark_debit("O-1", DebitState.REFUSED, "discount given, points could not be taken: 9008 not enough points")
    (short,) = store.shortfalls()
    assert (short.order_id, short.customer_id, short.points, short.amount, short.currency, short.reason) == \
        ("O-1", "cust_1", 300, Decimal("3.00"), "USD", "9008 not enough points")
    assert store.shortfalls("2024-10-16T00:00:00.000Z", "2024-10-17T00:00:00.000Z") == [short]
    assert store.shortfalls("2024-10-17T00:00:00.000Z", "2024-10-18T00:00:00.000Z") == []
