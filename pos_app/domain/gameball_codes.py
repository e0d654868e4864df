"""Gameball's error codes: HTTP status, meaning and outcome class (API.md section 8, DESIGN.md section 4).

Pure data shared by the client (pos_app.gameball.errors) and the sandbox, which may import only domain code.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Outcome(StrEnum):
    DONE = "done"
    RETRY = "retry"
    PAUSE = "pause"
    FAILED = "failed"


@dataclass(frozen=True)
class CodeInfo:
    http_status: int
    meaning: str
    outcome: Outcome


_F, _R, _P = Outcome.FAILED, Outcome.RETRY, Outcome.PAUSE

# Every code of API.md section 8. Bad keys and account-wide states (6000-6002) pause: failing each order
# one by one would drain the whole queue into the failed list for something only a manager can fix;
# payload, configuration, customer and transaction errors fail one request and let the rest move on.
CODES: dict[int, CodeInfo] = {
    1000: CodeInfo(401, "Unauthorized", _P),
    1001: CodeInfo(401, "Secret Key Required", _P),
    1002: CodeInfo(403, "Forbidden", _P),
    2000: CodeInfo(412, "Precondition failed", _F),
    2001: CodeInfo(422, "Concurrent request in progress for the same customer", _R),
    3000: CodeInfo(400, "Missing arguments", _F),
    3001: CodeInfo(422, "Null arguments", _F),
    3002: CodeInfo(415, "Extension not supported", _F),
    3003: CodeInfo(422, "Invalid value", _F),
    3004: CodeInfo(400, "Not achieved", _F),
    3005: CodeInfo(422, "Body hashed invalid", _F),
    3006: CodeInfo(422, "Name length invalid", _F),
    3007: CodeInfo(422, "Name already exists", _F),
    3008: CodeInfo(422, "Email already exists", _F),
    3009: CodeInfo(422, "Inactive", _F),
    3010: CodeInfo(422, "Invalid leveling method", _F),
    3011: CodeInfo(422, "Limit exceeded", _F),
    3012: CodeInfo(422, "Recaptcha invalid", _F),
    3013: CodeInfo(415, "Not supported", _F),
    3014: CodeInfo(423, "Read only", _F),
    3015: CodeInfo(423, "Edit required", _F),
    3016: CodeInfo(400, "Invalid payload", _F),
    3017: CodeInfo(404, "Event not found", _F),
    4000: CodeInfo(400, "Failed", _F),
    4004: CodeInfo(404, "Not found", _F),
    4500: CodeInfo(400, "Something wrong", _F),
    5000: CodeInfo(500, "Internal server error", _R),
    5003: CodeInfo(503, "Service unavailable", _P),
    6000: CodeInfo(422, "Gameball disabled", _P),
    6001: CodeInfo(422, "Cashback disabled", _P),
    6002: CodeInfo(422, "Default language not set", _P),
    6003: CodeInfo(403, "Cannot access coupon configurations", _F),
    7000: CodeInfo(404, "Customer not found", _F),
    7001: CodeInfo(422, "Customer already exists", _F),
    7002: CodeInfo(422, "Already referred", _F),
    7003: CodeInfo(404, "Referral code not found", _F),
    7004: CodeInfo(422, "Guest identifier exists", _F),
    7005: CodeInfo(422, "Already referred", _F),
    7006: CodeInfo(422, "Invalid referral", _F),
    8000: CodeInfo(403, "Feature unavailable", _F),
    9000: CodeInfo(422, "Non-reversible", _F),
    9001: CodeInfo(422, "Already cancelled", _F),
    9002: CodeInfo(404, "Transaction not found", _F),
    9003: CodeInfo(422, "Transaction time already exists", _F),
    9004: CodeInfo(422, "Transaction ID already exists", _F),
    9005: CodeInfo(404, "Reversed transaction not found", _F),
    9006: CodeInfo(404, "Hold reference not found", _F),
    9007: CodeInfo(422, "Transaction time not valid", _F),
    9008: CodeInfo(422, "Insufficient balance", _F),
}
