"""What the engine publishes for the UI, the bridge's /v1/status and the CLI."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from pos_app.domain.storage import StorageState


class PauseReason(StrEnum):
    NONE = ""
    RATE_LIMITED = "rate_limited"  # 429: Gameball asked us to slow down
    UNAVAILABLE = "unavailable"  # 503
    BAD_KEYS = "bad_keys"  # 1000/1001/1002: a manager must fix the keys
    ACCOUNT = "account"  # 6000/6001/6002: the Gameball account refuses orders; a manager must fix it there
    NOT_CONFIGURED = "not_configured"  # no API key yet
    NOT_SENDER = "not_sender"  # another instance holds this data directory's sender lock


@dataclass(frozen=True)
class EngineStatus:
    online: bool = False
    pending: int = 0
    failed: int = 0
    needs_review: int = 0  # Gameball holds something under the id and cannot show whose: a manager decides
    shortfalls: int = 0  # sales whose discount was given but whose points Gameball would not take
    last_sync_at: float | None = None
    paused_until: float | None = None
    pause_reason: PauseReason = PauseReason.NONE
    sender: bool = True
    message: str = ""
    # The one storage state (DESIGN rule 9): the bridge refuses, /v1/status and the window say it.
    storage: StorageState = StorageState.OK

    def to_json(self) -> dict[str, object]:
        return {
            "online": self.online, "pending": self.pending, "failed": self.failed,
            "needsReview": self.needs_review, "shortfalls": self.shortfalls,
            "lastSyncAt": self.last_sync_at, "pausedUntil": self.paused_until,
            "pauseReason": self.pause_reason.value or None, "sender": self.sender, "message": self.message,
            "storage": self.storage.value,
        }
