"""Points to money and back, from Gameball's `GET /configurations/rewards/redemption` answer, and the
account's redemption rules (`GET /configurations/redemption`) with what each is worth on a basket (pure)."""

from __future__ import annotations

import logging
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import ROUND_CEILING, Decimal
from enum import StrEnum
from typing import Any

from pos_app.domain.money import quantize, to_decimal, to_json_number

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class RedemptionRules:
    point_value: Decimal = Decimal("0.1")  # money one point is worth when redeemed
    minimum_points: int = 0  # smallest redemption; 0 = none
    maximum_redemption: int = 0  # largest redemption in points; 0 = none
    enabled: bool = True
    methods: tuple[str, ...] = ("points",)

    @classmethod
    def from_configuration(cls, config: Mapping[str, Any]) -> RedemptionRules:
        return cls(
            point_value=to_decimal(config.get("pointValue", "0.1")),
            minimum_points=int(config.get("minimumPoints") or 0),
            maximum_redemption=int(config.get("maximumRedemption") or 0),
            enabled=bool(config.get("enabled", True)),
            methods=tuple(str(m) for m in config.get("redemptionMethods") or ("points",)),
        )

    def to_configuration(self) -> dict[str, Any]:
        return {
            "minimumPoints": self.minimum_points,
            "pointValue": to_json_number(self.point_value),
            "maximumRedemption": self.maximum_redemption,
            "enabled": self.enabled,
            "redemptionMethods": list(self.methods),
        }

    def value_of(self, points: int, currency: str) -> Decimal:
        """The money `points` are worth, rounded to the currency's minor unit."""
        return quantize(Decimal(points) * self.point_value, currency)

    def points_for(self, amount: Decimal) -> int:
        """The whole points needed to cover `amount` (rounded up, so the value is never short)."""
        return int((amount / self.point_value).to_integral_value(rounding=ROUND_CEILING))


# --- redemption rules by id (GET /configurations/redemption) -------------------------------------

# The coupon types of a rule whose value the till can take off the basket; free shipping, a free product and
# custom rewards change something the till does not price, so they are listed but cannot be picked here.
FIXED_TYPES = frozenset({"fixed_discount", "fixed_rate_discount"})
PERCENT_TYPES = frozenset({"percentage_discount"})


class OptionProblem(StrEnum):
    NOT_PRICED = "not_priced"  # a reward the till cannot take off the basket (shipping, a product, custom)
    POINTS = "points"  # the customer has fewer points than the rule takes
    MINIMUM = "minimum"  # the basket is below the rule's minimum order value
    NOTHING = "nothing"  # the discount would be zero


@dataclass(frozen=True)
class RedemptionOption:
    """One active redemption rule the account offers: `points` taken for `coupon_type`'s discount."""

    rule_id: str  # the hold sends it as a string (openapi.json); Gameball lists it as a number
    name: str
    points: int
    coupon_type: str
    discount_value: Decimal | None
    capping: Decimal | None = None
    min_order_value: Decimal | None = None


@dataclass(frozen=True)
class OptionAllowance:
    """What a rule is worth on this basket for this customer, or why it cannot be used."""

    value: Decimal | None
    problem: OptionProblem | None


def redemption_options(config: Mapping[str, Any]) -> tuple[RedemptionOption, ...]:
    """The active rules with a fixed number of points, from `GET /configurations/redemption`.

    A rule without `pointsToRedeem` "applies to all points": that is the point value the cashier already
    redeems by typing an amount, so it is not a separate choice. Malformed rules are skipped, not guessed.
    """
    options = []
    for rule in config.get("redemptionRules") or ():
        if not isinstance(rule, Mapping) or rule.get("isActive") is False or rule.get("pointsToRedeem") is None:
            continue
        coupon = rule.get("coupon") if isinstance(rule.get("coupon"), Mapping) else {}
        settings = coupon.get("options") if isinstance(coupon.get("options"), Mapping) else {}
        try:
            rule_id, points = rule["id"], int(rule["pointsToRedeem"])
            option = RedemptionOption(
                rule_id=str(int(rule_id)) if isinstance(rule_id, (int, Decimal)) else str(rule_id),
                name=str(settings.get("name") or rule.get("ruleType") or rule_id),
                points=points, coupon_type=str(coupon.get("couponType") or ""),
                discount_value=_optional_decimal(coupon.get("discountValue")),
                capping=_optional_decimal(settings.get("capping")),
                min_order_value=_optional_decimal(settings.get("minOrderValue")))
        except (KeyError, TypeError, ValueError, ArithmeticError):
            logger.warning("redemption rule skipped: no id or points")
            continue
        if points > 0:
            options.append(option)
    return tuple(options)


def _optional_decimal(value: object) -> Decimal | None:
    return None if value is None or isinstance(value, bool) else to_decimal(value)


def option_allowance(option: RedemptionOption, basket_total: Decimal, available_points: int | None,
                     currency: str) -> OptionAllowance:
    """The money `option` takes off `basket_total` (never more than the basket), or why it cannot be used."""
    if option.coupon_type not in FIXED_TYPES | PERCENT_TYPES or not option.discount_value \
            or option.discount_value <= 0:
        return OptionAllowance(None, OptionProblem.NOT_PRICED)
    if available_points is not None and option.points > available_points:
        return OptionAllowance(None, OptionProblem.POINTS)
    if option.min_order_value and basket_total < option.min_order_value:
        return OptionAllowance(None, OptionProblem.MINIMUM)
    value = option.discount_value if option.coupon_type in FIXED_TYPES \
        else basket_total * option.discount_value / Decimal(100)
    if option.capping and option.capping > 0:
        value = min(value, option.capping)
    value = quantize(min(value, basket_total), currency)
    if value <= 0:
        return OptionAllowance(None, OptionProblem.NOTHING)
    return OptionAllowance(value, None)
