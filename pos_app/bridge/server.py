"""The bridge server: the local HTTP API the host POS calls, on 127.0.0.1 only (DESIGN.md section 5)."""

from __future__ import annotations

import logging
import re
import socket
import socketserver
import threading
from http.server import ThreadingHTTPServer

from pos_app.bridge.handler import BridgeHandler
from pos_app.bridge.routes import Api
from pos_app.bridge.service import BridgeService
from pos_app.resources import resource_path

_log = logging.getLogger(__name__)

LOOPBACK = "127.0.0.1"
DEFAULT_PORT = 8741
# The token is generated at first run; a short one is a configuration mistake, not a secret. Its
# characters are RFC 6750's b64token, so it travels in the Authorization header as it is.
MIN_TOKEN_LENGTH = 16
_TOKEN = re.compile(rf"[A-Za-z0-9._~+/=-]{{{MIN_TOKEN_LENGTH},}}")


class BridgeHTTPServer(ThreadingHTTPServer):
    """One thread per connection; the handler reaches the routes and the token through the server."""

    daemon_threads = True
    # On Windows SO_REUSEADDR lets another program bind the same port and take the till's requests
    # (and its token); SO_EXCLUSIVEADDRUSE forbids that. Elsewhere SO_REUSEADDR only skips TIME_WAIT.
    allow_reuse_address = not hasattr(socket, "SO_EXCLUSIVEADDRUSE")

    def __init__(self, address: tuple[str, int], api: Api, token: bytes) -> None:
        self.api = api
        self.token = token
        # Set by stop(): a kept-alive connection must not reach a service that is shutting down.
        self.closing = False
        super().__init__(address, BridgeHandler)

    def server_bind(self) -> None:
        if hasattr(socket, "SO_EXCLUSIVEADDRUSE"):
            self.socket.setsockopt(socket.SOL_SOCKET, socket.SO_EXCLUSIVEADDRUSE, 1)
        # HTTPServer.server_bind would look up our host name (socket.getfqdn), which can stall for
        # seconds on a till with broken DNS; nothing here uses the name.
        socketserver.TCPServer.server_bind(self)
        self.server_name, self.server_port = self.server_address[:2]


class BridgeServer:
    """`BridgeServer(service, token).start()` serves until `stop()`; `port` and `url` once started.

    The token is compared in constant time and never logged; every route, `/v1/openapi.json`
    included, requires it.
    """

    def __init__(self, service: BridgeService, token: str, port: int = DEFAULT_PORT,
                 host: str = LOOPBACK) -> None:
        if host != LOOPBACK:
            raise ValueError(f"the bridge listens on {LOOPBACK} only")
        if isinstance(port, bool) or not isinstance(port, int) or not 0 <= port <= 65535:
            raise ValueError("port must be between 0 and 65535")
        if not isinstance(token, str) or not _TOKEN.fullmatch(token):
            # The message never includes the token.
            raise ValueError(f"the bridge token must be {MIN_TOKEN_LENGTH} or more URL-safe characters")
        self._service = service
        self._token = token.encode("utf-8")
        self._requested_port = port
        self._httpd: BridgeHTTPServer | None = None
        self._thread: threading.Thread | None = None

    def start(self) -> None:
        """Bind and serve on a daemon thread. Raises OSError if the port is taken."""
        if self._httpd is not None:
            raise RuntimeError("the bridge is already running")
        openapi = resource_path("bridge", "openapi.json").read_bytes()
        api = Api(self._service, openapi)
        self._httpd = BridgeHTTPServer((LOOPBACK, self._requested_port), api, self._token)
        self._thread = threading.Thread(target=self._httpd.serve_forever, name="bridge", daemon=True)
        self._thread.start()
        _log.info("bridge listening on %s", self.url)

    def set_token(self, token: str) -> None:
        """Take a new token at once (a manager rotated it): the old one is refused from the next request."""
        if not isinstance(token, str) or not _TOKEN.fullmatch(token):
            raise ValueError(f"the bridge token must be {MIN_TOKEN_LENGTH} or more URL-safe characters")
        self._token = token.encode("utf-8")
        if self._httpd is not None:
            self._httpd.token = self._token

    @property
    def port(self) -> int:
        if self._httpd is None:
            raise RuntimeError("the bridge is not running")
        return self._httpd.server_port

    @property
    def url(self) -> str:
        return f"http://{LOOPBACK}:{self.port}"

    def stop(self) -> None:
        """Stop accepting and close the socket; requests in progress finish on their daemon threads."""
        if self._httpd is None:
            return
        self._httpd.closing = True
        self._httpd.shutdown()
        self._httpd.server_close()
        if self._thread is not None:
            self._thread.join()
        _log.info("bridge stopped")
        self._httpd = None
        self._thread = None
