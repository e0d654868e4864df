"""The bridge's listeners: deadlines for slow clients, connections closed on stop, the bind retried after a
restart, and [::1] bound beside 127.0.0.1 (issues 13.4, 18.4, 18.14)."""

import errno
import logging
import socket
import threading
import time

import httpx
import pytest
from sandbox_helpers import wait_until

from pos_app.bridge import handler as handler_module
from pos_app.bridge import server as server_module
from pos_app.bridge.server import BridgeServer
from pos_app.services.till import TerminalStatus

TOKEN = "test-token-0123456789abcdef"
AUTH = {"Authorization": f"Bearer {TOKEN}"}
STATUS = TerminalStatus(True, 0, 0, None, "0.1.0", None, None)
STATUS_JSON = {"online": True, "pending": 0, "failed": 0, "needsReview": 0, "shortfalls": 0,
               "lastSyncAt": None, "version": "0.1.0", "paused": None,
               "message": None, "storage": "ok"}


class StatusOnly:
    """Enough of the service for these tests: only /v1/status is asked."""

    def currency(self):
        return "USD"

    def status(self):
        return STATUS


def ipv6_loopback() -> bool:
    if not socket.has_ipv6:
        return False
    try:
        with socket.socket(socket.AF_INET6) as probe:
            probe.bind(("::1", 0))
    except OSError:
        return False
    return True


needs_ipv6 = pytest.mark.skipif(not ipv6_loopback(), reason="this machine has no IPv6 loopback")


@pytest.fixture
def bridge():
    server = BridgeServer(StatusOnly(), TOKEN, port=0)
    server.start()
    yield server
    server.stop()


def held_port(family=socket.AF_INET, address="127.0.0.1", port=0):
    """A listening socket another program might hold (no SO_REUSEADDR)."""
    holder = socket.socket(family)
    if family == socket.AF_INET6:
        holder.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 1)
    holder.bind((address, port))
    holder.listen()
    return holder


# --- 18.4: a restart rebinds its port -------------------------------------------------------------


def test_stop_closes_kept_alive_connections_and_the_port_is_bound_again_at_once(monkeypatch):
    # Left to itself the bridge would keep the idle connection (and with it the port, on Windows) this long.
    monkeypatch.setattr(handler_module, "IDLE_TIMEOUT_S", 120.0)
    first = BridgeServer(StatusOnly(), TOKEN, port=0)
    first.start()
    port = first.port
    with socket.create_connection(("127.0.0.1", port), timeout=5) as kept:
        kept.sendall(f"GET /v1/status HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nAuthorization: Bearer {TOKEN}\r\n\r\n"
                     .encode())
        answer = b""
        while not answer.endswith(b"}"):
            answer += kept.recv(65536)
        assert answer.startswith(b"HTTP/1.1 200")
        stopping = threading.Thread(target=first.stop)
        stopping.start()
        stopping.join(60)
        assert not stopping.is_alive(), "stop() waited for the kept-alive connection"
        assert kept.recv(1) == b"", "the kept-alive connection is still open after stop()"
    second = BridgeServer(StatusOnly(), TOKEN, port=port, bind_wait_s=0)
    second.start()
    try:
        assert httpx.get(f"{second.url}/v1/status", headers=AUTH).status_code == 200
    finally:
        second.stop()


def test_a_request_in_progress_at_stop_still_gets_its_answer():
    release = threading.Event()
    entered = threading.Event()

    class Slow(StatusOnly):
        def status(self):
            entered.set()
            release.wait(5)
            return STATUS

    server = BridgeServer(Slow(), TOKEN, port=0)
    server.start()
    answers = []
    asking = threading.Thread(target=lambda: answers.append(httpx.get(f"{server.url}/v1/status", headers=AUTH)))
    asking.start()
    assert entered.wait(5)
    stopping = threading.Thread(target=server.stop)
    stopping.start()
    release.set()
    stopping.join(10)
    asking.join(10)
    assert not stopping.is_alive()
    assert answers[0].status_code == 200 and answers[0].headers["connection"] == "close"


def test_the_bind_is_retried_while_the_port_is_held_and_succeeds_once_it_is_free(caplog):
    caplog.set_level(logging.INFO, logger=server_module.__name__)
    holder = held_port()
    port = holder.getsockname()[1]
    server = BridgeServer(StatusOnly(), TOKEN, port=port, bind_wait_s=30)
    starting = threading.Thread(target=server.start)
    starting.start()
    try:
        wait_until(lambda: "in use; trying again" in caplog.text)
        holder.close()
        starting.join(30)
        assert server.port == port
        assert httpx.get(f"{server.url}/v1/status", headers=AUTH).status_code == 200
    finally:
        holder.close()
        starting.join(30)
        server.stop()


def test_a_port_held_for_longer_than_the_wait_is_an_error():
    with held_port() as holder:
        server = BridgeServer(StatusOnly(), TOKEN, port=holder.getsockname()[1], bind_wait_s=0)
        with pytest.raises(OSError) as caught:
            server.start()
    assert caught.value.errno == errno.EADDRINUSE


# --- 18.14: localhost works, and nobody else holds [::1] ------------------------------------------


@needs_ipv6
def test_listens_on_ipv6_loopback_too_so_localhost_works(bridge):
    assert bridge.addresses == [f"127.0.0.1:{bridge.port}", f"[::1]:{bridge.port}"]
    assert httpx.get(f"http://[::1]:{bridge.port}/v1/status", headers=AUTH).json() == STATUS_JSON
    assert httpx.get(f"http://localhost:{bridge.port}/v1/status", headers=AUTH).json() == STATUS_JSON


@needs_ipv6
def test_refuses_to_start_while_another_program_holds_ipv6_loopback():
    with held_port(socket.AF_INET6, "::1") as holder:
        port = holder.getsockname()[1]
        server = BridgeServer(StatusOnly(), TOKEN, port=port, bind_wait_s=0)
        with pytest.raises(OSError) as caught:
            server.start()
    assert "[::1]" in str(caught.value)
    # Nothing is left listening on 127.0.0.1 either.
    with pytest.raises(OSError):
        socket.create_connection(("127.0.0.1", port), timeout=1)


def test_without_ipv6_loopback_it_listens_on_127_0_0_1_alone(monkeypatch):
    def no_ipv6_loopback(self):
        raise OSError(errno.EADDRNOTAVAIL, "Cannot assign requested address")

    monkeypatch.setattr(server_module.BridgeHTTPServer6, "server_bind", no_ipv6_loopback)
    server = BridgeServer(StatusOnly(), TOKEN, port=0)
    server.start()
    try:
        assert server.addresses == [f"127.0.0.1:{server.port}"]
        assert httpx.get(f"{server.url}/v1/status", headers=AUTH).status_code == 200
    finally:
        server.stop()


# --- 13.4: slow clients cannot hold a thread ----------------------------------------------------


def cut_off_while_trickling(port, prefix, text, every=0.05, limit=20.0):
    """Send `prefix` at once, then `text` a byte at a time; True if the bridge closed the connection
    before all of it was sent (a write fails once the bridge has closed its end)."""
    with socket.create_connection(("127.0.0.1", port), timeout=limit) as sock:
        sock.sendall(prefix.encode())
        for byte in text.encode():
            try:
                sock.sendall(bytes([byte]))
            except OSError:
                return True
            time.sleep(every)
        return False


@pytest.mark.parametrize("part", ["headers", "body"])
def test_a_trickling_client_is_cut_off_at_the_request_deadline(bridge, monkeypatch, part):
    # Every byte arrives well within any per-read timeout; the request as a whole takes 20 s.
    monkeypatch.setattr(handler_module, "REQUEST_DEADLINE_S", 0.5)
    head = f"POST /v1/orders HTTP/1.1\r\nHost: 127.0.0.1:{bridge.port}\r\nAuthorization: Bearer {TOKEN}\r\n"
    body = "{" + '"a": 1, ' * 49 + '"b": 2}'
    if part == "headers":
        assert cut_off_while_trickling(bridge.port, "", head + "X-Slow: " + "a" * 400 + "\r\n\r\n")
    else:
        framing = f"Content-Type: application/json\r\nContent-Length: {len(body)}\r\n\r\n"
        assert cut_off_while_trickling(bridge.port, head + framing, body)
    # The bridge still serves everyone else.
    assert httpx.get(f"{bridge.url}/v1/status", headers=AUTH).status_code == 200
