"""Issue 12, requirement 1 end to end against the sandbox over loopback: two sales collide on one order id and
Gameball's record cannot show whether it is this sale. The order is "needs review" (not delivered, not failed,
never sent again) on every front end, until a manager who checked in Gameball decides."""

from decimal import Decimal

import pytest
from engine_helpers import order_state, sell
from sandbox_helpers import wait_until

from pos_app import cli
from pos_app.domain.refund import validate_refund
from pos_app.domain.timeutil import to_iso_z, utc_now
from pos_app.gameball.client import GameballClient
from pos_app.sandbox import DEMO_API_KEY, DEMO_SECRET_KEY
from pos_app.services.manager import FrontEnd, InvalidTransition, ManagerService
from pos_app.store.store import Store


def _gameball_has_undated(sandbox, order_id, total, customer):
    """Gameball holds an order under the id, for the same amount; its reward shows no time (the spec does not
    require `transactionDate`), so the documented fields cannot tell whether it is this till's sale."""
    body = {"customerId": customer, "orderId": order_id, "orderDate": to_iso_z(utc_now()), "totalPaid": total}
    with GameballClient(sandbox.url, DEMO_API_KEY, DEMO_SECRET_KEY) as client:
        client.track_order(body)
    for tx in sandbox.state.orders[order_id].transactions:
        del tx["transactionDate"]


@pytest.fixture
def collided(till, sandbox, request):
    """CLASH under review, with a refund waiting on it; `request.param`: whose sale Gameball holds."""
    runtime, http = till
    _gameball_has_undated(sandbox, "CLASH", Decimal("25.00"), getattr(request, "param", "demo-lena"))
    clash = sell(runtime, order_id="CLASH")
    runtime.service.accept_refund(validate_refund({"refundTransactionId": "CLASH-R1", "reverseTransactionId": clash,
                                                   "refundAmount": 5}, now=utc_now(), currency="USD"))
    mine = sell(runtime)
    wait_until(lambda: order_state(runtime, mine) == "delivered")
    wait_until(lambda: (runtime.engine.status.needs_review, runtime.engine.status.pending) == (1, 1))
    return runtime, http


def test_an_undecidable_collision_needs_review_on_every_front_end(collided, sandbox):
    runtime, http = collided
    assert order_state(runtime, "CLASH") == "review"
    status = runtime.engine.status
    assert (status.failed, status.needs_review, status.pending) == (0, 1, 1)  # the refund waits on the decision
    assert http.get("/v1/status").json()["needsReview"] == 1
    assert http.get("/v1/orders/CLASH").json()["state"] == "review"
    schemas = http.get("/v1/openapi.json").json()["components"]["schemas"]
    assert "review" in schemas["OrderState"]["properties"]["state"]["enum"] and "needsReview" in \
        schemas["Status"]["properties"]
    assert "held for a manager's check" in http.get("/v1/orders/CLASH/slip").text
    assert sandbox.order_report("CLASH")["rewarded"] == 1  # the other sale's, once: nothing was sent again
    manager = ManagerService.from_runtime(runtime)
    (item,) = manager.review_items()
    assert (item.ref_id, item.amount, item.customer_id) == ("CLASH", Decimal("25.00"), "demo-amira")
    assert [(tx.transaction_type, tx.amount, tx.date) for tx in item.gameball] == [("PaymentReward", 25, None)]
    assert item.message.startswith("Gameball already has an order with this id")
    assert manager.day_summary(utc_now().date()).needs_review == 1
    with pytest.raises(InvalidTransition):
        manager.retry(item.id, "checked")  # not on the failed list: the two decisions are the only ways out


def test_the_command_line_lists_it_with_gameballs_record(collided, capsys):
    runtime, _ = collided
    assert cli.main(["outbox", "list", "--state", "review", "--data-dir", str(runtime.data_dir)]) == 0
    out = capsys.readouterr().out
    assert "CLASH" in out and "review" in out and "needs review 1" in out
    assert "this sale: customer demo-amira, 25.00 USD" in out and "Gameball: PaymentReward 25 paid" in out
    with pytest.raises(SystemExit):  # the reason is required
        cli.main(["outbox", "mark-failed", "1", "--data-dir", str(runtime.data_dir)])
    assert cli.main(["outbox", "mark-failed", "1", "--reason", " ", "--data-dir", str(runtime.data_dir)]) == 2
    assert cli.main(["outbox", "mark-failed", "999", "--reason", "x", "--data-dir", str(runtime.data_dir)]) == 1
    assert "999" in capsys.readouterr().err


def test_the_manager_says_another_sale_and_its_refund_fails_with_it(collided):
    runtime, http = collided
    manager = ManagerService.from_runtime(runtime)
    (item,) = manager.review_items()
    with pytest.raises(ValueError, match="reason"):
        manager.resolve_review(item.id, False, " ")
    manager.resolve_review(item.id, False, "Gameball's order is Lena's, not Amira's")
    wait_until(lambda: runtime.engine.status.needs_review == 0 and runtime.engine.status.failed == 2)
    assert http.get("/v1/orders/CLASH").json()["state"] == "failed"
    assert "Points: not given, a manager will check" in http.get("/v1/orders/CLASH/slip").text
    with Store.open_in(runtime.data_dir) as store:
        failed = {f.ref_id: f for f in store.failed_list()}
        entry = store.audit_entries(1, action="outbox.review_failed")[0]
    assert failed["CLASH"].message.startswith("order id already used by another sale")
    assert failed["CLASH-R1"].error_class == "dependency"
    assert (entry.actor, entry.terminal_id, entry.detail["reason"]) == \
        ("ui", runtime.settings.terminal_id, "Gameball's order is Lena's, not Amira's")


@pytest.mark.parametrize("collided", ["demo-amira"], indirect=True)  # this till's own attempt, in fact
def test_the_manager_says_this_sale_and_its_refund_goes(collided, sandbox):
    runtime, http = collided
    manager = ManagerService.offline(runtime.data_dir, FrontEnd.CLI)  # as `pos-app outbox mark-delivered` does
    (item,) = manager.review_items()
    manager.close()
    assert cli.main(["outbox", "mark-delivered", str(item.id), "--reason", "same till receipt",
                     "--data-dir", str(runtime.data_dir)]) == 0
    runtime.engine.wake()
    wait_until(lambda: order_state(runtime, "CLASH") == "delivered")
    with Store.open_in(runtime.data_dir) as store:
        wait_until(lambda: store.get_order("CLASH").refunds[0].state.value == "delivered")
        assert store.audit_entries(1, action="outbox.review_delivered")[0].actor == "cli"
    wait_until(lambda: (runtime.engine.status.needs_review, runtime.engine.status.pending) == (0, 0))
    assert sandbox.order_report("CLASH")["rewarded"] == 1


def test_a_refund_id_gameball_holds_for_another_order_needs_review(till, sandbox):
    runtime, http = till
    other, mine = sell(runtime), sell(runtime)
    wait_until(lambda: order_state(runtime, other) == "delivered" and order_state(runtime, mine) == "delivered")
    with GameballClient(sandbox.url, DEMO_API_KEY, DEMO_SECRET_KEY) as client:  # another till used the id
        client.refund({"customerId": "demo-amira", "refundTransactionId": "R-CLASH", "reverseTransactionId": other,
                       "refundAmount": 5, "transactionTime": to_iso_z(utc_now())})
    runtime.service.accept_refund(validate_refund({"refundTransactionId": "R-CLASH", "reverseTransactionId": mine,
                                                   "refundAmount": 5}, now=utc_now(), currency="USD"))
    wait_until(lambda: runtime.engine.status.needs_review == 1)
    (item,) = ManagerService.from_runtime(runtime).review_items()
    assert (item.kind.value, item.ref_id, item.order_id, item.amount) == ("refund", "R-CLASH", mine, Decimal(5))
    assert http.get(f"/v1/orders/{mine}").json()["refunds"][0]["state"] == "review"
