"""The state of the terminal's own storage: one typed value the bridge, `/v1/status` and the window all read.

DESIGN rule 9: nothing says "accepted" when the store cannot keep the order. A damaged database
(SQLite says corrupt or not a database) stops every acceptance until someone repairs it; a full
disk refuses until a write succeeds again.
"""

from __future__ import annotations

from enum import StrEnum


class StorageState(StrEnum):
    OK = "ok"
    DAMAGED = "damaged"  # corrupt pages or not a database: nothing more is accepted until it is repaired
    FULL = "full"  # "database or disk is full": refused until a write succeeds again


class StorageUnavailable(Exception):
    """The store cannot keep what it was asked to accept; `state` says why (never OK)."""

    def __init__(self, state: StorageState, message: str) -> None:
        super().__init__(message)
        self.state = state
        self.message = message
