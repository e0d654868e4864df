"""How the client reaches Gameball from a store's network: the OS trust store, the proxy the machine is set
to use, and the real cause when a connection fails.

A TLS-inspecting firewall re-signs traffic with the company's own root, which IT installs in the Windows
certificate store, not in certifi's bundle; so verification goes through the OS (`truststore`). The proxy
comes from the environment (HTTPS_PROXY, NO_PROXY) or, on Windows, the system proxy settings in the registry,
both as `urllib.request` reads them. Loopback (the sandbox) never goes through a proxy.
"""

from __future__ import annotations

import functools
import ssl
import urllib.request
from collections.abc import Callable, Mapping
from urllib.parse import urlsplit

import httpx
import truststore

from pos_app.domain.address import is_loopback
from pos_app.gameball.deadline import DeadlineBackend


@functools.cache
def tls_context() -> ssl.SSLContext:
    """Verification against the OS trust store (Windows: the certificate store, with IT's roots)."""
    return truststore.SSLContext(ssl.PROTOCOL_TLS_CLIENT)


def proxy_for(url: str, proxies: Mapping[str, str] | None = None,
              bypass: Callable[[str], bool] | None = None) -> str | None:
    """The proxy URL the machine's settings give for `url`, or None to connect directly."""
    parts = urlsplit(url)
    host = parts.hostname or ""
    if is_loopback(host):
        return None
    proxies = urllib.request.getproxies() if proxies is None else proxies
    proxy = proxies.get(parts.scheme) or proxies.get("all")
    if not proxy:
        return None
    if bypass is None:
        # The environment's NO_PROXY when proxies come from the environment; on Windows with no proxy variables
        # set, the registry's ProxyOverride list.
        bypass = urllib.request.proxy_bypass
    if bypass(host if parts.port is None else f"{host}:{parts.port}") or bypass(host):
        return None
    return proxy if "://" in proxy else f"http://{proxy}"


def without_credentials(proxy: str) -> str:
    """A proxy URL fit for a log: scheme, host and port only."""
    parts = urlsplit(proxy)
    return f"{parts.scheme}://{parts.hostname}{f':{parts.port}' if parts.port else ''}"


def transport(api_base: str, *, proxies: Mapping[str, str] | None = None,
              bypass: Callable[[str], bool] | None = None) -> tuple[httpx.HTTPTransport, str | None]:
    """The transport for `api_base` with the per-request deadline, and the proxy it uses (None: direct)."""
    proxy = proxy_for(api_base, proxies, bypass)
    made = httpx.HTTPTransport(verify=tls_context(), retries=0, proxy=proxy)
    # Private attribute, but the only hook httpx offers for a network backend (the proxy pool has it too); a
    # test with a trickling server fails if this stops working.
    pool = made._pool
    pool._network_backend = DeadlineBackend(pool._network_backend)
    return made, proxy


def cause(error: BaseException) -> str:
    """The innermost reason of a connection failure in a line (certificate, refused, name, proxy), with no
    request in it: httpx errors carry neither headers nor bodies."""
    seen: list[BaseException] = []
    current: BaseException | None = error
    while current is not None and current not in seen:
        seen.append(current)
        current = current.__cause__ or current.__context__
    for candidate in reversed(seen):
        if isinstance(candidate, ssl.SSLCertVerificationError):
            return f"certificate not trusted: {candidate.verify_message or candidate.reason} (a TLS-inspecting " \
                   f"firewall's root must be in the system's certificate store)"
    text = str(error) or str(seen[-1])
    return f"{type(error).__name__}: {text}"[:300] if text else type(error).__name__
