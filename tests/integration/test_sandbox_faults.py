"""Misbehaviour on demand: every fault, from Python and over the /_sandbox admin paths."""

import socket
import time

import httpx
import pytest
from sandbox_helpers import KEYS, PREFIX, checked, client_for, error_code, order_body, wait_until

CONFIG = "/configurations/rewards/cashback"
NETWORK_ERRORS = (httpx.ReadError, httpx.RemoteProtocolError, httpx.WriteError, httpx.ConnectError)


def admin(sandbox, method, path, body=None):
    return httpx.request(method, sandbox.url + "/_sandbox" + path, json=body, timeout=5)


@pytest.mark.parametrize("status, code", [(500, 5000), (503, 5003), (429, 429)])
def test_answer_status_for_the_next_requests(gb, sandbox, status, code):
    sandbox.faults.answer(status, count=2, retry_after=2)
    for _ in range(2):
        answer = gb.post("/orders", json=order_body("F-1"))
        assert (answer.status_code, error_code(answer)) == (status, code)
        assert answer.headers["Retry-After"] == "2"
        checked(answer, "POST", "/orders")
    assert "F-1" not in sandbox.state.orders  # an injected answer applies nothing
    assert gb.post("/orders", json=order_body("F-1")).status_code == 200
    stats = sandbox.stats()
    assert stats["faults_injected"]["answer"] == 2
    assert stats["rate_limited"] == 0  # injected 429s are not real over-limit answers


def test_answer_for_a_path_pattern_until_cleared(gb, sandbox):
    sandbox.faults.answer(503, count=None, path=r"/orders$", method="POST")
    for index in range(3):
        assert gb.post("/orders", json=order_body(f"F-{index}")).status_code == 503
    assert "Retry-After" not in gb.post("/orders", json=order_body("F-9")).headers
    assert gb.get(CONFIG).status_code == 200
    assert gb.get("/orders/F-1/transactions").status_code == 404
    sandbox.faults.clear()
    assert gb.post("/orders", json=order_body("F-1")).status_code == 200


def test_apply_then_answer_500(gb, sandbox):
    sandbox.faults.answer(500, apply=True, path="/orders$")
    assert gb.post("/orders", json=order_body("F-A")).status_code == 500
    assert sandbox.state.rewarded["F-A"] == 1
    assert error_code(gb.post("/orders", json=order_body("F-A"))) == 9004


def test_apply_then_drop(gb, sandbox):
    sandbox.faults.apply_then_drop(path="/orders$")
    with pytest.raises(httpx.RemoteProtocolError):
        gb.post("/orders", json=order_body("F-D", total_paid=10))
    assert sandbox.state.rewarded["F-D"] == 1
    assert gb.get("/orders/F-D/transactions").json()["count"] == 1  # the probe finds it
    assert error_code(gb.post("/orders", json=order_body("F-D", total_paid=10))) == 9004
    assert admin(sandbox, "GET", "/orders/F-D").json()["rewarded"] == 1


def test_hang_then_close_unanswered(gb, sandbox):
    sandbox.faults.hang(0.3, path="/orders$")
    with pytest.raises(httpx.ReadTimeout):
        gb.post("/orders", json=order_body("F-H"), timeout=0.1)
    sandbox.faults.hang(0.1)
    started = time.monotonic()
    with pytest.raises(httpx.RemoteProtocolError):
        gb.post("/orders", json=order_body("F-H"))
    assert time.monotonic() - started >= 0.1
    assert "F-H" not in sandbox.state.orders
    assert gb.post("/orders", json=order_body("F-H")).status_code == 200


def test_trickle_sends_one_byte_at_a_time(sandbox):
    sandbox.faults.trickle(0.05)
    with socket.create_connection(("127.0.0.1", sandbox.port), timeout=2) as raw:
        request = f"GET {PREFIX}{CONFIG} HTTP/1.1\r\nHost: x\r\nAPIKey: {KEYS['APIKey']}\r\n\r\n"
        raw.sendall(request.encode())
        started = time.monotonic()
        chunks = [raw.recv(1024) for _ in range(4)]
        elapsed = time.monotonic() - started
    assert chunks == [b"H", b"T", b"T", b"P"]
    assert elapsed >= 0.14


def test_trickled_answer_arrives_whole_and_the_order_is_applied(gb, sandbox):
    sandbox.faults.trickle(0.0005, path="/orders$")
    answer = gb.post("/orders", json=order_body("F-T", total_paid=10))
    assert answer.json()["rewardedPoints"] == 15
    assert sandbox.state.rewarded["F-T"] == 1


def test_latency(gb, sandbox):
    sandbox.faults.latency(150, count=1)
    started = time.monotonic()
    assert gb.get(CONFIG).status_code == 200
    assert time.monotonic() - started >= 0.15
    started = time.monotonic()
    gb.get(CONFIG)
    assert time.monotonic() - started < 0.15


def test_refuse_by_reset(sandbox):
    sandbox.faults.refuse("reset", count=1)
    with pytest.raises(NETWORK_ERRORS), client_for(sandbox) as fresh:
        fresh.get(CONFIG)
    with client_for(sandbox) as fresh:
        assert fresh.get(CONFIG).status_code == 200


def test_refuse_by_reset_reaches_kept_alive_connections(gb, sandbox):
    assert gb.get(CONFIG).status_code == 200
    sandbox.faults.refuse("reset", count=1)
    with pytest.raises(NETWORK_ERRORS):
        gb.get(CONFIG)
    assert gb.get(CONFIG).status_code == 200


def test_refuse_by_closing_the_listening_socket(gb, sandbox):
    assert gb.get(CONFIG).status_code == 200  # a kept-alive connection, cut too
    sandbox.faults.refuse("closed")
    with pytest.raises(httpx.ConnectError):
        gb.get(CONFIG)
    with pytest.raises(httpx.ConnectError), client_for(sandbox) as fresh:
        fresh.get(CONFIG)
    sandbox.faults.clear()
    assert gb.get(CONFIG).status_code == 200  # the same port again


def test_refuse_closed_for_some_seconds_over_http(gb, sandbox):
    answer = admin(sandbox, "POST", "/faults", {"kind": "refuse", "mode": "closed", "seconds": 0.3})
    assert answer.status_code == 200
    with pytest.raises(httpx.ConnectError):
        gb.get(CONFIG)
    wait_until(lambda: _reachable(gb), timeout=3)


def _reachable(gb):
    try:
        return gb.get(CONFIG).status_code == 200
    except httpx.TransportError:
        return False


@pytest.mark.parametrize("code, status", [(3003, 422), (9007, 422), (3016, 400)])
def test_poison_order(gb, sandbox, code, status):
    sandbox.faults.poison(order_id="POISON-1", code=code)
    for _ in range(2):
        answer = gb.post("/orders", json=order_body("POISON-1"))
        assert (answer.status_code, error_code(answer)) == (status, code)
    assert "POISON-1" not in sandbox.state.orders
    assert gb.post("/orders", json=order_body("OTHER")).status_code == 200


def test_poison_customer(gb, sandbox):
    sandbox.faults.poison(customer_id="demo-omar", code=3003, message="blocked customer")
    answer = gb.get("/customers/demo-omar/balance")
    assert (answer.status_code, answer.json()["message"]) == (422, "blocked customer")
    assert error_code(gb.post("/orders", json=order_body("P-C", customer_id="demo-omar"))) == 3003
    assert gb.get("/customers/demo-amira/balance").status_code == 200


def test_admin_faults_over_http(gb, sandbox):
    body = {"faults": [{"kind": "answer", "status": 503, "count": 1, "retry_after": 1},
                       {"kind": "poison", "order_id": "BAD", "code": 9007}]}
    described = admin(sandbox, "POST", "/faults", body).json()
    assert described["rules"][0]["status"] == 503
    assert described["poisonedOrders"] == {"BAD": 9007}
    assert gb.get(CONFIG).status_code == 503
    assert error_code(gb.post("/orders", json=order_body("BAD"))) == 9007
    assert admin(sandbox, "GET", "/faults").json()["injected"] == {"answer": 1, "poison": 1}
    assert admin(sandbox, "DELETE", "/faults").json()["poisonedOrders"] == {}
    assert gb.post("/orders", json=order_body("BAD")).status_code == 200


def test_admin_rejects_bad_fault_requests(sandbox):
    assert admin(sandbox, "POST", "/faults", {"kind": "explode"}).status_code == 400
    assert admin(sandbox, "POST", "/faults", {"kind": "answer", "status": 418}).status_code == 400
    assert admin(sandbox, "POST", "/faults", {"kind": "answer", "status": 500, "bogus": 1}).status_code == 400
    assert admin(sandbox, "POST", "/faults", {"kind": "refuse", "mode": "closed"}).status_code == 400
    assert admin(sandbox, "GET", "/nothing").status_code == 404


def test_admin_reset_stats_orders_and_clock(gb, sandbox):
    gb.post("/orders", json=order_body("ADM-1"))
    report = admin(sandbox, "GET", "/orders/ADM-1").json()
    assert report == {"orderId": "ADM-1", "known": True, "rewarded": 1, "rewardedPoints": 150,
                      "redeemedPoints": 0, "refundedShare": 0.0}
    assert admin(sandbox, "GET", "/orders/NONE").json()["known"] is False
    hold = {"customerId": "demo-amira", "transactionTime": "2024-01-01T00:00:00Z", "pointsToHold": 100}
    reference = gb.post("/transactions/hold", json=hold).json()["holdReference"]
    admin(sandbox, "POST", "/clock", {"advance": 3600})
    assert gb.get(f"/transactions/hold/{reference}").json()["state"] == "expired"
    sandbox.faults.latency(1)
    assert admin(sandbox, "POST", "/reset").json() == {"reset": True}
    assert admin(sandbox, "GET", "/orders/ADM-1").json()["rewarded"] == 0
    stats = admin(sandbox, "GET", "/stats").json()
    assert (stats["requests"], stats["orders"], stats["customers"]) == (0, 0, 6)  # demo customers are back
    assert sandbox.faults.describe()["rules"] == []


def test_switching_from_closed_to_reset_listens_again(gb, sandbox):
    sandbox.faults.refuse("closed")
    with pytest.raises(httpx.ConnectError):
        gb.get(CONFIG)
    sandbox.faults.refuse("reset", count=1)
    with pytest.raises(NETWORK_ERRORS):
        gb.get(CONFIG)
    assert gb.get(CONFIG).status_code == 200
