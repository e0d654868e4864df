"""Knowing the customer at the till (pure): tier progress, coupon discounts, when a redemption needs
an OTP, and the counting rules behind the abuse notices.

No I/O and no Qt: the services feed these from Gameball's answers and the store's records, the till
and the end-of-day summary show what they return.
"""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from pos_app.domain.customer_id import Source
from pos_app.domain.money import quantize

logger = logging.getLogger(__name__)


# --- tiers --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Tier:
    name: str
    order: int
    min_progress: Decimal


@dataclass(frozen=True)
class TierStanding:
    """Where the customer stands: `remaining` is what is still needed for `next_name` (None at the top)."""

    name: str | None
    next_name: str | None
    remaining: Decimal | None
    progress: Decimal | None


def tier_standing(tiers: Iterable[Tier], *, current: str | None, current_order: int | None,
                  next_name: str | None, next_min: Decimal | None, progress: Decimal | None) -> TierStanding:
    """From Gameball's tier-progress answer, named from the tiers configuration when it has the tier.

    The configuration is the authority on names (it answers in the till's language); the progress
    answer's own names are the fallback. Nothing is invented: unknown parts stay None.
    """
    by_order = {tier.order: tier for tier in tiers}
    name = by_order[current_order].name if current_order in by_order else current
    if next_name is None and current_order is not None:
        above = sorted(order for order in by_order if order > current_order)
        if above:
            nxt = by_order[above[0]]
            next_name, next_min = nxt.name, nxt.min_progress
    remaining = None
    if next_name is not None and next_min is not None and progress is not None:
        remaining = max(Decimal(0), next_min - progress)
    return TierStanding(name, next_name, remaining, progress)


# --- coupons ------------------------------------------------------------------------------------

# Coupon types whose value the till can take off the basket total; the others (shipping, a free
# product, fees, cashback) change something the till does not price, so it refuses them plainly.
AMOUNT_COUPONS = frozenset({"fixed", "percentage"})


class CouponProblem(StrEnum):
    TYPE = "type"  # not a discount the till can apply
    MINIMUM = "minimum"  # the basket is below the coupon's minimum order value
    NOTHING = "nothing"  # the discount would be zero


@dataclass(frozen=True)
class CouponDiscount:
    amount: Decimal | None
    problem: CouponProblem | None


def coupon_discount(kind: str | None, value: Decimal | None, basket_total: Decimal, currency: str, *,
                    capping: Decimal | None = None, min_order_value: Decimal | None = None) -> CouponDiscount:
    """The money a coupon takes off `basket_total`, never more than the basket, or why it cannot apply."""
    if kind not in AMOUNT_COUPONS or value is None or value <= 0:
        return CouponDiscount(None, CouponProblem.TYPE)
    if min_order_value and basket_total < min_order_value:
        return CouponDiscount(None, CouponProblem.MINIMUM)
    amount = value if kind == "fixed" else basket_total * value / Decimal(100)
    if capping and capping > 0:
        amount = min(amount, capping)
    amount = quantize(min(amount, basket_total), currency)
    if amount <= 0:
        return CouponDiscount(None, CouponProblem.NOTHING)
    return CouponDiscount(amount, None)


# --- proof of the customer ----------------------------------------------------------------------


MISSING_ARGUMENTS = 3000


class OtpPolicy(StrEnum):
    """A manager setting: when a redemption by a phone-identified customer needs a texted code."""

    ALWAYS = "always"
    ABOVE = "above"  # above `otp_threshold_points`
    NEVER = "never"  # the account has no SMS/OTP


def needs_otp(policy: OtpPolicy, threshold_points: int, points: int, source: Source, has_hash: bool, *,
              account_requires: bool = False) -> bool:
    """A scanned Gameball QR (id plus rotating hash) is proof on its own; otherwise an account that requires
    OTP forces it (Gameball refuses the hold without), and below that the store's policy decides."""
    if source is Source.QR and has_hash:
        return False
    if account_requires:
        return True
    if policy is OtpPolicy.NEVER:
        return False
    if policy is OtpPolicy.ABOVE:
        return points > threshold_points
    return True


def requires_otp_refusal(code: int | None, proof_sent: bool) -> bool:
    """Whether Gameball's refusal of a hold says the account requires OTP: 3000 (missing arguments) to a hold
    that carried no otp, hash or ignoreOTP. No configuration endpoint documents the account's OTP setting,
    so this answer is the only way to learn it (README, assumptions)."""
    return code == MISSING_ARGUMENTS and not proof_sent


def is_proven(source: Source, has_hash: bool, otp_given: bool) -> bool:
    return otp_given or (source is Source.QR and has_hash)


# --- abuse --------------------------------------------------------------------------------------


class AbuseKind(StrEnum):
    FREQUENT_CUSTOMER = "frequent_customer"  # identified on more sales today than the limit
    UNPROVEN_REDEMPTION = "unproven_redemption"  # above the threshold without OTP or QR hash
    MANUAL_ACTION = "manual_action"  # a manager's retry, discard or setting change


@dataclass(frozen=True)
class IdentifiedSale:
    customer_id: str
    day: str  # the terminal's local date, YYYY-MM-DD


def frequent_customers(sales: Iterable[IdentifiedSale], limit: int) -> dict[tuple[str, str], int]:
    """(customer, day) -> sales, for each customer identified on more than `limit` sales that day.

    `limit` 0 turns the rule off (a store where regulars come several times a day may want that).
    """
    if limit <= 0:
        return {}
    counts = Counter((sale.customer_id, sale.day) for sale in sales)
    return {key: count for key, count in counts.items() if count > limit}


def unproven_redemption(points: int, threshold_points: int, proven: bool) -> bool:
    """A redemption worth flagging: above the threshold and neither OTP nor QR hash proved the customer."""
    return not proven and points > threshold_points
