"""Batch jobs: asynchronous completion, and a batch item rewarded exactly like the same order alone."""

import pytest
from sandbox_helpers import batch_item, checked, client_for, error_code, line, order_body, wait_until

from pos_app.sandbox import Sandbox

STATUS = "/batches/{batchId}/status"


@pytest.fixture
def sandbox():
    # Jobs complete at the third status poll (or after 2 real seconds, longer than any test here).
    with Sandbox(demo=True, batch_polls=3) as running:
        yield running


def submit(gb, path, items):
    answer = gb.post(path, json={"body": items})
    return checked(answer, "POST", path)["jobId"]


def status(gb, job_id):
    return checked(gb.get(f"/batches/{job_id}/status"), "GET", STATUS)


def test_batch_orders_complete_after_polls(gb, sandbox):
    items = [batch_item("B-1", total_paid=10), batch_item("B-2", customer_id="batch-new", total_paid=20)]
    job_id = submit(gb, "/batch/orders", items)
    assert isinstance(job_id, int)
    assert "B-1" not in sandbox.state.orders  # nothing applied yet: the job is asynchronous
    first = status(gb, job_id)
    assert (first["status"], first["results"], first["totalItems"]) == ("pending", [], 2)
    assert first["progress"] == 0
    assert status(gb, job_id)["status"] == "processing"
    done = status(gb, job_id)
    assert done["status"] == "completed"
    assert (done["progress"], done["processedItems"], done["failedItems"]) == (100, 2, 0)
    assert [(r["orderId"], r["status"]) for r in done["results"]] == [("B-1", "success"), ("B-2", "success")]
    assert done["results"][0]["response"]["rewardedPoints"] == 15  # Gold tier, as for a single order
    assert sandbox.state.rewarded["B-1"] == sandbox.state.rewarded["B-2"] == 1
    assert status(gb, job_id) == done


def test_batch_orders_complete_after_the_delay_without_polling():
    # 2 sandbox seconds at 100x: 0.02 real seconds.
    with Sandbox(demo=True, time_scale=100, batch_polls=1000) as sandbox, client_for(sandbox) as gb:
        job_id = submit(gb, "/batch/orders", [batch_item("B-T", total_paid=10)])
        wait_until(lambda: "B-T" in sandbox.state.orders)
        assert status(gb, job_id)["status"] == "completed"


def test_batch_item_is_rewarded_exactly_like_a_single_order():
    lines = [line("P-1004", 30, 2, category=["electronics"]), line("P-1013", 12.5, discount=2.5,
                                                                    category=["organic"])]
    bodies = [
        order_body("SAME-1", total_paid=57.5, lines=lines),
        order_body("SAME-2", customer_id="demo-omar", total_paid=12),
        order_body("SAME-3", customer_id="someone-new", total_paid=99.99, lines=lines),
    ]
    with Sandbox(demo=True) as single, client_for(single) as gb:
        alone = [gb.post("/orders", json=body).json() for body in bodies]
        balances_alone = [gb.get(f"/customers/{b['customerId']}/balance").json() for b in bodies]
    with Sandbox(demo=True, batch_polls=1) as batched, client_for(batched) as gb:
        batched.api.full_batch_items = True  # line items: only an account confirmed for full bodies
        job_id = submit(gb, "/batch/orders", bodies)
        results = status(gb, job_id)["results"]
        balances_batched = [gb.get(f"/customers/{b['customerId']}/balance").json() for b in bodies]
    assert [r["response"] for r in results] == alone
    for balance in balances_alone + balances_batched:
        balance.pop("nextExpiringPointsDate", None)  # set when each sandbox seeded its demo data
    assert balances_batched == balances_alone


def test_batch_item_errors_are_per_item(gb, sandbox):
    assert gb.post("/orders", json=order_body("DONE", total_paid=10)).status_code == 200
    sandbox.faults.poison(order_id="POISON", code=3003)
    future = batch_item("FUTURE", orderDate="2999-01-01T00:00:00.000Z")
    items = [batch_item("DONE"), batch_item("POISON"), future, batch_item("FINE", total_paid=10)]
    job_id = submit(gb, "/batch/orders", items)
    for _ in range(2):
        status(gb, job_id)
    done = status(gb, job_id)
    results = {r["orderId"]: r for r in done["results"]}
    assert done["failedItems"] == 3
    assert {order_id: r["error"]["code"] for order_id, r in results.items() if r["status"] == "failed"} == {
        "DONE": 9004, "POISON": 3003, "FUTURE": 9007}
    assert set(results["DONE"]["error"]) == {"code", "type", "message", "documentationUrl", "requestId"}
    assert results["FINE"]["status"] == "success"
    assert sandbox.state.rewarded["DONE"] == 1


def test_batch_order_transactions(gb):
    gb.post("/orders", json=order_body("T-1", total_paid=10))
    gb.post("/orders", json=order_body("T-2", total_paid=20))
    job_id = submit(gb, "/batch/orders/transactions", ["T-1", "T-2", "MISSING"])
    for _ in range(2):
        status(gb, job_id)
    results = status(gb, job_id)["results"]
    assert [r["orderId"] for r in results] == ["T-1", "T-2", "MISSING"]
    assert results[0]["count"] == 1
    assert results[1]["transactions"][0]["equivalentPoints"] == 30
    assert results[1]["transactions"] == gb.get("/orders/T-2/transactions").json()["transactions"]
    assert (results[2]["status"], results[2]["error"]["code"]) == ("failed", 9002)


@pytest.mark.parametrize(
    "item",
    [order_body("FULL"), batch_item("GUEST", guest=True), batch_item("HOLD", redemption={"pointsHoldReference": "h"}),
     batch_item("TYPE", totalPaid="10")],
    ids=["channel-merchant", "guest", "hold", "type"],
)
def test_a_batch_item_is_the_documented_four_fields_or_the_request_is_refused(gb, sandbox, item):
    answer = gb.post("/batch/orders", json={"body": [batch_item("OK"), item]})
    assert (answer.status_code, error_code(answer)) == (400, 3016)
    assert "body[1]" in answer.json()["message"]
    assert "OK" not in sandbox.state.orders


def test_an_account_confirmed_for_full_batch_bodies_takes_them(gb, sandbox):
    sandbox.api.full_batch_items = True
    job_id = submit(gb, "/batch/orders", [order_body("FULL-1", total_paid=10)])
    wait_until(lambda: status(gb, job_id)["status"] == "completed")
    assert sandbox.state.rewarded["FULL-1"] == 1


def test_batch_request_errors(gb):
    assert error_code(gb.post("/batch/orders", json={})) == 3000
    assert error_code(gb.post("/batch/orders", json={"body": [{"orderId": "x"}]})) == 3000
    assert error_code(gb.post("/batch/orders/transactions", json={"body": []})) == 3016
    assert error_code(gb.get("/batches/424242/status")) == 4004
    assert error_code(gb.get("/batches/not-a-number/status")) == 4004
