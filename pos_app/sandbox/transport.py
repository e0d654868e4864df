"""HTTP on loopback for the sandbox, where connection-level faults happen (see faults.py).

stdlib `ThreadingHTTPServer` with daemon threads and HTTP/1.1 keep-alive: one thread per connection,
and full control over each socket, so a test can have the sandbox stay silent, trickle bytes, close
without answering or reset a connection.
"""

from __future__ import annotations

import logging
import socket
import struct
import threading
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from pos_app.sandbox import admin
from pos_app.sandbox.api import Answer, retry_after_text
from pos_app.sandbox.errors import SandboxError, new_request_id
from pos_app.sandbox.faults import FaultPlan

if TYPE_CHECKING:
    from pos_app.sandbox.server import Sandbox

logger = logging.getLogger(__name__)

LOOPBACK = "127.0.0.1"
# The connection each handler thread serves, so closing "every connection" can spare the admin request
# that asked for it, which still has to be answered.
_serving = threading.local()


def _reset(connection: socket.socket) -> None:
    """Close with SO_LINGER 0, so the peer gets a TCP reset rather than an orderly end."""
    try:
        connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        connection.close()
    except OSError:
        pass


class SandboxHTTPServer(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, port: int, sandbox: Sandbox) -> None:
        self.sandbox = sandbox
        self.listening = True
        self._connections: set[socket.socket] = set()
        self._connections_lock = threading.Lock()
        super().__init__((LOOPBACK, port), _Handler)

    def verify_request(self, request: Any, client_address: Any) -> bool:
        if self.sandbox.faults.take_reset():
            _reset(request)
            return False
        return True

    def process_request(self, request: Any, client_address: Any) -> None:
        with self._connections_lock:
            self._connections.add(request)
        super().process_request(request, client_address)

    def shutdown_request(self, request: Any) -> None:
        with self._connections_lock:
            self._connections.discard(request)
        super().shutdown_request(request)

    def close_connections(self) -> None:
        """End every open connection too, so "the server went away" includes kept-alive ones
        (all but the calling thread's own, which ends once answered)."""
        self.listening = False
        with self._connections_lock:
            connections = [c for c in self._connections if c is not getattr(_serving, "connection", None)]
        for connection in connections:
            try:
                connection.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass

    def handle_error(self, request: Any, client_address: Any) -> None:
        # A client that gives up mid-answer is expected here; keep it out of stderr.
        logger.debug("connection from %s ended with an error", client_address, exc_info=True)


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "GameballSandbox/4.0"
    server: SandboxHTTPServer
    disable_nagle_algorithm = True  # as the bridge: no delayed-ACK stall between headers and body

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - the base class's name
        logger.debug("%s " + format, self.client_address[0], *args)

    def do_GET(self) -> None:  # noqa: N802 - http.server's naming
        self._serve()

    do_POST = do_PUT = do_DELETE = do_PATCH = do_GET

    def _read_body(self) -> bytes:
        length = int(self.headers.get("Content-Length") or 0)
        return self.rfile.read(length) if length > 0 else b""

    def _serve(self) -> None:
        _serving.connection = self.connection
        sandbox = self.server.sandbox
        raw = self._read_body()
        path = urlsplit(self.path).path
        if path.startswith(admin.ADMIN_PREFIX):
            answer = admin.handle(sandbox, self.command, path, raw)
            self._send(Answer(answer.status, answer.body, new_request_id()))
            self.close_connection = self.close_connection or not self.server.listening
            return
        if sandbox.faults.take_reset():
            self.close_connection = True
            _reset(self.connection)
            return
        is_api = sandbox.api.is_api_path(path)
        if is_api:
            sandbox.api.observe(self.command, path)
        plan = sandbox.faults.plan(self.command, path) if is_api else FaultPlan()
        self._misbehave(plan, sandbox, raw)

    def _misbehave(self, plan: FaultPlan, sandbox: Sandbox, raw: bytes) -> None:
        if plan.latency:
            sandbox.stopping.wait(plan.latency)
        if plan.hang is not None:
            sandbox.stopping.wait(plan.hang)
            self.close_connection = True
            return
        if plan.status is not None and not plan.apply_first:
            self._send(self._fault_answer(plan))
            return
        answer = sandbox.api.handle(self.command, self.path, self.headers, raw)
        if plan.status is not None:
            answer = self._fault_answer(plan)
        if plan.drop:
            self.close_connection = True
            return
        self._send(answer, trickle=plan.trickle)

    @staticmethod
    def _fault_answer(plan: FaultPlan) -> Answer:
        request_id = new_request_id()
        error = SandboxError(plan.code or 5000, f"injected fault: HTTP {plan.status}")
        headers = {"X-Request-Id": request_id}
        answer = Answer(plan.status or 500, error.envelope(request_id), request_id, headers)
        if plan.retry_after is not None:
            answer.headers["Retry-After"] = retry_after_text(
                plan.retry_after, whole=float(plan.retry_after).is_integer())
        return answer

    def _send(self, answer: Answer, trickle: float | None = None) -> None:
        body = answer.encode()
        headers = {"Content-Type": "application/json; charset=utf-8", "Content-Length": str(len(body)),
                   "Server": self.server_version, **answer.headers}
        if trickle is not None:
            headers["Connection"] = "close"
            self.close_connection = True
        head = f"{self.protocol_version} {answer.status} {HTTPStatus(answer.status).phrase}\r\n"
        head += "".join(f"{name}: {value}\r\n" for name, value in headers.items()) + "\r\n"
        data = head.encode("latin-1") + body
        try:
            if trickle is None:
                self.wfile.write(data)
                return
            for index in range(len(data)):
                self.wfile.write(data[index:index + 1])
                if self.server.sandbox.stopping.wait(trickle):
                    return
        except OSError:
            self.close_connection = True  # the client went away mid-answer
