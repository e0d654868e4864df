"""Is the order Gameball holds under our orderId this sale? (DESIGN rule 2, issue 12 requirement 1)

A `9004` (or, after an unknown outcome, `9001`/`9003`) only says Gameball has *an* order with this id:
another till or a host POS reusing ids may have sent it. `GET /orders/{orderId}/transactions` documents
per transaction only `transactionType`, `amount`, `equivalentPoints`, `transactionDate` and
`transactionId` (no customer), so the comparison uses those against the frozen body:

* the amount Gameball rewarded (`PaymentReward`/`Payment`) differs from `totalPaid`: another sale;
* a redemption where this sale had no hold, no redemption where it had one, or other points: another sale;
* the reward is dated before this sale, or after the sale but before this till first sent it (under
  either reading of `transactionDate`, the sale's own time or Gameball's processing time, our copy
  cannot be dated there): another sale;
* the amount matches and the date fits one of the two readings: this sale;
* anything the documented fields cannot decide (no reward transaction, two of them, an amount or date
  missing or unreadable): not known, for a manager to look at. Never "delivered" on a guess.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import Decimal
from enum import StrEnum
from typing import Any

from pos_app.domain.money import MoneyError, to_decimal
from pos_app.domain.timeutil import parse_iso

# Clocks differ between a till and Gameball; a reward dated within this of a bound still fits it.
CLOCK_TOLERANCE = timedelta(seconds=60)
# orderDate has milliseconds; Gameball's own example shows two fractional digits.
SAME_MOMENT = timedelta(seconds=1)
REWARD_TYPES = frozenset({"PaymentReward", "Payment"})
REDEMPTION = "Redemption"
# Transaction types that exist only once Gameball has applied the order.
APPLIED_TYPES = REWARD_TYPES | {"AchievementReward", REDEMPTION}

ANOTHER_SALE = "order id already used by another sale"
NEEDS_REVIEW = ("Gameball already has an order with this id and its records cannot show whether it is this "
                "sale; check it in Gameball before retrying or discarding")


class Match(StrEnum):
    ABSENT = "absent"  # Gameball has not applied any order with this id
    SAME = "same"  # this sale: delivered
    OTHER = "other"  # another sale holds the id: failed
    UNKNOWN = "unknown"  # the documented fields cannot tell: needs review


@dataclass(frozen=True)
class Verdict:
    match: Match
    reason: str = ""
    rewarded_points: int | None = None
    redeemed_points: int | None = None


def _decimal(value: Any) -> Decimal | None:
    if value is None or isinstance(value, bool):
        return None
    try:
        return to_decimal(value)
    except MoneyError:
        return None


def _moment(value: Any) -> datetime | None:
    if not isinstance(value, str):
        return None
    try:
        return parse_iso(value)
    except ValueError:
        return None


def _points(transactions: Sequence[Mapping[str, Any]], types: frozenset[str]) -> int:
    total = Decimal(0)
    for tx in transactions:
        if tx.get("transactionType") in types:
            total += _decimal(tx.get("equivalentPoints")) or 0
    return int(total)


def judge(
    body: Mapping[str, Any],
    transactions: Sequence[Mapping[str, Any]],
    first_sent_at: datetime | None,
    held_points: int | None = None,
    debited: bool = False,
) -> Verdict:
    """Compare the order Gameball holds (its transactions) with our frozen `body`.

    `first_sent_at` is when this till first put the order on the wire (None if never recorded);
    `held_points` the points of the hold the body carries, when the till knows them; `debited`: the sale's
    points were taken by a direct redemption under the same id (its hold had expired), so a `Redemption`
    there is that debit's, not the order's.
    """
    ours = [tx for tx in transactions if tx.get("transactionId") in (None, body.get("orderId"))
            and not (debited and tx.get("transactionType") == REDEMPTION)]
    if not any(tx.get("transactionType") in APPLIED_TYPES for tx in ours):
        return Verdict(Match.ABSENT)
    rewards = [tx for tx in ours if tx.get("transactionType") in REWARD_TYPES]
    redemptions = [tx for tx in ours if tx.get("transactionType") == REDEMPTION]
    has_hold = bool((body.get("redemption") or {}).get("pointsHoldReference"))
    if bool(redemptions) != has_hold:
        why = "redeemed points this sale did not" if redemptions else "did not redeem the points this sale held"
        return Verdict(Match.OTHER, f"{ANOTHER_SALE}: Gameball's order {why}")
    redeemed = _points(redemptions, frozenset({REDEMPTION}))
    if held_points is not None and redemptions and redeemed != held_points:
        return Verdict(Match.OTHER, f"{ANOTHER_SALE}: it redeemed {redeemed} points, this sale held {held_points}")
    if len(rewards) != 1:
        return Verdict(Match.UNKNOWN, f"{NEEDS_REVIEW} ({len(rewards)} reward transactions)")
    reward = rewards[0]
    amount, paid = _decimal(reward.get("amount")), _decimal(body.get("totalPaid"))
    if amount is None or paid is None:
        return Verdict(Match.UNKNOWN, f"{NEEDS_REVIEW} (no amount recorded)")
    if amount != paid:
        return Verdict(Match.OTHER, f"{ANOTHER_SALE}: Gameball recorded {amount} paid, this sale {paid}")
    recorded, sold = _moment(reward.get("transactionDate")), _moment(body.get("orderDate"))
    if recorded is None or sold is None:
        return Verdict(Match.UNKNOWN, f"{NEEDS_REVIEW} (no time recorded)")
    if recorded < sold - CLOCK_TOLERANCE:
        return Verdict(Match.OTHER, f"{ANOTHER_SALE}: Gameball's order is dated before this sale")
    sale_time = abs(recorded - sold) <= SAME_MOMENT
    send_time = first_sent_at is not None and recorded >= first_sent_at - CLOCK_TOLERANCE
    if not (sale_time or send_time):
        return Verdict(Match.OTHER, f"{ANOTHER_SALE}: Gameball recorded it before this till sent it")
    return Verdict(Match.SAME, rewarded_points=_points(ours, frozenset({"PaymentReward", "AchievementReward"})),
                   redeemed_points=redeemed or None)
