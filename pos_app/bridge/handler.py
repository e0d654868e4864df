"""HTTP plumbing for the bridge: deadlines, authentication, body limits, error envelopes and the access log.

Order of checks for every request: Host (400 if missing or repeated, 421 if not the bridge's own: DNS
rebinding), a single Authorization header (400), the token (401), route (404/405), then for POST the
body's framing (411, 400, 413), type (415) and JSON (400) before the route's own validation (422).

Deadlines: a kept-alive connection may wait `IDLE_TIMEOUT_S` for its next request; from its first byte a
request has `REQUEST_DEADLINE_S` in all to deliver its request line, headers and body, however slowly
it trickles them (a per-read timeout alone never trips on one byte a second).
"""

from __future__ import annotations

import hmac
import io
import logging
import re
import socket
import time
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from pos_app.bridge import jsonio
from pos_app.bridge.errors import PROTOCOL_CODES, ApiError, storage_error
from pos_app.bridge.routes import Reply, Request, match
from pos_app.domain.errors import Conflict, UnknownOrder, ValidationError
from pos_app.domain.storage import StorageUnavailable

if TYPE_CHECKING:
    from pos_app.bridge.server import BridgeHTTPServer

_log = logging.getLogger(__name__)

MAX_BODY = 1024 * 1024
# How much of a refused body is read and dropped so the refusal reaches the client.
DRAIN_LIMIT = 8 * MAX_BODY
DRAIN_TIMEOUT_S = 2.0
IDLE_TIMEOUT_S = 10.0
# Bounds how long a stalled or trickling client can hold a server thread; a till on loopback sends
# 1 MiB in milliseconds.
REQUEST_DEADLINE_S = 10.0
# Each write of an answer (a client that does not read cannot hold a thread either).
SOCKET_TIMEOUT_S = 10.0
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")
_DIGITS = re.compile(r"[0-9]{1,18}")
_CHARSETS = (None, "utf-8", "utf8")


class _ClientGone(Exception):
    """The client stopped sending its body (timeout, reset, short body): there is no one to answer."""


def _printable(text: str) -> str:
    """Text fit for a log line: no control characters that could forge entries, not too long."""
    return _CONTROL.sub("?", text[:200])


def _domain_error(error: ValidationError | Conflict | UnknownOrder) -> ApiError:
    if isinstance(error, ValidationError):
        return ApiError("validation", str(error), field=error.field)
    if isinstance(error, Conflict):
        return ApiError("conflict", "this id was already accepted with a different body")
    return ApiError("unknown_order", "reverseTransactionId names no order accepted by this terminal",
                    field="reverseTransactionId")


class _DeadlineReader(io.RawIOBase):
    """The connection's reads, each allowed only the time left before the handler's current deadline."""

    def __init__(self, handler: BridgeHandler) -> None:
        self._handler = handler

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: memoryview) -> int:  # type: ignore[override]
        handler = self._handler
        left = handler.deadline - time.monotonic()
        if left <= 0:
            raise TimeoutError("the request took too long")
        handler.connection.settimeout(left)
        count = handler.connection.recv_into(buffer)
        if count and handler.idle:
            # The first byte of a request starts its deadline.
            handler.idle = False
            handler.deadline = time.monotonic() + REQUEST_DEADLINE_S
        return count


class BridgeHandler(BaseHTTPRequestHandler):
    server: BridgeHTTPServer
    protocol_version = "HTTP/1.1"
    server_version = "pos-app-bridge"
    sys_version = ""
    timeout = SOCKET_TIMEOUT_S
    # Headers and body go out as two writes; with Nagle on, the till's delayed ACK holds the body ~40 ms.
    disable_nagle_algorithm = True
    _body_read = False
    # Waiting for a request (stop() and a full server end such connections first), and until when.
    idle = True
    deadline = 0.0
    answered = False  # at least one answer went out on this connection

    def setup(self) -> None:
        super().setup()
        self.rfile.close()
        self.rfile = io.BufferedReader(_DeadlineReader(self))
        self.server.connections.add(self)

    def finish(self) -> None:
        self.server.connections.discard(self)
        super().finish()

    def end_connection(self) -> None:
        """End this connection from another thread: its reads return end-of-file, its writes fail."""
        try:
            self.connection.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass  # already closed

    def handle_one_request(self) -> None:
        if self.server.closing:
            self.close_connection = True
            return
        self.idle = True
        self.deadline = time.monotonic() + IDLE_TIMEOUT_S
        super().handle_one_request()

    def do_GET(self) -> None:
        self._handle()

    # Every method HTTP defines reaches routing, so a known path with another method gets 405 and its
    # Allow header, not 501; a method HTTP does not define stays http.server's 501 (RFC 9110 15.6.2).
    do_POST = do_PUT = do_PATCH = do_DELETE = do_HEAD = do_OPTIONS = do_TRACE = do_CONNECT = do_GET

    def _handle(self) -> None:
        self.idle = False  # a pipelined request may have come from the buffer without a read
        if self.server.closing:
            self.close_connection = True
            return
        started = time.monotonic()
        path = urlsplit(self.path).path
        self._body_read = False
        try:
            self._check_host()
            self._authenticate()
            route, params = match(self.command, path)
            body = self._read_json() if route.method == "POST" else None
            reply = route.action(self.server.api, Request(params, body))
        except ApiError as error:
            reply = Reply.of_error(error)
        except (ValidationError, Conflict, UnknownOrder) as error:
            reply = Reply.of_error(_domain_error(error))
        except StorageUnavailable as error:
            reply = Reply.of_error(storage_error(error))
        except _ClientGone as error:
            _log.info("%s %s: %s", self.command, _printable(path), error)
            self.close_connection = True
            return
        except Exception:
            _log.exception("%s %s failed", self.command, _printable(path))
            reply = Reply.of_error(ApiError("internal", "internal error; see the plugin's log"))
        self._send(reply, with_body=self.command != "HEAD")
        self.answered = True
        _log.info("%s %s %d %.1fms", self.command, _printable(path), reply.status,
                  (time.monotonic() - started) * 1000)

    def _check_host(self) -> None:
        """Only the bridge's own names: a web page whose name was made to resolve to 127.0.0.1 (DNS
        rebinding) reaches this port with its own name in Host, and gets 421 Misdirected Request."""
        hosts = self.headers.get_all("Host") or []
        if len(hosts) > 1:
            raise ApiError("bad_request", "send one Host header")
        if not hosts:
            if self.request_version == "HTTP/1.0":
                return  # HTTP/1.0 has no Host; a browser always sends one
            raise ApiError("bad_request", "a Host header is required")
        if hosts[0].strip().lower() not in self.server.hosts:
            raise ApiError("misdirected_request", "Host must be this bridge's loopback address and port, "
                           "e.g. 127.0.0.1:8741 or localhost:8741")

    def _authenticate(self) -> None:
        if len(self.headers.get_all("Authorization") or []) > 1:
            raise ApiError("bad_request", "send one Authorization header")
        scheme, _, credentials = self.headers.get("Authorization", "").partition(" ")
        given = credentials.strip().encode("utf-8")
        if scheme.lower() != "bearer" or not hmac.compare_digest(given, self.server.token):
            raise ApiError("unauthorized", "a valid bearer token is required",
                           headers={"WWW-Authenticate": 'Bearer realm="pos-app"'})

    def _read_json(self) -> object:
        if "Transfer-Encoding" in self.headers:
            raise ApiError("length_required", "send the body with a Content-Length, not chunked")
        declared = self.headers.get_all("Content-Length") or []
        if not declared:
            raise ApiError("length_required", "a Content-Length header is required")
        if len(set(declared)) != 1 or not _DIGITS.fullmatch(declared[0]):
            raise ApiError("bad_request", "the Content-Length header is not a single number")
        length = int(declared[0])
        if length > MAX_BODY:
            raise ApiError("payload_too_large", f"the body must be at most {MAX_BODY} bytes")
        if (self.headers.get_content_type() != "application/json"
                or self.headers.get_content_charset() not in _CHARSETS):
            raise ApiError("unsupported_media_type", "send Content-Type: application/json (UTF-8)")
        try:
            data = self.rfile.read(length)
        except OSError as error:
            raise _ClientGone(f"reading the body failed: {type(error).__name__}") from None
        if len(data) != length:
            raise _ClientGone("the body ended before its Content-Length")
        self._body_read = True
        return jsonio.parse(data)

    def _send(self, reply: Reply, *, with_body: bool = True) -> None:
        # An unread body is still on the socket: a next request would start inside it.
        unread = not self.close_connection and not self._body_read and (
            "Content-Length" in self.headers or "Transfer-Encoding" in self.headers)
        if unread or self.server.closing:
            self.close_connection = True
        try:
            self.connection.settimeout(SOCKET_TIMEOUT_S)
            self.send_response(reply.status)
            self.send_header("Content-Type", reply.content_type)
            self.send_header("Content-Length", str(len(reply.body)))
            self.send_header("Cache-Control", "no-store")
            self.send_header("X-Content-Type-Options", "nosniff")
            for name, value in reply.headers:
                self.send_header(name, value)
            if self.close_connection:
                self.send_header("Connection", "close")
            self.end_headers()
            if with_body:
                self.wfile.write(reply.body)
            if unread:
                self._discard_unread_body()
        except OSError as error:
            _log.info("could not answer %s: %s", self.command, type(error).__name__)
            self.close_connection = True

    def _discard_unread_body(self) -> None:
        """Closing a socket with unread data makes the kernel reset the connection, which can destroy
        our answer before the client reads it: say we are done, then read and drop, within bounds."""
        self.deadline = time.monotonic() + DRAIN_TIMEOUT_S
        remaining = DRAIN_LIMIT
        try:
            self.connection.shutdown(socket.SHUT_WR)
            while remaining > 0:
                chunk = self.rfile.read1(min(remaining, 65536))
                if not chunk:
                    break
                remaining -= len(chunk)
        except OSError:
            pass  # the client stopped sending or left; the connection is closing either way

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        """http.server's own refusals (bad request line, huge headers, unknown method), in our envelope."""
        error = ApiError(PROTOCOL_CODES.get(code, "bad_request"), HTTPStatus(code).phrase)
        # Sent before the headers were read, or without reading a body: the connection cannot go on.
        self.close_connection = True
        self._send(Reply.of_error(error), with_body=self.command != "HEAD")
        _log.info("refused a request: %d %s", error.status, error.code)

    def log_request(self, code: int | str = "-", size: int | str = "-") -> None:
        """Silenced: http.server would log the raw request line; `_handle` writes the access log."""

    def log_message(self, format: str, *args: object) -> None:
        # http.server reports timeouts and the like here; route them to logging, not stderr.
        _log.info("http: %s", _printable(format % args))
