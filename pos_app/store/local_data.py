"""Small local data: cached cashback configuration, customer balances, and non-secret settings."""

from __future__ import annotations

import secrets
from typing import Any

from pos_app.domain.redaction import looks_secret
from pos_app.store.base import StoreBase
from pos_app.store.codec import encode_json, from_json
from pos_app.store.records import Cached

INSTALL_ID = "install_id"


class LocalDataMixin(StoreBase):
    # ---- cache (e.g. the cashback configuration behind the offline points estimate) ----

    def get_cache(self, key: str) -> Cached | None:
        row = self._one("SELECT value, fetched_at FROM cache WHERE key = ?", [key])
        return None if row is None else Cached(from_json(row["value"]), row["fetched_at"])

    def put_cache(self, key: str, value: Any, now: float | None = None) -> None:
        with self.write():
            self._exec(
                "INSERT INTO cache (key, value, fetched_at) VALUES (?, ?, ?)"
                " ON CONFLICT (key) DO UPDATE SET value = excluded.value, fetched_at = excluded.fetched_at",
                [key, encode_json(value), self._now(now)],
            )

    # ---- balances (the last answer per customer, shown while offline with its age) ----

    def get_balance(self, customer_id: str) -> Cached | None:
        row = self._one("SELECT value, fetched_at FROM balances WHERE customer_id = ?", [customer_id])
        return None if row is None else Cached(from_json(row["value"]), row["fetched_at"])

    def put_balance(self, customer_id: str, value: Any, now: float | None = None) -> None:
        with self.write():
            self._exec(
                "INSERT INTO balances (customer_id, value, fetched_at) VALUES (?, ?, ?)"
                " ON CONFLICT (customer_id) DO UPDATE SET"
                " value = excluded.value, fetched_at = excluded.fetched_at",
                [customer_id, encode_json(value), self._now(now)],
            )

    # ---- settings (JSON values; never a secret: DESIGN rule 6) ----

    def get_setting(self, key: str, default: Any = None) -> Any:
        row = self._one("SELECT value FROM settings WHERE key = ?", [key])
        return default if row is None else from_json(row["value"])

    def set_setting(self, key: str, value: Any) -> None:
        """Store a non-secret setting. A secret-looking key is refused: those belong in keyring."""
        if not key:
            raise ValueError("a setting needs a key")
        if looks_secret(key):
            raise ValueError(f"{key!r} looks like a secret; secrets belong in the OS credential store")
        with self.write():
            self._exec(
                "INSERT INTO settings (key, value) VALUES (?, ?)"
                " ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                [key, encode_json(value)],
            )

    def delete_setting(self, key: str) -> None:
        with self.write():
            self._exec("DELETE FROM settings WHERE key = ?", [key])

    def install_id(self) -> str:
        """This installation's random part of every order id, made once and kept with the database: two tills
        configured alike (same branch and terminal id) still never make the same orderId (issue 12)."""
        with self.write():
            self._exec("INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO NOTHING",
                       [INSTALL_ID, encode_json(secrets.token_hex(3))])
        return str(self.get_setting(INSTALL_ID))

    def all_settings(self) -> dict[str, Any]:
        rows = self._all("SELECT key, value FROM settings ORDER BY key")
        return {r["key"]: from_json(r["value"]) for r in rows}
