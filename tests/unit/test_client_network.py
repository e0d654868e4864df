"""Store networks (issue 18.7): the client goes through the proxy the machine is set to use (environment, and on
Windows the registry as urllib reads it), never for loopback or NO_PROXY hosts, verifies with the OS trust
store, and logs the real cause of a failed connection."""

import logging
import select
import shutil
import socket
import ssl
import subprocess
import threading

import pytest

from pos_app.gameball import network
from pos_app.gameball.client import GameballClient, Timeouts
from pos_app.gameball.errors import GameballError

HOST = "api.gameball.test"
TIMEOUTS = Timeouts(connect=3.0, read=3.0, total=5.0)


class ConnectProxy:
    """A tiny HTTP CONNECT proxy on loopback: records each CONNECT and tunnels it to `upstream` (or refuses)."""

    def __init__(self, upstream=None):
        self.upstream = upstream
        self.requests = []
        self.sock = socket.create_server(("127.0.0.1", 0))
        self.url = f"http://127.0.0.1:{self.sock.getsockname()[1]}"
        threading.Thread(target=self._serve, daemon=True).start()

    def _serve(self):
        while True:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                return
            threading.Thread(target=self._one, args=(conn,), daemon=True).start()

    def _one(self, conn):
        with conn:
            head = b""
            while b"\r\n\r\n" not in head:
                chunk = conn.recv(4096)
                if not chunk:
                    return
                head += chunk
            self.requests.append(head.split(b"\r\n")[0].decode())
            if self.upstream is None:
                conn.sendall(b"HTTP/1.1 502 Bad Gateway\r\nContent-Length: 0\r\n\r\n")
                return
            with socket.create_connection(("127.0.0.1", self.upstream)) as up:
                conn.sendall(b"HTTP/1.1 200 Connection established\r\n\r\n")
                self._pipe({conn: up, up: conn})

    @staticmethod
    def _pipe(pipes):
        try:
            while True:
                ready, _, _ = select.select(list(pipes), [], [], 5)
                if not ready:
                    return
                for side in ready:
                    data = side.recv(65536)
                    if not data:
                        return
                    pipes[side].sendall(data)
        except OSError:
            return  # either end hung up

    def close(self):
        self.sock.close()


class TlsServer:
    """Answers every HTTPS request with Gameball's 404 envelope, with a certificate for HOST."""

    def __init__(self, cert, key):
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.load_cert_chain(cert, key)
        self.context = context
        self.sock = socket.create_server(("127.0.0.1", 0))
        self.port = self.sock.getsockname()[1]
        threading.Thread(target=self._serve, daemon=True).start()

    def _serve(self):
        while True:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                return
            try:
                with self.context.wrap_socket(conn, server_side=True) as tls:
                    tls.recv(65536)
                    body = b'{"code":404,"message":"Not found"}'
                    tls.sendall(b"HTTP/1.1 404 Not Found\r\nContent-Type: application/json\r\nConnection: close\r\n"
                                b"Content-Length: %d\r\n\r\n%s" % (len(body), body))
            except (OSError, ssl.SSLError):
                pass  # the client refused our certificate

    def close(self):
        self.sock.close()


@pytest.fixture(scope="module")
def certificate(tmp_path_factory):
    if shutil.which("openssl") is None:
        pytest.skip("needs the openssl command")
    folder = tmp_path_factory.mktemp("tls")
    cert, key = folder / "cert.pem", folder / "key.pem"
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", str(key), "-out", str(cert),
                    "-days", "2", "-subj", f"/CN={HOST}", "-addext", f"subjectAltName=DNS:{HOST}"],
                   check=True, capture_output=True)
    return cert, key


@pytest.fixture
def no_proxy_env(monkeypatch):
    for name in ("HTTPS_PROXY", "https_proxy", "HTTP_PROXY", "http_proxy", "ALL_PROXY", "all_proxy", "NO_PROXY",
                 "no_proxy"):
        monkeypatch.delenv(name, raising=False)
    network.tls_context.cache_clear()
    yield monkeypatch
    network.tls_context.cache_clear()


def test_the_proxy_comes_from_the_environment_and_no_proxy_and_loopback_bypass_it(no_proxy_env):
    no_proxy_env.setenv("HTTPS_PROXY", "http://user:pw@proxy.store.lan:3128")
    assert network.proxy_for(f"https://{HOST}") == "http://user:pw@proxy.store.lan:3128"
    assert network.without_credentials("http://user:pw@proxy.store.lan:3128") == "http://proxy.store.lan:3128"
    for loopback in ("http://127.0.0.1:8780", "http://localhost:8780", "http://[::1]:8780"):
        assert network.proxy_for(loopback) is None
    no_proxy_env.setenv("NO_PROXY", ".gameball.test,10.0.0.0/8")
    assert network.proxy_for(f"https://{HOST}") is None


def test_a_windows_registry_proxy_without_scheme_and_its_override_list():
    registry = {"https": "proxy.store.lan:8080"}
    assert network.proxy_for(f"https://{HOST}", registry, lambda host: False) == "http://proxy.store.lan:8080"
    assert network.proxy_for(f"https://{HOST}", registry, lambda host: host == HOST) is None


def test_calls_go_through_the_proxy_and_a_refusal_is_logged_with_its_cause(no_proxy_env, caplog):
    proxy = ConnectProxy()
    no_proxy_env.setenv("HTTPS_PROXY", proxy.url)
    try:
        with caplog.at_level(logging.INFO, "pos_app.gameball"), \
                GameballClient(f"https://{HOST}", "ak-1", timeouts=TIMEOUTS) as client:
            with pytest.raises(GameballError) as raised:
                client.cashback_configuration()
    finally:
        proxy.close()
    assert proxy.requests == [f"CONNECT {HOST}:443 HTTP/1.1"]
    assert raised.value.is_network and not raised.value.maybe_applied
    assert "ProxyError" in raised.value.message and "502" in raised.value.message
    assert f"through proxy {proxy.url}" in caplog.text and "not sent: ProxyError" in caplog.text


def test_an_inspecting_firewalls_certificate_is_named_as_the_cause(no_proxy_env, certificate, caplog):
    server = TlsServer(*certificate)
    proxy = ConnectProxy(server.port)
    no_proxy_env.setenv("HTTPS_PROXY", proxy.url)
    no_proxy_env.setenv("SSL_CERT_FILE", "/nonexistent")  # the OS store does not hold the firewall's root yet
    try:
        with caplog.at_level(logging.INFO, "pos_app.gameball"), \
                GameballClient(f"https://{HOST}", "ak-1", timeouts=TIMEOUTS) as client:
            with pytest.raises(GameballError) as raised:
                client.cashback_configuration()
    finally:
        proxy.close()
        server.close()
    assert "certificate not trusted" in raised.value.message
    assert "certificate not trusted" in caplog.text and "ak-1" not in caplog.text


def test_with_the_root_in_the_os_store_the_call_gets_through_the_proxy(no_proxy_env, certificate):
    """OpenSSL's default store (what truststore uses on Linux; SSL_CERT_FILE points it at the test root) stands
    for the Windows certificate store where IT installs the firewall's root."""
    server = TlsServer(*certificate)
    proxy = ConnectProxy(server.port)
    no_proxy_env.setenv("HTTPS_PROXY", proxy.url)
    no_proxy_env.setenv("SSL_CERT_FILE", str(certificate[0]))
    try:
        with GameballClient(f"https://{HOST}", "ak-1", timeouts=TIMEOUTS) as client:
            with pytest.raises(GameballError) as raised:
                client.cashback_configuration()
    finally:
        proxy.close()
        server.close()
    assert raised.value.status == 404  # Gameball's envelope arrived: TLS verified and the tunnel worked
    assert proxy.requests == [f"CONNECT {HOST}:443 HTTP/1.1"]
