"""SIGTERM and SIGINT stop the headless process cleanly, and a restart loses nothing."""

import signal
import time

import pytest
from reliability_harness import closed_api_base, order_body, rewarded, wait_for

# The sender's whole-request deadline (`--request-timeout`), short so a stop mid-request is quick.
REQUEST_TIMEOUT = 2.0


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGINT], ids=["SIGTERM", "SIGINT"])
def test_a_signal_stops_cleanly_and_a_restart_delivers_every_order(sig, sandbox_factory, headless_factory):
    sandbox = sandbox_factory(time_scale=10)
    # Gameball is out of reach while the orders come in, so they are all still queued at the signal.
    terminal = headless_factory(closed_api_base(), time_scale=10)
    terminal.start()
    acknowledged = terminal.post_orders([order_body() for _ in range(20)])
    assert terminal.status()["pending"] == 20

    assert terminal.stop(sig) == 0, terminal.console()
    assert "headless: stopped cleanly" in terminal.log_text()
    assert terminal.integrity() == ["ok"]

    terminal.api_base = sandbox.url
    terminal.start()
    terminal.wait_drained(timeout=30)
    states = terminal.order_states()
    books = rewarded(sandbox)
    assert all(states[o] == "delivered" for o in acknowledged), states
    assert all(books.get(o) == 1 for o in acknowledged), books
    assert terminal.stop() == 0


def test_sigterm_while_an_answer_trickles_in_loses_and_duplicates_nothing(sandbox_factory, headless_factory):
    sandbox = sandbox_factory(time_scale=10)
    # Applied at once, answered one byte every 0.2 s: the stop comes while the outcome is still unknown.
    sandbox.faults.trickle(0.2, path="/orders$", method="POST")
    terminal = headless_factory(sandbox.url, time_scale=10, request_timeout=REQUEST_TIMEOUT)
    terminal.start()
    [order] = terminal.post_orders([order_body()])
    wait_for(lambda: sandbox.faults.describe()["injected"].get("trickle"), 10, "the order to reach the sandbox")

    stopping = time.monotonic()
    assert terminal.stop() == 0, terminal.console()
    # The stop waits for the request in flight, which its deadline bounds.
    assert time.monotonic() - stopping < REQUEST_TIMEOUT + 2
    assert "headless: stopped cleanly" in terminal.log_text()
    assert terminal.order_states() == {order: "queued"}

    terminal.start()
    terminal.wait_drained(timeout=30)
    assert terminal.order_states() == {order: "delivered"}
    assert rewarded(sandbox) == {order: 1}
    assert f"order {order} is at Gameball and is this sale: delivered" in terminal.log_text()
    assert terminal.stop() == 0
