"""The bridge server: the local HTTP API the host POS calls, on the loopback addresses only (DESIGN.md section 5).

It listens on 127.0.0.1 and, where the machine has an IPv6 loopback, on [::1] with the same port: Windows
resolves `localhost` to ::1 first, and a port on ::1 left free could be taken by another program, which
would then receive the till's requests and its bearer token.

`http.server` is kept, with what its defaults lack for production: a real listen backlog, a bounded
number of connections served at once, a deadline on each request and on idle kept-alive connections,
and connections closed when the bridge stops (see `handler.py`; the figures are in bench/README.md).
"""

from __future__ import annotations

import errno
import logging
import os
import re
import socket
import socketserver
import threading
import time
from http.server import ThreadingHTTPServer
from typing import Any

from pos_app.bridge.customers import BridgeCustomers
from pos_app.bridge.handler import BridgeHandler
from pos_app.bridge.routes import Api
from pos_app.bridge.service import BridgeService
from pos_app.resources import resource_path

_log = logging.getLogger(__name__)

LOOPBACK = "127.0.0.1"
IPV6_LOOPBACK = "::1"
DEFAULT_PORT = 8741
# The token is generated at first run; a short one is a configuration mistake, not a secret. Its
# characters are RFC 6750's b64token, so it travels in the Authorization header as it is.
MIN_TOKEN_LENGTH = 16
_TOKEN = re.compile(rf"[A-Za-z0-9._~+/=-]{{{MIN_TOKEN_LENGTH},}}")
# socketserver's default of 5 left a burst of 200 tills' connections retrying SYNs for seconds; the
# kernel caps this at its own maximum (net.core.somaxconn, 4096 on current Linux).
LISTEN_BACKLOG = 1024
# Connections served at once; more wait in the backlog (a till keeps one or two open).
MAX_CONNECTIONS = 64
# After a restart (a manager saved settings) the old listener's connections may still hold the port
# for a moment; Windows refuses an exclusive bind meanwhile. Longer than the idle keep-alive timeout.
BIND_WAIT_S = 12.0
BIND_RETRY_S = 0.2
# How long stop() lets requests in progress finish before it cuts their connections.
STOP_GRACE_S = 2.0
# How often a listener looks whether it was told to stop.
SHUTDOWN_POLL_S = 0.25
_WSAEACCES = 10013


def _in_use(error: OSError) -> bool:
    """The port is held by another socket (on Windows an exclusive holder answers WSAEACCES)."""
    return error.errno == errno.EADDRINUSE or getattr(error, "winerror", None) == _WSAEACCES


class Connections:
    """The accepted connections of every listener: at most `limit` are served at once, and all of them can
    be ended when the bridge stops."""

    def __init__(self, limit: int) -> None:
        self._slots = threading.Semaphore(limit)
        self._lock = threading.Lock()
        self._handlers: set[BridgeHandler] = set()
        self.closing = False

    def admit(self) -> bool:
        """Wait for a free slot; False once the bridge is stopping. When every slot is taken, kept-alive
        connections waiting for their next request are ended so that a new client is not kept waiting."""
        if self._slots.acquire(blocking=False):
            return True
        self.end(kept_alive_only=True)
        while not self.closing:
            if self._slots.acquire(timeout=0.05):
                return True
        return False

    def release(self) -> None:
        self._slots.release()

    def add(self, handler: BridgeHandler) -> None:
        with self._lock:
            self._handlers.add(handler)

    def discard(self, handler: BridgeHandler) -> None:
        with self._lock:
            self._handlers.discard(handler)

    def _snapshot(self) -> list[BridgeHandler]:
        with self._lock:
            return list(self._handlers)

    def busy(self) -> int:
        """Connections inside a request (not waiting for the next one)."""
        return sum(1 for handler in self._snapshot() if not handler.idle)

    def end(self, *, idle_only: bool = False, kept_alive_only: bool = False) -> None:
        """End connections: all, those waiting for a request (`idle_only`; a new one may have sent its first
        request already), or those waiting for another after being answered (`kept_alive_only`)."""
        for handler in self._snapshot():
            waiting = handler.idle and (handler.answered or not kept_alive_only)
            if waiting or not (idle_only or kept_alive_only):
                handler.end_connection()


class BridgeHTTPServer(ThreadingHTTPServer):
    """One thread per connection, at most `MAX_CONNECTIONS` at once; the handler reaches the routes, the
    token and the accepted Host names through the server."""

    daemon_threads = True
    # server_close() waits for the connection threads, which stop() has told to finish.
    block_on_close = True
    request_queue_size = LISTEN_BACKLOG
    # On Windows SO_REUSEADDR lets another program bind the same port and take the till's requests
    # (and its token); SO_EXCLUSIVEADDRUSE forbids that. Elsewhere SO_REUSEADDR only skips TIME_WAIT.
    allow_reuse_address = not hasattr(socket, "SO_EXCLUSIVEADDRUSE")

    def __init__(self, address: tuple[str, int], api: Api, token: bytes, connections: Connections) -> None:
        self.api = api
        self.token = token
        self.connections = connections
        # Host header values this bridge answers to (DNS rebinding); set once the port is known.
        self.hosts: frozenset[str] = frozenset()
        super().__init__(address, BridgeHandler)

    @property
    def closing(self) -> bool:
        """Set by stop(): a kept-alive connection must not reach a service that is shutting down."""
        return self.connections.closing

    def server_bind(self) -> None:
        if hasattr(socket, "SO_EXCLUSIVEADDRUSE"):
            self.socket.setsockopt(socket.SOL_SOCKET, socket.SO_EXCLUSIVEADDRUSE, 1)
        # HTTPServer.server_bind would look up our host name (socket.getfqdn), which can stall for
        # seconds on a till with broken DNS; nothing here uses the name.
        socketserver.TCPServer.server_bind(self)
        self.server_name, self.server_port = self.server_address[:2]

    def process_request(self, request: Any, client_address: Any) -> None:
        if not self.connections.admit():
            self.shutdown_request(request)
            return
        try:
            super().process_request(request, client_address)
        except BaseException:
            self.connections.release()  # no thread started to release it
            raise

    def process_request_thread(self, request: Any, client_address: Any) -> None:
        try:
            super().process_request_thread(request, client_address)
        finally:
            self.connections.release()

    def handle_error(self, request: Any, client_address: Any) -> None:
        # A client that resets its connection is expected here; keep it out of stderr.
        _log.debug("a bridge connection ended with an error", exc_info=True)


class BridgeHTTPServer6(BridgeHTTPServer):
    address_family = socket.AF_INET6

    def server_bind(self) -> None:
        # ::1 only; 127.0.0.1 has its own listener.
        self.socket.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 1)
        super().server_bind()


def accepted_hosts(port: int) -> frozenset[str]:
    """What a client of this bridge puts in `Host`; a browser tricked by DNS rebinding sends its own name."""
    return frozenset(f"{name}:{port}" for name in (LOOPBACK, "localhost", f"[{IPV6_LOOPBACK}]"))


class BridgeServer:
    """`BridgeServer(service, token).start()` serves until `stop()`; `port` and `url` once started.

    The token is compared in constant time and never logged; every route, `/v1/openapi.json`
    included, requires it.
    """

    def __init__(self, service: BridgeService, token: str, port: int = DEFAULT_PORT,
                 host: str = LOOPBACK, *, bind_wait_s: float = BIND_WAIT_S,
                 customers: BridgeCustomers | None = None, merchant_id: str = "") -> None:
        if host != LOOPBACK:
            raise ValueError(f"the bridge listens on {LOOPBACK} (and [{IPV6_LOOPBACK}]) only")
        if isinstance(port, bool) or not isinstance(port, int) or not 0 <= port <= 65535:
            raise ValueError("port must be between 0 and 65535")
        if not isinstance(token, str) or not _TOKEN.fullmatch(token):
            # The message never includes the token.
            raise ValueError(f"the bridge token must be {MIN_TOKEN_LENGTH} or more URL-safe characters")
        self._service = service
        self._customers = customers
        self._merchant_id = merchant_id
        self._token = token.encode("utf-8")
        self._requested_port = port
        self._bind_wait_s = bind_wait_s
        self._listeners: list[BridgeHTTPServer] = []
        self._threads: list[threading.Thread] = []
        self._connections: Connections | None = None

    def start(self) -> None:
        """Bind and serve on daemon threads. Raises OSError if the port stays taken for `bind_wait_s`."""
        if self._listeners:
            raise RuntimeError("the bridge is already running")
        openapi = resource_path("bridge", "openapi.json").read_bytes()
        self._connections = Connections(MAX_CONNECTIONS)
        api = Api(self._service, openapi, self._customers, self._merchant_id)
        self._listeners = self._listen(api, self._connections)
        for httpd in self._listeners:
            httpd.hosts = accepted_hosts(httpd.server_port)
            thread = threading.Thread(target=httpd.serve_forever, args=(SHUTDOWN_POLL_S,), name="bridge",
                                      daemon=True)
            thread.start()
            self._threads.append(thread)
        _log.info("bridge listening on %s", ", ".join(self.addresses))

    def _listen(self, api: Api, connections: Connections) -> list[BridgeHTTPServer]:
        deadline = time.monotonic() + self._bind_wait_s
        attempts = 0
        while True:
            attempts += 1
            try:
                return self._listen_once(api, connections)
            except OSError as error:
                # An ephemeral port free on 127.0.0.1 but taken on ::1: any other port will do.
                another_port = self._requested_port == 0 and attempts < 10
                if not _in_use(error) or not (another_port or time.monotonic() < deadline):
                    raise
            _log.info("port %d is in use; trying again", self._requested_port)
            time.sleep(0 if self._requested_port == 0 else BIND_RETRY_S)

    def _listen_once(self, api: Api, connections: Connections) -> list[BridgeHTTPServer]:
        first = BridgeHTTPServer((LOOPBACK, self._requested_port), api, self._token, connections)
        try:
            second = _listen_ipv6(first.server_port, api, self._token, connections)
        except BaseException:
            first.server_close()
            raise
        return [first] if second is None else [first, second]

    def set_token(self, token: str) -> None:
        """Take a new token at once (a manager rotated it): the old one is refused from the next request."""
        if not isinstance(token, str) or not _TOKEN.fullmatch(token):
            raise ValueError(f"the bridge token must be {MIN_TOKEN_LENGTH} or more URL-safe characters")
        self._token = token.encode("utf-8")
        for httpd in self._listeners:
            httpd.token = self._token

    @property
    def port(self) -> int:
        if not self._listeners:
            raise RuntimeError("the bridge is not running")
        return self._listeners[0].server_port

    @property
    def url(self) -> str:
        return f"http://{LOOPBACK}:{self.port}"

    @property
    def addresses(self) -> list[str]:
        """Where it listens, e.g. `["127.0.0.1:8741", "[::1]:8741"]`."""
        return [f"[{h.server_name}]:{h.server_port}" if h.address_family == socket.AF_INET6
                else f"{h.server_name}:{h.server_port}" for h in self._listeners]

    def stop(self) -> None:
        """Stop accepting, close idle kept-alive connections at once, let requests in progress finish (for up
        to `STOP_GRACE_S`, then cut them) and release the port, so a new bridge can bind it straight away."""
        if not self._listeners or self._connections is None:
            return
        connections = self._connections
        connections.closing = True
        stopping = [threading.Thread(target=httpd.shutdown) for httpd in self._listeners]
        for thread in stopping:
            thread.start()
        for thread in stopping:
            thread.join()
        for httpd in self._listeners:
            httpd.socket.close()
        connections.end(idle_only=True)
        deadline = time.monotonic() + STOP_GRACE_S
        while connections.busy() and time.monotonic() < deadline:
            time.sleep(0.01)
        connections.end()
        for httpd in self._listeners:
            httpd.server_close()
        for thread in self._threads:
            thread.join()
        _log.info("bridge stopped")
        self._listeners = []
        self._threads = []
        self._connections = None


def _listen_ipv6(port: int, api: Api, token: bytes, connections: Connections) -> BridgeHTTPServer | None:
    """The ::1 listener on `port`; None where the machine has no IPv6 loopback. Raises OSError when another
    program holds [::1]:port (it would get every request sent to `localhost` on Windows)."""
    if not socket.has_ipv6:
        _log.info("no IPv6 here: the bridge listens on %s only", LOOPBACK)
        return None
    try:
        return BridgeHTTPServer6((IPV6_LOOPBACK, port), api, token, connections)
    except OSError as error:
        if error.errno in (errno.EADDRNOTAVAIL, errno.EAFNOSUPPORT, errno.EPROTONOSUPPORT):
            _log.info("no IPv6 loopback here (%s): the bridge listens on %s only", error.strerror, LOOPBACK)
            return None
        if _in_use(error):
            raise OSError(error.errno, f"{os.strerror(errno.EADDRINUSE)} on [{IPV6_LOOPBACK}]:{port} "
                          "(another program holds it)") from error
        raise
