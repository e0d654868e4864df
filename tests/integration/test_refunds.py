"""Returns through the outbox: after their order, exactly once, never more than what remains."""

from decimal import Decimal

import pytest
from engine_helpers import make_terminal, order_state, sell
from sandbox_helpers import wait_until

from pos_app.domain.errors import ValidationError
from pos_app.domain.refund import validate_refund
from pos_app.domain.timeutil import utc_now
from pos_app.store.store import Store


def refund(runtime, refund_id, order_id, amount=None, **extra):
    body = {"refundTransactionId": refund_id, "reverseTransactionId": order_id, **extra}
    if amount is not None:
        body["refundAmount"] = Decimal(amount)
    return runtime.service.accept_refund(validate_refund(body, now=utc_now(), currency="USD"))


def refund_states(runtime, order_id):
    with Store.open_in(runtime.data_dir) as store:
        return {r.refund_id: r.state.value for r in store.get_order(order_id).refunds}


def test_two_partial_refunds_then_the_rest(terminal, sandbox):
    terminal.start()
    order = sell(terminal, total=Decimal("100.00"))
    wait_until(lambda: order_state(terminal, order) == "delivered")
    earned = sandbox.order_report(order)["rewardedPoints"]
    refund(terminal, "R-1", order, "25.00")
    refund(terminal, "R-2", order, "25.00")
    with pytest.raises(ValidationError) as too_much:
        refund(terminal, "R-3", order, "60.00")
    assert too_much.value.field == "refundAmount" and "50.00" in too_much.value.message
    refund(terminal, "R-4", order)  # the rest
    wait_until(lambda: set(refund_states(terminal, order).values()) == {"delivered"}, timeout=10)
    assert set(refund_states(terminal, order)) == {"R-1", "R-2", "R-4"}
    report = sandbox.order_report(order)
    assert report["refundedShare"] == 1.0 and earned > 0
    with pytest.raises(ValidationError):
        refund(terminal, "R-5", order, "1.00")
    with Store.open_in(terminal.data_dir) as store:
        wait_until(lambda: sum(1 for tx in store.get_order(order).transactions
                               if tx.transaction_type in ("PartialRefund", "Refund")) >= 3)


def test_a_refund_waits_for_its_queued_order(terminal, sandbox):
    sandbox.faults.refuse()
    terminal.start()
    order = sell(terminal, total=Decimal("40.00"))
    refund(terminal, "R-Q", order, "10.00")
    wait_until(lambda: not terminal.engine.status.online and terminal.engine.status.pending == 2)
    assert refund_states(terminal, order) == {"R-Q": "queued"}
    sandbox.faults.clear()
    wait_until(lambda: refund_states(terminal, order) == {"R-Q": "delivered"}, timeout=10)
    assert sandbox.order_report(order)["refundedShare"] == 0.25


def test_a_refund_of_a_failed_order_fails_with_a_reason(terminal, sandbox):
    sandbox.faults.poison(order_id="BAD-2", code=3003)
    terminal.start()
    sell(terminal, order_id="BAD-2")
    wait_until(lambda: order_state(terminal, "BAD-2") == "failed")
    refund_id, state, created = refund(terminal, "R-F", "BAD-2")
    assert (refund_id, state, created) == ("R-F", "failed", True)
    with Store.open_in(terminal.data_dir) as store:
        failed = {f.ref_id: f for f in store.failed_list()}
    assert "BAD-2" in failed["R-F"].message


def test_a_refund_already_at_gameball_counts_as_delivered(terminal, sandbox):
    terminal.start()
    order = sell(terminal, total=Decimal("40.00"))
    wait_until(lambda: order_state(terminal, order) == "delivered")
    terminal.engine.stop()
    refund(terminal, "R-DUP", order, "10.00")
    with Store.open_in(terminal.data_dir) as store:
        body = store.due(limit=1)[0].body
    from pos_app.gameball.client import GameballClient
    from pos_app.sandbox import DEMO_API_KEY, DEMO_SECRET_KEY

    with GameballClient(sandbox.url, DEMO_API_KEY, DEMO_SECRET_KEY) as client:
        client.refund(body)
    restarted = make_terminal(terminal.data_dir, sandbox)
    restarted.start()
    try:
        wait_until(lambda: refund_states(restarted, order) == {"R-DUP": "delivered"}, timeout=10)
        assert sandbox.order_report(order)["refundedShare"] == 0.25  # applied once, not twice
    finally:
        restarted.stop()


def test_more_units_than_are_left_to_return_are_refused_before_they_are_queued(terminal):
    pens = {"productId": "P-1001", "price": 20}
    order = sell(terminal, total=Decimal("40.00"), lineItems=[{**pens, "quantity": 2}])
    refund(terminal, "R-L1", order, "20.00", lineItems=[{**pens, "quantity": 1}])
    with pytest.raises(ValidationError) as too_many:
        refund(terminal, "R-L2", order, "20.00", lineItems=[{**pens, "quantity": 2}])
    assert too_many.value.field == "lineItems" and "only 1 of P-1001 left" in too_many.value.message
    assert set(refund_states(terminal, order)) == {"R-L1"}


def test_a_line_item_refund_without_an_amount_refunds_those_lines_not_the_whole_order(terminal, sandbox):
    pens = {"productId": "P-1001", "price": 20}
    terminal.start()
    order = sell(terminal, total=Decimal("40.00"), lineItems=[{**pens, "quantity": 2}])
    wait_until(lambda: order_state(terminal, order) == "delivered")
    refund(terminal, "R-U1", order, lineItems=[{**pens, "quantity": 1}])  # Gameball alone would refund it all
    with Store.open_in(terminal.data_dir) as store:
        assert store.get_order(order).refunds[0].refund_amount == Decimal("20.00")
    wait_until(lambda: refund_states(terminal, order) == {"R-U1": "delivered"}, timeout=10)
    assert sandbox.order_report(order)["refundedShare"] == 0.5
    refund(terminal, "R-U2", order, lineItems=[{**pens, "quantity": 1}])  # the last unit: the rest
    wait_until(lambda: set(refund_states(terminal, order).values()) == {"delivered"}, timeout=10)
    assert sandbox.order_report(order)["refundedShare"] == 1.0


@pytest.mark.parametrize("lines", [None, [{"productId": "P-9", "price": 5, "quantity": 1}]],
                         ids=["order-without-lines", "product-not-in-order"])
def test_a_line_item_refund_that_cannot_be_priced_needs_its_amount(terminal, lines):
    kept = {} if lines is None else {"lineItems": [{"productId": "P-1", "price": 40, "quantity": 1}]}
    order = sell(terminal, total=Decimal("40.00"), **kept)
    with pytest.raises(ValidationError) as refused:
        refund(terminal, "R-X", order, lineItems=lines or [{"productId": "P-1", "price": 40, "quantity": 1}])
    assert refused.value.field == "refundAmount"
    with Store.open_in(terminal.data_dir) as store:
        assert not store.get_order(order).refunds
