"""The till's order history listing: search by orderId or customer, filter by state and day of sale."""

import pytest
from store_helpers import FakeClock, accept

from pos_app.store import State, Store


@pytest.fixture
def store(tmp_path):
    with Store.open(tmp_path / "store.sqlite3", clock=FakeClock()) as opened:
        accept(opened, "T1-001", customer_id="+201001234567", order_date="2025-03-01T09:00:00.000Z")
        accept(opened, "T1-002", customer_id="demo_amira", order_date="2025-03-02T09:00:00.000Z")
        accept(opened, "T2-100%", customer_id="+201001234567", order_date="2025-03-03T09:00:00.000Z")
        item = next(i for i in opened.list_items() if i.ref_id == "T1-002")
        opened.mark_sending([item.id])
        opened.mark_delivered(item.id, {"rewardedPoints": 25}, rewarded_points=25)
        opened.store_transactions("T1-002", [{"gameballTransactionId": 7, "transactionType": "PaymentReward",
                                              "equivalentPoints": 25}], settled=False)
        yield opened


def ids(rows):
    return [row.order_id for row in rows]


def test_newest_sale_first_with_points_and_transaction_counts(store):
    rows = store.list_orders()
    assert ids(rows) == ["T2-100%", "T1-002", "T1-001"]
    delivered = rows[1]
    assert (delivered.state, delivered.rewarded_points, delivered.transaction_count) == (State.DELIVERED, 25, 1)
    assert (rows[0].state, rows[0].expected_points, rows[0].transaction_count) == (State.QUEUED, 25, 0)


def test_search_matches_order_or_customer_and_wildcards_literally(store):
    assert ids(store.list_orders(["t1-"])) == ["T1-002", "T1-001"]
    assert ids(store.list_orders(["+20100"])) == ["T2-100%", "T1-001"]
    assert ids(store.list_orders(["amira"])) == ["T1-002"]
    assert ids(store.list_orders(["_"])) == ["T1-002"]  # "_" is not "any character"
    assert ids(store.list_orders(["100%"])) == ["T2-100%"]
    assert ids(store.list_orders(["nobody", "T1-001"])) == ["T1-001"]


def test_filters_by_state_and_day(store):
    assert ids(store.list_orders(states=[State.DELIVERED])) == ["T1-002"]
    assert ids(store.list_orders(states=[])) == []
    assert ids(store.list_orders(since="2025-03-02T00:00:00.000Z", until="2025-03-03T00:00:00.000Z")) == ["T1-002"]
    assert ids(store.list_orders(limit=1)) == ["T2-100%"]
