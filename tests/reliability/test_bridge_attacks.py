"""Attacks on the real `pos-app --headless` bridge (issue 13 reqs 4, 6, 7, 8; issue 18 req 14): a burst,
malformed numbers and ids, foreign Host headers, unsupported methods, slow clients, the files' modes."""

import http.client
import json
import os
import socket
import stat
import threading
import time
from concurrent.futures import ThreadPoolExecutor

import httpx
import pytest
from reliability_harness import AUTH, TOKEN, closed_api_base, order_body

BURST = 200


@pytest.fixture
def terminal(headless_factory):
    """Offline (Gameball unreachable): what is accepted stays queued, so it can be counted."""
    headless = headless_factory(closed_api_base())
    headless.start()
    return headless


def post_raw(headless, body_text, path="/v1/orders"):
    with headless.client() as client:
        return client.post(f"{headless.url}{path}", content=body_text.encode(),
                           headers={"Content-Type": "application/json"})


def test_every_one_of_200_simultaneous_orders_is_answered_and_kept(terminal):
    bodies = [order_body() for _ in range(BURST)]
    start = threading.Barrier(BURST)

    def post(body):
        # http.client, not httpx: 200 httpx clients cost seconds of TLS set-up before the first byte.
        connection = http.client.HTTPConnection("127.0.0.1", terminal.port, timeout=120)
        start.wait()
        try:
            connection.request("POST", "/v1/orders", json.dumps(body), {**AUTH, "Content-Type": "application/json"})
            return connection.getresponse().status
        finally:
            connection.close()

    with ThreadPoolExecutor(BURST) as pool:
        statuses = list(pool.map(post, bodies))
    assert statuses == [202] * BURST
    assert terminal.status()["pending"] == BURST
    assert set(terminal.order_states()) == {body["orderId"] for body in bodies}


@pytest.mark.parametrize("field", ["totalPaid", "lineItems[0].quantity", "lineItems[0].weight", "extra.n",
                                   "cashbackConfigurations.returnWindow"])
def test_huge_exponents_blank_and_deceptive_ids_are_422_naming_the_field(terminal, field):
    body = order_body()
    body["lineItems"][0].update(weight=1)
    body.update(extra={"n": 1}, cashbackConfigurations={"returnWindow": 3})
    target, steps = body, field.replace("[0]", ".0").split(".")
    for step in steps[:-1]:
        target = target[int(step)] if step.isdigit() else target[step]
    target[steps[-1]] = "HUGE"
    response = post_raw(terminal, json.dumps(body).replace('"HUGE"', "1e999999999"))
    assert (response.status_code, response.json()["error"]["field"]) == (422, field)
    for blank in (" ", "\u00a0", "\u3000", "A\u202eB", "A\u200bB"):
        response = post_raw(terminal, json.dumps({**order_body(), "orderId": blank}))
        assert (response.status_code, response.json()["error"]["field"]) == (422, "orderId")
    # Nothing was kept, nothing crashed.
    assert terminal.status()["pending"] == 0
    assert "Traceback" not in terminal.log_text()


def test_refunds_with_a_huge_amount_are_422(terminal):
    body = order_body()
    terminal.post_orders([body])
    refund = {"refundTransactionId": "R-1", "reverseTransactionId": body["orderId"], "refundAmount": "HUGE"}
    response = post_raw(terminal, json.dumps(refund).replace('"HUGE"', "1e999999999"), "/v1/refunds")
    assert (response.status_code, response.json()["error"]["field"]) == (422, "refundAmount")


def test_an_order_date_with_an_offset_is_accepted_and_the_same_instant_is_the_same_order(terminal):
    body = {**order_body(), "orderDate": "2026-12-02T10:43:17.5+03:00"}
    terminal.post_orders([body])
    again = {**body, "orderDate": "2026-12-02T07:43:17.500Z"}
    with terminal.client() as client:
        response = client.post(f"{terminal.url}/v1/orders", json=again)
    assert response.status_code == 202
    stored = terminal.query("SELECT order_date FROM orders WHERE order_id = ?", (body["orderId"],))
    assert stored == [("2026-12-02T07:43:17.500Z",)]


def test_foreign_hosts_methods_and_repeated_credentials_are_refused(terminal):
    with httpx.Client(headers=AUTH, timeout=5) as client:
        rebinding = client.get(f"{terminal.url}/v1/status", headers={"Host": f"attacker.example:{terminal.port}"})
        assert (rebinding.status_code, rebinding.json()["error"]["code"]) == (421, "misdirected_request")
        for method in ("OPTIONS", "TRACE"):
            response = client.request(method, f"{terminal.url}/v1/status")
            assert (response.status_code, response.headers["allow"]) == (405, "GET")
    with socket.create_connection(("127.0.0.1", terminal.port), timeout=5) as sock:
        sock.sendall(f"GET /v1/status HTTP/1.1\r\nHost: 127.0.0.1:{terminal.port}\r\nAuthorization: Bearer "
                     f"{TOKEN}\r\nAuthorization: Bearer {TOKEN}\r\nConnection: close\r\n\r\n".encode())
        assert sock.recv(65536).startswith(b"HTTP/1.1 400")


def test_localhost_reaches_the_bridge_on_either_loopback(terminal):
    with httpx.Client(headers=AUTH, timeout=5) as client:
        assert client.get(f"http://localhost:{terminal.port}/v1/status").status_code == 200
        try:
            socket.socket(socket.AF_INET6).close()
            response = client.get(f"http://[::1]:{terminal.port}/v1/status")
        except (OSError, httpx.ConnectError):
            pytest.skip("no IPv6 loopback on this machine")
        assert response.status_code == 200


@pytest.mark.slow
def test_trickling_clients_are_cut_off_and_others_are_served_meanwhile(terminal):
    """30 clients send a header byte a second, for ever; the bridge ends each at its request deadline (10 s)
    and answers a normal client all along."""
    socks = [socket.create_connection(("127.0.0.1", terminal.port), timeout=5) for _ in range(30)]
    cut = set()
    try:
        for sock in socks:
            sock.sendall(b"GET /v1/status HTTP/1.1\r\nHost: 127.0.0.1\r\n")
        deadline = time.monotonic() + 60
        while len(cut) < len(socks) and time.monotonic() < deadline:
            for index, sock in enumerate(socks):
                if index in cut:
                    continue
                try:
                    sock.sendall(b"X")
                except OSError:
                    cut.add(index)
            assert terminal.status()["online"] is not None
            time.sleep(1)
    finally:
        for sock in socks:
            sock.close()
    assert len(cut) == len(socks)


@pytest.mark.skipif(os.name != "posix", reason="POSIX modes")
def test_the_data_directory_and_its_files_are_private_under_umask_000(headless_factory):
    headless = headless_factory(closed_api_base(), umask=0)
    headless.start()
    headless.post_orders([order_body()])
    headless.stop()
    modes = {path.relative_to(headless.data_dir).as_posix(): stat.S_IMODE(path.stat().st_mode)
             for path in [headless.data_dir, *headless.data_dir.rglob("*")]}
    assert modes.pop(".") == 0o700
    assert modes.pop("logs") == 0o700
    assert {"pos-app.sqlite3", "sender.lock", "logs/pos-app.log"} <= set(modes)
    assert modes == dict.fromkeys(modes, 0o600)
