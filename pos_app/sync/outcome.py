"""How one failed attempt is recorded: the error as a storable value, and the next step for the engine."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from pos_app.gameball.errors import GameballError, Outcome


class Step(StrEnum):
    """What the engine does after an attempt."""

    CONTINUE = "continue"  # go on with the next due item
    OFFLINE = "offline"  # Gameball unreachable: stop this pass, probe until it answers
    PAUSE = "pause"  # the whole queue waits (429, 503, bad keys)


@dataclass(frozen=True)
class StepResult:
    step: Step
    error: GameballError | None = None


def error_record(error: GameballError) -> dict[str, Any]:
    """The failed list's and last_error's content: never headers, bodies or keys."""
    return {
        "class": error.outcome.value,
        "status": error.status,
        "code": error.code,
        "message": error.message,
        "requestId": error.request_id,
        "maybeApplied": error.maybe_applied,
        "endpoint": error.endpoint,
    }


def step_for(error: GameballError) -> Step:
    if error.outcome is Outcome.PAUSE:
        return Step.PAUSE
    if error.outcome is Outcome.RETRY and error.is_network:
        return Step.OFFLINE
    return Step.CONTINUE
