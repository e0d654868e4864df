"""The audit log: who did what to the queue and the settings, never with a secret in it."""

from __future__ import annotations

import logging
from typing import Any

from pos_app.domain.redaction import redact
from pos_app.store.base import StoreBase
from pos_app.store.codec import encode_json, from_json
from pos_app.store.records import AuditEntry

log = logging.getLogger(__name__)


class AuditMixin(StoreBase):
    def audit(self, actor: str, action: str, detail: Any = None, now: float | None = None) -> None:
        """Record one action. Secret-looking keys in `detail` are masked as a last line of defence."""
        if not actor or not action:
            raise ValueError("an audit entry needs an actor and an action")
        encoded = None if detail is None else encode_json(redact(detail))
        with self.write():
            self._exec(
                "INSERT INTO audit_log (at, terminal_id, actor, action, detail) VALUES (?, ?, ?, ?, ?)",
                [self._now(now), self.terminal_id, actor, action, encoded],
            )
        log.info("audit: %s by %s", action, actor)

    def audit_entries(self, limit: int = 200, action: str | None = None) -> list[AuditEntry]:
        """The newest entries first, optionally only one kind of action."""
        where, params = ("WHERE action = ?", [action]) if action else ("", [])
        rows = self._all(f"SELECT * FROM audit_log {where} ORDER BY id DESC LIMIT ?", [*params, limit])
        return [
            AuditEntry(
                id=r["id"],
                at=r["at"],
                terminal_id=r["terminal_id"],
                actor=r["actor"],
                action=r["action"],
                detail=from_json(r["detail"]),
            )
            for r in rows
        ]
