"""The short-lived customer cache (names, tiers), the coupon locks of open sales, and the two counts
behind the day's abuse notices.

Both live in the `cache` table under a prefix, so no schema step is needed. A customer's name is
personal data (DESIGN rule 7): it is kept here for a day at most, never with an order, and purged on
every write.
"""

from __future__ import annotations

from typing import Any

from pos_app.store.base import StoreBase
from pos_app.store.codec import encode_json, from_json
from pos_app.store.records import AuditEntry, Cached

PROFILE_PREFIX = "customer:"
COUPON_LOCK_PREFIX = "coupon_lock:"
PROFILE_TTL_S = 24 * 3600.0


class CustomerCacheMixin(StoreBase):
    def put_customer_profile(self, customer_id: str, value: Any, now: float | None = None) -> None:
        moment = self._now(now)
        with self.write():
            self._exec("DELETE FROM cache WHERE key LIKE ? AND fetched_at < ?",
                       [PROFILE_PREFIX + "%", moment - PROFILE_TTL_S])
            self._exec(
                "INSERT INTO cache (key, value, fetched_at) VALUES (?, ?, ?)"
                " ON CONFLICT (key) DO UPDATE SET value = excluded.value, fetched_at = excluded.fetched_at",
                [PROFILE_PREFIX + customer_id, encode_json(value), moment],
            )

    def get_customer_profile(self, customer_id: str, now: float | None = None) -> Cached | None:
        """The cached profile, or None when there is none or it is older than the cache keeps names."""
        row = self._one("SELECT value, fetched_at FROM cache WHERE key = ?", [PROFILE_PREFIX + customer_id])
        if row is None or row["fetched_at"] < self._now(now) - PROFILE_TTL_S:
            return None
        return Cached(from_json(row["value"]), row["fetched_at"])

    def record_coupon_lock(self, lock_reference: str, customer_id: str, codes: list[str],
                           now: float | None = None) -> None:
        """Remember a coupon lock the moment Gameball grants it, so a killed till releases it later."""
        with self.write():
            self._exec(
                "INSERT INTO cache (key, value, fetched_at) VALUES (?, ?, ?) ON CONFLICT (key) DO NOTHING",
                [COUPON_LOCK_PREFIX + lock_reference, encode_json({"customerId": customer_id, "codes": codes}),
                 self._now(now)],
            )

    def forget_coupon_lock(self, lock_reference: str) -> None:
        """The lock was used by an order, released, or expired at Gameball."""
        with self.write():
            self._exec("DELETE FROM cache WHERE key = ?", [COUPON_LOCK_PREFIX + lock_reference])

    def coupon_locks(self) -> list[str]:
        """References of the coupon locks still recorded, oldest first."""
        rows = self._all("SELECT key FROM cache WHERE key LIKE ? ORDER BY fetched_at", [COUPON_LOCK_PREFIX + "%"])
        return [row["key"][len(COUPON_LOCK_PREFIX):] for row in rows]

    # ---- the counts behind the abuse notices (one query each: they run after every sale) ----

    def sales_per_customer(self, start_iso: str, end_iso: str) -> dict[str, int]:
        """Orders sold in [start, end) per customer (UTC ISO `...Z` bounds, as orders are kept)."""
        rows = self._all("SELECT customer_id, COUNT(*) AS n FROM orders WHERE order_date >= ? AND order_date < ?"
                         " GROUP BY customer_id", [start_iso, end_iso])
        return {row["customer_id"]: row["n"] for row in rows}

    def audit_between(self, start: float, end: float, actions: frozenset[str]) -> list[AuditEntry]:
        """The entries of these actions made in [start, end) (epoch seconds), oldest first."""
        marks = ", ".join("?" for _ in actions)
        rows = self._all(f"SELECT * FROM audit_log WHERE at >= ? AND at < ? AND action IN ({marks}) ORDER BY id",
                         [start, end, *sorted(actions)])
        return [AuditEntry(id=r["id"], at=r["at"], terminal_id=r["terminal_id"], actor=r["actor"],
                           action=r["action"], detail=from_json(r["detail"])) for r in rows]
