"""Errors the sandbox answers with, in Gameball's envelope and with Gameball's HTTP status per code."""

from __future__ import annotations

import logging
import uuid
from typing import Any

from pos_app.domain.gameball_codes import CODES

logger = logging.getLogger(__name__)

DOCUMENTATION_URL = "https://docs.gameball.co/api-reference/status-error-codes"
# Gameball documents no code for 429; the status says it all, so the envelope carries the status.
RATE_LIMITED = 429

_TYPES = {
    1: "Authentication Error", 2: "Request Error", 3: "Payload Error", 4: "General Error",
    5: "Server Error", 6: "Configuration Error", 7: "Customer Error", 8: "Subscription Error",
    9: "Transaction Error",
}


def new_request_id() -> str:
    return uuid.uuid4().hex


def http_status(code: int) -> int:
    return RATE_LIMITED if code == RATE_LIMITED else CODES[code].http_status


def envelope(code: int, message: str, request_id: str) -> dict[str, Any]:
    kind = "Rate Limit Error" if code == RATE_LIMITED else _TYPES[code // 1000]
    return {
        "code": code,
        "type": kind,
        "message": message,
        "documentationUrl": DOCUMENTATION_URL,
        "requestId": request_id,
    }


class SandboxError(Exception):
    """A refusal with a Gameball code; `message` should name the field or the thing at fault."""

    def __init__(self, code: int, message: str | None = None) -> None:
        if code not in CODES and code != RATE_LIMITED:
            # Never kinder (nor stranger) than Gameball: only codes of API.md's catalogue.
            raise ValueError(f"{code} is not in Gameball's error catalogue")
        self.code = code
        self.message = message or (CODES[code].meaning if code in CODES else "Too many requests")
        super().__init__(f"{code}: {self.message}")

    @property
    def status(self) -> int:
        return http_status(self.code)

    def envelope(self, request_id: str) -> dict[str, Any]:
        return envelope(self.code, self.message, request_id)
