"""The manager PIN: kept only as a salted scrypt hash in the credential store, with a growing lockout.

Five wrong tries lock the PIN for 30 s, then 60 s, 120 s ... up to an hour (each lockout doubles); a right
PIN resets the count. The counters are not secret and live in the store's settings.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import re
import secrets as pysecrets
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from pos_app.config import secrets

PIN_HASH = "manager-pin-hash"
MAX_TRIES = 5
FIRST_LOCK_S = 30.0
MAX_LOCK_S = 3600.0
# scrypt cost: about 50 ms here, enough to make guessing 4-8 digits offline slow, short for a manager.
_N, _R, _P = 2**14, 8, 1
_FAILURES, _LOCKED_UNTIL, _LOCKOUTS = "manager_lock.failures", "manager_lock.until", "manager_lock.count"


class PinError(ValueError):
    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"{field}: {message}")
        self.field = field


def validate_pin(pin: str) -> str:
    if not re.fullmatch(r"\d{4,8}", pin or ""):
        raise PinError("pin", "4 to 8 digits")
    return pin


def hash_pin(pin: str, salt: bytes | None = None) -> str:
    salt = salt or pysecrets.token_bytes(16)
    digest = hashlib.scrypt(validate_pin(pin).encode(), salt=salt, n=_N, r=_R, p=_P, dklen=32)
    encode = base64.b64encode
    return f"scrypt${_N}${_R}${_P}${encode(salt).decode()}${encode(digest).decode()}"


def verify_pin(pin: str, stored: str) -> bool:
    try:
        scheme, n, r, p, salt, digest = stored.split("$")
        if scheme != "scrypt":
            return False
        expected = base64.b64decode(digest)
        actual = hashlib.scrypt((pin or "").encode(), salt=base64.b64decode(salt), n=int(n), r=int(r), p=int(p),
                                dklen=len(expected))
    except (ValueError, TypeError):
        return False
    return hmac.compare_digest(actual, expected)


@dataclass(frozen=True)
class PinCheck:
    ok: bool
    locked_for: float = 0.0  # seconds until another try is allowed
    tries_left: int = MAX_TRIES


class ManagerGuard:
    """Checks the manager PIN against the stored hash, counting wrong tries in the store."""

    def __init__(self, store: Any, clock: Callable[[], float] = time.time, *,
                 stored_hash: Callable[[], str | None] | None = None) -> None:
        self._store = store
        self._clock = clock
        # The hash comes from the credential store; the demo passes a fixed one so it never touches that store.
        # A store that cannot be read raises: it must not look like "no PIN set" and open manager mode.
        self._stored_hash = stored_hash or (lambda: secrets.read_secret(PIN_HASH))

    def is_set(self) -> bool:
        return bool(self._stored_hash())

    def locked_for(self) -> float:
        """Seconds until another try is allowed; 0 when the PIN is not locked."""
        locked_until = float(self._store.get_setting(_LOCKED_UNTIL, 0.0) or 0.0)
        return max(0.0, locked_until - self._clock())

    def set_pin(self, pin: str, actor: str = "manager") -> None:
        secrets.put_secret(PIN_HASH, hash_pin(pin))
        self._store.audit(actor, "pin.set", {})

    def check(self, pin: str, actor: str = "manager") -> PinCheck:
        now = self._clock()
        locked_until = float(self._store.get_setting(_LOCKED_UNTIL, 0.0) or 0.0)
        if now < locked_until:
            return PinCheck(False, locked_until - now, 0)
        stored = self._stored_hash()
        if stored and verify_pin(pin, stored):
            self._store.set_setting(_FAILURES, 0)
            self._store.set_setting(_LOCKOUTS, 0)
            self._store.audit(actor, "pin.ok", {})
            return PinCheck(True)
        failures = int(self._store.get_setting(_FAILURES, 0) or 0) + 1
        self._store.audit(actor, "pin.wrong", {"failures": failures})
        if failures < MAX_TRIES:
            self._store.set_setting(_FAILURES, failures)
            return PinCheck(False, 0.0, MAX_TRIES - failures)
        lockouts = int(self._store.get_setting(_LOCKOUTS, 0) or 0) + 1
        lock = min(MAX_LOCK_S, FIRST_LOCK_S * 2 ** (lockouts - 1))
        self._store.set_setting(_FAILURES, 0)
        self._store.set_setting(_LOCKOUTS, lockouts)
        self._store.set_setting(_LOCKED_UNTIL, now + lock)
        self._store.audit(actor, "pin.locked", {"seconds": lock})
        return PinCheck(False, lock, 0)
