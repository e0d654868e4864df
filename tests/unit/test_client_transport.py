"""The client's own guarantees: base URL rules, deadlines, sent-or-not, and keys kept out of sight."""

import logging
import socket
import threading
import time

import httpx
import pytest

from pos_app.domain.address import validate_api_base
from pos_app.gameball.client import GameballClient, Timeouts
from pos_app.gameball.errors import GameballError, Outcome

SECRET = "sk-very-secret-9f8e7d"
API_KEY = "ak-123-public"


@pytest.mark.parametrize("url", ["https://api.gameball.co", "http://127.0.0.1:8080", "http://localhost:1",
                                 "http://[::1]:9000", "https://api.gameball.co/"])
def test_accepted_api_bases(url):
    assert not validate_api_base(url).endswith("/")


@pytest.mark.parametrize("url", ["http://api.gameball.co", "http://10.0.0.5:80", "ftp://x", "https://x/api/v4.0",
                                 "https://x?y=1", "api.gameball.co"])
def test_refused_api_bases_name_the_field(url):
    with pytest.raises(ValueError, match="api_base"):
        validate_api_base(url)


class _RawServer:
    """A loopback TCP server that runs `behaviour(conn)` for each connection."""

    def __init__(self, behaviour):
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(8)
        self.port = self.sock.getsockname()[1]
        self.behaviour = behaviour
        self.stop = threading.Event()
        threading.Thread(target=self._serve, daemon=True).start()

    def _serve(self):
        while not self.stop.is_set():
            try:
                conn, _ = self.sock.accept()
            except OSError:
                return
            threading.Thread(target=self._one, args=(conn,), daemon=True).start()

    def _one(self, conn):
        with conn:
            try:
                conn.recv(65536)
                self.behaviour(conn, self.stop)
            except OSError:
                pass

    def close(self):
        self.stop.set()
        self.sock.close()


def _trickle(conn, stop):
    for byte in b"HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n" + b"x" * 100:
        if stop.wait(0.2):
            return
        conn.sendall(bytes([byte]))


def _drop(conn, stop):
    conn.shutdown(socket.SHUT_RDWR)


def test_a_trickling_server_cannot_hold_a_call_past_its_deadline():
    server = _RawServer(_trickle)
    client = GameballClient(f"http://127.0.0.1:{server.port}", API_KEY, SECRET,
                            timeouts=Timeouts(connect=1, read=1, total=1.5))
    started = time.monotonic()
    with pytest.raises(GameballError) as caught:
        client.track_order({"customerId": "c", "orderId": "o"})
    elapsed = time.monotonic() - started
    server.close()
    assert elapsed < 2.0
    assert caught.value.outcome is Outcome.RETRY and caught.value.maybe_applied


def test_a_dropped_connection_after_sending_may_have_been_applied():
    server = _RawServer(_drop)
    client = GameballClient(f"http://127.0.0.1:{server.port}", API_KEY, SECRET, timeouts=Timeouts(1, 1, 2))
    with pytest.raises(GameballError) as caught:
        client.track_order({"customerId": "c", "orderId": "o"})
    server.close()
    assert caught.value.maybe_applied and caught.value.is_network


def test_a_refused_connection_was_never_sent():
    probe = socket.socket()
    probe.bind(("127.0.0.1", 0))
    port = probe.getsockname()[1]
    probe.close()
    client = GameballClient(f"http://127.0.0.1:{port}", API_KEY, SECRET, timeouts=Timeouts(1, 1, 2))
    with pytest.raises(GameballError) as caught:
        client.track_order({"customerId": "c", "orderId": "o"})
    assert caught.value.outcome is Outcome.RETRY and not caught.value.maybe_applied


def test_error_envelope_becomes_a_classified_error():
    def handler(request):
        return httpx.Response(422, json={"code": 9007, "type": "Transaction Error", "message": "time not valid",
                                         "documentationUrl": "https://docs", "requestId": "req-42"},
                              headers={"Retry-After": "3"})

    client = GameballClient("https://api.gameball.co", API_KEY, SECRET, transport=httpx.MockTransport(handler))
    with pytest.raises(GameballError) as caught:
        client.track_order({"customerId": "c"})
    err = caught.value
    assert (err.status, err.code, err.request_id, err.outcome) == (422, 9007, "req-42", Outcome.FAILED)
    assert err.error_type == "Transaction Error" and err.retry_after == 3.0 and not err.maybe_applied


def test_5xx_may_have_been_applied_and_429_pauses():
    answers = iter([httpx.Response(502, text="bad gateway"), httpx.Response(429, json={})])
    client = GameballClient("https://api.gameball.co", API_KEY, SECRET,
                            transport=httpx.MockTransport(lambda r: next(answers)))
    with pytest.raises(GameballError) as first:
        client.track_order({})
    with pytest.raises(GameballError) as second:
        client.track_order({})
    assert first.value.outcome is Outcome.RETRY and first.value.maybe_applied
    assert second.value.outcome is Outcome.PAUSE


def test_the_secret_key_never_appears_in_repr_errors_or_logs(caplog):
    caplog.set_level(logging.DEBUG)

    def handler(request):
        return httpx.Response(401, json={"code": 1000, "message": "Unauthorized", "requestId": "r"})

    client = GameballClient("https://api.gameball.co", API_KEY, SECRET, transport=httpx.MockTransport(handler))
    with pytest.raises(GameballError) as caught:
        client.get_balance("c")
    texts = [repr(client), str(caught.value), repr(caught.value), caplog.text]
    assert caught.value.outcome is Outcome.PAUSE
    for text in texts:
        assert SECRET not in text and API_KEY not in text


def test_missing_secret_pauses_instead_of_sending():
    sent = []
    client = GameballClient("https://api.gameball.co", API_KEY, None,
                            transport=httpx.MockTransport(lambda r: sent.append(r) or httpx.Response(200)))
    with pytest.raises(GameballError) as caught:
        client.track_order({})
    assert caught.value.outcome is Outcome.PAUSE and caught.value.code == 1001 and not sent
    client.cashback_preview({"totalPaid": 1, "totalDiscount": 0, "totalShipping": 0})
    assert len(sent) == 1
