"""The sandbox misbehaves under the real headless process: a dropped answer, a poison order, a hang, a trickle."""

import re
import time

import pytest
from reliability_harness import closed_api_base, order_body, rewarded, wait_for

from pos_app.store.store import Store
from pos_app.sync.delivery import DeliveryOptions

TIME_SCALE = 10
# The sender's whole-request deadline in these tests (`--request-timeout`), instead of the product's 20 s.
REQUEST_TIMEOUT = 1.0
_RETRY = DeliveryOptions().retry_backoff
# The first retry of an item comes at most this long after its failed attempt: the backoff's first ceiling.
FIRST_RETRY_MAX = min(_RETRY.cap, _RETRY.base)
# Start-up of the engine's next pass, the probe and the check of the order's transactions on loopback.
SLACK = 1.0
POST_ORDERS = "/orders$"
UNKNOWN_OUTCOME = re.compile(r"POST /orders outcome unknown after (\d+) ms")


def _delivered(terminal, order_id):
    return terminal.order(order_id)["state"] == "delivered"


def test_an_order_applied_then_dropped_is_rewarded_once(sandbox_factory, headless_factory):
    sandbox = sandbox_factory(time_scale=TIME_SCALE)
    sandbox.faults.apply_then_drop(path=POST_ORDERS, method="POST")
    terminal = headless_factory(sandbox.url, time_scale=TIME_SCALE)
    terminal.start()
    [order] = terminal.post_orders([order_body()])

    wait_for(lambda: _delivered(terminal, order), 15, "the order to be delivered")
    assert sandbox.faults.describe()["injected"] == {"apply_then_drop": 1}
    assert rewarded(sandbox) == {order: 1}
    assert terminal.order(order)["rewardedPoints"] == sandbox.order_report(order)["rewardedPoints"] > 0
    log = terminal.log_text()
    assert UNKNOWN_OUTCOME.search(log), "the dropped answer was not treated as an unknown outcome"
    assert f"order {order} is at Gameball and is this sale: delivered" in log
    assert terminal.stop() == 0


@pytest.mark.parametrize("batch", [False, True], ids=["one by one", "in a batch"])
def test_one_poison_order_among_50_fails_alone(batch, sandbox_factory, headless_factory):
    sandbox = sandbox_factory(time_scale=TIME_SCALE)
    bodies = [order_body() for _ in range(50)]
    poison = bodies[24]["orderId"]
    sandbox.faults.poison(order_id=poison, code=9007, message="orderDate is not valid")
    if batch:
        # Queued while Gameball is out of reach, the 50 are due together at the restart: one batch, on an
        # account confirmed to take full order bodies by batch.
        terminal = headless_factory(closed_api_base(), time_scale=TIME_SCALE)
        with Store.open_in(terminal.data_dir) as store:
            store.set_setting("batch_full_bodies", True)
        sandbox.api.full_batch_items = True
        terminal.start()
        acknowledged = terminal.post_orders(bodies)
        assert terminal.stop() == 0
        terminal.api_base = sandbox.url
        terminal.start()
    else:
        terminal = headless_factory(sandbox.url, time_scale=TIME_SCALE)
        terminal.start()
        # Online first, so each order goes out as it comes in rather than 50 piling up for a batch.
        wait_for(lambda: terminal.status()["online"], 10, "the terminal to reach the sandbox")
        acknowledged = terminal.post_orders(bodies)

    status = terminal.wait_drained(timeout=30)
    assert status["failed"] == 1
    assert terminal.order(poison)["state"] == "failed"
    others = [o for o in acknowledged if o != poison]
    assert len(others) == 49
    assert all(_delivered(terminal, o) for o in others)
    assert rewarded(sandbox) == {o: 1 for o in others}
    assert ("batch job" in terminal.log_text()) is batch

    [row] = [line for line in terminal.outbox_list("failed").splitlines() if poison in line]
    assert re.search(r"\bfailed\b.*\b9007 orderDate is not valid \(requestId \w+\)", row), row
    assert terminal.stop() == 0


@pytest.mark.parametrize("fault", ["hang", "trickle"])
def test_a_hung_or_trickling_answer_is_abandoned_at_the_deadline_and_retried(fault, sandbox_factory,
                                                                              headless_factory):
    sandbox = sandbox_factory(time_scale=TIME_SCALE)
    if fault == "hang":
        # Silent far past the deadline; the order is not applied, so the retry must send it.
        sandbox.faults.hang(60, path=POST_ORDERS, method="POST")
    else:
        # Applied, then one byte of the answer every 0.2 s: no single read ever times out, only the deadline.
        sandbox.faults.trickle(0.2, path=POST_ORDERS, method="POST")
    terminal = headless_factory(sandbox.url, time_scale=TIME_SCALE, request_timeout=REQUEST_TIMEOUT)
    terminal.start()
    wait_for(lambda: terminal.status()["online"], 10, "the terminal to reach the sandbox")

    posted = time.monotonic()
    [order] = terminal.post_orders([order_body()])
    wait_for(lambda: _delivered(terminal, order), 15, "the order to be delivered", interval=0.01)
    elapsed = time.monotonic() - posted

    assert sandbox.faults.describe()["injected"] == {fault: 1}
    assert rewarded(sandbox) == {order: 1}
    abandoned = [int(ms) for ms in UNKNOWN_OUTCOME.findall(terminal.log_text())]
    assert len(abandoned) == 1, terminal.log_text()
    assert REQUEST_TIMEOUT * 1000 <= abandoned[0] <= REQUEST_TIMEOUT * 1000 + 500, abandoned
    assert REQUEST_TIMEOUT <= elapsed <= REQUEST_TIMEOUT + FIRST_RETRY_MAX + SLACK, elapsed
    if fault == "trickle":
        assert f"order {order} is at Gameball and is this sale: delivered" in terminal.log_text()
    assert terminal.stop() == 0
