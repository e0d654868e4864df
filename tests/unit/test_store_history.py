from decimal import Decimal

import pytest
from store_helpers import accept

from pos_app.domain import wire
from pos_app.store import UnknownOrder


def delivered(store, order_id):
    accept(store, order_id)
    item = next(i for i in store.list_items() if i.ref_id == order_id)
    store.mark_sending([item.id])
    store.mark_delivered(item.id, None)


# As GET /orders/{orderId}/transactions answers, parsed with Decimals for money.
ANSWER = wire.loads(
    b'{"transactions":[{"transactionDate":"2024-10-16T08:13:29.29","gameballTransactionId":101,'
    b'"transactionType":"PaymentReward","amount":250.75,"transactionId":"o1","equivalentPoints":25}],"count":1}'
)["transactions"]


def test_transactions_are_upserted_and_storing_twice_is_harmless(store, clock):
    delivered(store, "o1")
    assert store.store_transactions("o1", ANSWER, settled=False) == 1
    store.store_transactions("o1", ANSWER, settled=False)
    [tx] = store.get_order("o1").transactions
    assert (tx.gameball_transaction_id, tx.transaction_type) == ("101", "PaymentReward")
    assert tx.amount == Decimal("250.75")
    assert tx.equivalent_points == 25

    changed = [{**ANSWER[0], "equivalentPoints": 30}, {**ANSWER[0], "gameballTransactionId": 102}]
    store.store_transactions("o1", changed, settled=True)
    order = store.get_order("o1")
    stored = [(t.gameball_transaction_id, t.equivalent_points) for t in order.transactions]
    assert stored == [("101", 30), ("102", 25)]
    assert (order.history_synced_at, order.history_settled) == (clock.now, True)


def test_orders_needing_history_skip_undelivered_and_settled_orders(store, clock):
    accept(store, "queued")
    delivered(store, "new")
    delivered(store, "pending")
    delivered(store, "settled")
    store.store_transactions("pending", ANSWER, settled=False)
    store.store_transactions("settled", ANSWER, settled=True)
    assert store.orders_needing_history(refresh_after_s=600) == ["new"]

    clock.advance(600)
    assert store.orders_needing_history(refresh_after_s=600) == ["new", "pending"]
    assert store.orders_needing_history(refresh_after_s=600, limit=1) == ["new"]
    store.mark_history_synced("new", settled=True)
    assert store.orders_needing_history(refresh_after_s=600) == ["pending"]


def test_history_for_an_unknown_order_or_a_bad_transaction_writes_nothing(store):
    with pytest.raises(UnknownOrder):
        store.store_transactions("nope", ANSWER, settled=False)
    with pytest.raises(UnknownOrder):
        store.mark_history_synced("nope", settled=False)
    delivered(store, "o1")
    with pytest.raises(ValueError):
        store.store_transactions("o1", [*ANSWER, {"transactionType": "Refund"}], settled=True)
    order = store.get_order("o1")
    assert (order.transactions, order.history_synced_at) == ((), None)
