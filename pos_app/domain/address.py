"""Gameball's address as a terminal may be configured with: checked by the settings and by the client."""

from __future__ import annotations

import ipaddress
from urllib.parse import urlsplit

DEFAULT_API_BASE = "https://api.gameball.co"


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def validate_api_base(url: str) -> str:
    """Scheme, host and port only; https unless the host is loopback. Returns it without a trailing /."""
    parts = urlsplit(url.strip())
    if parts.scheme not in ("https", "http") or not parts.hostname:
        raise ValueError(f"api_base: {url!r} is not an http(s) URL with a host")
    if parts.scheme == "http" and not is_loopback(parts.hostname):
        raise ValueError("api_base: plain http is allowed only for loopback (the sandbox); use https")
    if parts.path not in ("", "/") or parts.query or parts.fragment or parts.username or parts.password:
        raise ValueError("api_base: give scheme, host and port only; the client adds /api/v4.0/integrations")
    return f"{parts.scheme}://{parts.netloc}"
