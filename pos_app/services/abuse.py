"""Abuse caught the same shift (issue 15): the day's notices from this terminal's own records.

A customer identified on more sales than the limit (from the orders), redemptions above the threshold
with no proof of the customer, and every manual retry, discard or setting change (from the audit log,
which records the terminal, the time and the reason typed). The counting rules are domain/loyalty.py's.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from pos_app.domain.loyalty import AbuseKind, IdentifiedSale, frequent_customers
from pos_app.store.store import Store

log = logging.getLogger(__name__)

# The audit actions a manager should see the same day; the till's own `redemption.unproven` too.
MANUAL_ACTIONS = frozenset({"outbox.requeue", "outbox.discard", "settings.set", "settings.import", "keys.set",
                            "bridge_token.rotate"})
UNPROVEN = "redemption.unproven"


@dataclass(frozen=True)
class AbuseNotice:
    kind: AbuseKind
    at: float | None  # epoch seconds; None for a count over the day
    terminal_id: str | None
    action: str  # the audit action, or "sales" for a frequent customer
    subject: str  # the customer, the hold, or the order/setting touched
    count: int | None  # sales that day, or points redeemed
    reason: str | None  # what the manager typed, when the action asks for it


def _subject(detail: dict[str, Any]) -> str:
    if "refId" in detail:
        return str(detail["refId"])
    if "keys" in detail:
        return ", ".join(str(key) for key in detail["keys"])
    return str(detail.get("file") or detail.get("hold") or "")


def day_notices(store: Store, start_iso: str, end_iso: str, limit: int) -> list[AbuseNotice]:
    """The notices of the local day whose UTC bounds are [start_iso, end_iso), oldest first."""
    day = start_iso[:10]
    sales = [IdentifiedSale(customer, day) for customer, count in store.sales_per_customer(start_iso, end_iso).items()
             for _ in range(count)]
    notices = [AbuseNotice(AbuseKind.FREQUENT_CUSTOMER, None, store.terminal_id, "sales", customer, count, None)
               for (customer, _), count in sorted(frequent_customers(sales, limit).items())]
    start = datetime.fromisoformat(start_iso.replace("Z", "+00:00")).timestamp()
    end = datetime.fromisoformat(end_iso.replace("Z", "+00:00")).timestamp()
    for entry in store.audit_between(start, end, MANUAL_ACTIONS | {UNPROVEN}):
        detail = entry.detail if isinstance(entry.detail, dict) else {}
        if entry.action == UNPROVEN:
            notices.append(AbuseNotice(AbuseKind.UNPROVEN_REDEMPTION, entry.at, detail.get("terminal")
                                       or entry.terminal_id, entry.action, _subject(detail),
                                       int(detail.get("points") or 0), None))
        else:
            notices.append(AbuseNotice(AbuseKind.MANUAL_ACTION, entry.at, entry.terminal_id, entry.action,
                                       _subject(detail), None, detail.get("reason")))
    return notices
