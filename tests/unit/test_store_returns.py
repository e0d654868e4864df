"""The lines of each order and what refunds take back of them (schema v3), kept without customer data."""

from decimal import Decimal

import pytest
from store_helpers import FakeClock, accept, refund_body

from pos_app.domain.lineitems import LineItem
from pos_app.store import State, Store
from pos_app.store.errors import ReturnTooLarge

D = Decimal
LINES = (LineItem("P-1", D(3), D("4.99"), sku="111", title="Pens", discount=D("1.00"), taxes=D("0.30")),
         LineItem("P-2", D("1.5"), D("8.00")),
         LineItem("P-1", D(1), D("4.50")))


@pytest.fixture
def store(tmp_path):
    with Store.open(tmp_path / "store.sqlite3", clock=FakeClock()) as opened:
        yield opened


def item_of(store, ref_id):
    return next(item for item in store.list_items() if item.ref_id == ref_id)


def settle(store, ref_id, *, failed=False):
    item = item_of(store, ref_id)
    store.mark_sending([item.id])
    if failed:
        store.mark_failed(item.id, {"class": "failed", "code": 9000, "message": "non-reversible"})
    else:
        store.mark_delivered(item.id, {"rewardedPoints": 25})


def test_an_order_keeps_its_lines_after_delivery_drops_the_body(store):
    accept(store, "o1", lines=LINES)
    settle(store, "o1")
    record = store.get_order("o1")
    assert item_of(store, "o1").body is None and record.mobile is None and record.email is None
    first, weighed, second = record.lines
    assert (first.product_id, first.sku, first.title, first.quantity, first.price, first.discount, first.taxes) \
        == ("P-1", "111", "Pens", 3, D("4.99"), D("1.00"), D("0.30"))
    assert weighed.quantity == D("1.5") and second.price == D("4.50")
    columns = {row["name"] for row in store.db.query("PRAGMA table_info(order_lines)")}
    assert not columns & {"customer_id", "mobile", "email"}


def test_refunds_take_units_back_from_the_first_line_of_their_product_with_units_left(store):
    accept(store, "o1", lines=LINES)
    store.accept_refund("r1", "o1", refund_body("r1", "o1"), "10", lines=(LineItem("P-1", D(2), D("4.99")),))
    store.accept_refund("r2", "o1", refund_body("r2", "o1", 1), "11",
                        lines=(LineItem("P-1", D(1), D("4.99")), LineItem("P-1", D(1), D("4.50")),
                               LineItem("NOT-SOLD", D(1), D(1))))
    assert [line.returned for line in store.get_order("o1").lines] == [D(3), D(0), D(1)]
    with pytest.raises(ReturnTooLarge) as too_many:
        store.accept_refund("r3", "o1", refund_body("r3", "o1", 2), "1", lines=(LineItem("P-1", D(1), D(5)),))
    assert (too_many.value.product_id, too_many.value.left) == ("P-1", D(0))
    assert "r3" not in {r.refund_id for r in store.get_order("o1").refunds}  # nothing written


def test_a_failed_refund_gives_its_units_back(store):
    accept(store, "o1", lines=LINES)
    settle(store, "o1")
    store.accept_refund("r1", "o1", refund_body("r1", "o1"), "10", lines=(LineItem("P-2", D("1.5"), D(8)),))
    assert store.get_order("o1").lines[1].returned == D("1.5")
    settle(store, "r1", failed=True)
    record = store.get_order("o1")
    assert record.refunds[0].state is State.FAILED and record.lines[1].returned == 0
    store.accept_refund("r2", "o1", refund_body("r2", "o1", 1), "11", lines=(LineItem("P-2", D(1), D(8)),))
    assert store.get_order("o1").lines[1].returned == 1


def test_an_order_accepted_again_keeps_its_first_lines(store):
    accept(store, "o1", lines=LINES)
    assert not accept(store, "o1", lines=LINES[:1]).created
    assert len(store.get_order("o1").lines) == 3
