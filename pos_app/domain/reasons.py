"""The reason a manager types for a manual retry, discard or setting change (issue 15): it goes into the audit
log and onto the end-of-day summary, so it is required and kept short."""

from __future__ import annotations

from pos_app.domain.errors import ValidationError

REASON_FIELD = "reason"
MAX_REASON_CHARS = 200


def manager_reason(text: str | None) -> str:
    """`text` trimmed, or ValidationError naming the `reason` field when it is empty or too long."""
    reason = " ".join((text or "").split())  # one line: it is printed on the summary
    if not reason:
        raise ValidationError(REASON_FIELD, "type why (it goes into the audit log with the terminal and the time)")
    if len(reason) > MAX_REASON_CHARS:
        raise ValidationError(REASON_FIELD, f"at most {MAX_REASON_CHARS} characters")
    return reason
