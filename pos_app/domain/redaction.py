"""Keep secrets out of SQLite (DESIGN rule 6): refuse secret-looking settings, mask them in audit details."""

from __future__ import annotations

import re
from typing import Any

_SECRET_WORDS = frozenset(
    {"secret", "secretkey", "apikey", "token", "pin", "password", "passwd", "credential"}
)
_SPLIT = re.compile(r"[^a-z0-9]+")
REDACTED = "[redacted]"


def looks_secret(name: str) -> bool:
    """True for names like `apiKey`, `secret_key`, `bridge.token`, `manager-pin`.

    Whole words only, so `shipping` or `cache_key` stay usable.
    """
    spaced = re.sub(r"([a-z0-9])([A-Z])", r"\1 \2", name).lower()
    words = [w for w in _SPLIT.split(spaced) if w]
    joined = {a + b for a, b in zip(words, words[1:], strict=False)}
    return bool(_SECRET_WORDS & (set(words) | joined))


def redact(value: Any) -> Any:
    """A copy of a JSON-like value with every secret-looking key's value masked."""
    if isinstance(value, dict):
        return {k: REDACTED if looks_secret(str(k)) else redact(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [redact(v) for v in value]
    return value
