"""Gameball's error envelope and the four outcome classes the dispatcher acts on (DESIGN.md section 4)."""

from __future__ import annotations

from enum import StrEnum

# The code table lives in domain so the sandbox can share it; these names stay importable from here.
from pos_app.domain.gameball_codes import CODES, CodeInfo, Outcome

__all__ = [
    "CODES",
    "DUPLICATE_TRANSACTION_ID",
    "FEATURE_UNAVAILABLE",
    "CodeInfo",
    "GameballError",
    "Operation",
    "Outcome",
    "classify",
]


class Operation(StrEnum):
    """What a request does; some codes mean different things for different operations."""

    ORDER = "order"  # POST /orders (and one item of POST /batch/orders)
    REFUND = "refund"  # POST /transactions/refund
    BATCH = "batch"  # POST /batch/... and GET /batches/...
    OTHER = "other"


DUPLICATE_TRANSACTION_ID = 9004
FEATURE_UNAVAILABLE = 8000


def classify(status: int | None, code: int | None, operation: Operation = Operation.OTHER) -> Outcome:
    """The outcome class of one Gameball answer (status and envelope code)."""
    if status is not None and 200 <= status < 300:
        return Outcome.DONE
    if status in (429, 503):
        return Outcome.PAUSE
    if code in CODES:
        return CODES[code].outcome
    if status is None:
        return Outcome.RETRY
    if status in (401, 403):
        return Outcome.PAUSE
    if status in (408, 425) or status >= 500:
        return Outcome.RETRY
    return Outcome.FAILED


class GameballError(Exception):
    """One failed Gameball call: an error answer, or a network failure with no answer.

    `maybe_applied` is True when the request may have reached Gameball and been applied (a timeout,
    reset or 5xx after the body was sent); False when it was certainly never sent (connect refused).
    `paced` is True when the terminal's own share of the rate limits held the call back: never sent, and
    Gameball may be perfectly reachable.
    Never carries request headers, so no key can leak through it.
    """

    def __init__(
        self,
        message: str,
        *,
        outcome: Outcome,
        status: int | None = None,
        code: int | None = None,
        error_type: str | None = None,
        request_id: str | None = None,
        maybe_applied: bool = False,
        retry_after: float | None = None,
        endpoint: str = "",
        paced: bool = False,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.outcome = outcome
        self.status = status
        self.code = code
        self.error_type = error_type
        self.request_id = request_id
        self.maybe_applied = maybe_applied
        self.retry_after = retry_after
        self.endpoint = endpoint
        self.paced = paced

    @property
    def is_network(self) -> bool:
        return self.status is None and not self.paced

    def __str__(self) -> str:
        parts = [self.endpoint] if self.endpoint else []
        if self.status is not None:
            parts.append(f"HTTP {self.status}")
        if self.code is not None:
            parts.append(f"code {self.code}")
        parts.append(self.message)
        if self.request_id:
            parts.append(f"requestId {self.request_id}")
        return ": ".join(parts)

    def __repr__(self) -> str:
        return (
            f"GameballError(outcome={self.outcome.value!r}, status={self.status!r}, code={self.code!r}, "
            f"message={self.message!r}, request_id={self.request_id!r}, maybe_applied={self.maybe_applied!r})"
        )
