"""Points an order earns under a merchant's cashback rules (pure: no I/O).

The same rules serve the till's local estimate (from the cached `GET /configurations/rewards/cashback` answer,
with each tier's rate from the cached `GET /configurations/cashback` answer) and the sandbox's real reward.

How points are computed for an order body in Gameball's shape:

* Only `totalPaid` earns (API.md section 2). Without usable `lineItems` the whole of it earns at the base
  `rate` times the customer's tier factor.
* With `lineItems`, `totalPaid` is shared across the lines in proportion to each line's net value
  (`price * quantity - discount`), so order-level discounts and redeemed points shrink every line alike.
  Each share earns `rate * line factor * tier factor`; the line factor is the largest multiplier among
  the line's categories times its product multiplier (1 where none is set).
* If `eligible_categories` is not empty, lines in none of them earn nothing.
* Points are rounded down to whole points: each line separately, and the order total from the sum of
  the exact line values, so the line points may add up to a little less than the total.
* Below `minimum_order_value`, or with cashback disabled, nothing is earned; `maximum_cashback` caps
  the order total (in points) and scales the lines down with it.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from decimal import ROUND_DOWN, ROUND_FLOOR, ROUND_HALF_EVEN, Decimal
from typing import Any

from pos_app.domain.money import to_decimal, to_json_number

logger = logging.getLogger(__name__)

_ONE = Decimal(1)
_ZERO = Decimal(0)
_CENT = Decimal("0.01")
_SETTLED = Decimal("1e-12")


def _factors(raw: object, what: str) -> dict[str, Decimal]:
    if raw is None:
        return {}
    if not isinstance(raw, Mapping):
        raise ValueError(f"{what} must be an object mapping names to factors")
    return {str(name): to_decimal(factor) for name, factor in raw.items()}


def _plain_factors(factors: Mapping[str, Decimal]) -> dict[str, int | float]:
    return {name: to_json_number(factor) for name, factor in factors.items()}


@dataclass(frozen=True)
class CashbackRules:
    """A merchant's cashback configuration; every rate and factor is a Decimal."""

    rate: Decimal = _ONE  # points per currency unit of totalPaid
    category_multipliers: Mapping[str, Decimal] = field(default_factory=dict)
    product_multipliers: Mapping[str, Decimal] = field(default_factory=dict)
    tier_multipliers: Mapping[str, Decimal] = field(default_factory=dict)
    return_window_days: int = 0  # earned points stay pending this long; 0 = available at once
    enabled: bool = True
    minimum_order_value: Decimal = _ZERO
    maximum_cashback: Decimal | None = None  # most points one order can earn; None = no cap
    eligible_categories: tuple[str, ...] = ()  # empty = every category earns
    # True once tier_multipliers come from Gameball's documented tier cashback rules (with_tier_rules): an
    # estimate for a customer whose tier is known is then at that tier's rate, not the base rate.
    tier_rules_known: bool = False

    @classmethod
    def from_configuration(cls, config: Mapping[str, Any]) -> CashbackRules:
        """Rules from Gameball's `GET /configurations/rewards/cashback` answer: only what openapi.json documents
        (`rate`, `minimumOrderValue`, `maximumCashback`, `enabled`, `categories`). Category, product and tier
        multipliers and the return window are not in it, so an estimate from these rules is at the base rate
        (issue 12, requirement 7). Missing fields take the defaults; a `maximumCashback` of 0 or null means no cap.
        """
        cap = config.get("maximumCashback")
        maximum = to_decimal(cap) if cap is not None else None
        return cls(
            rate=to_decimal(config.get("rate", 1)),
            enabled=bool(config.get("enabled", True)),
            minimum_order_value=to_decimal(config.get("minimumOrderValue") or 0),
            maximum_cashback=maximum if maximum is not None and maximum > 0 else None,
            eligible_categories=tuple(str(c) for c in config.get("categories") or ()),
        )

    @classmethod
    def from_sandbox_settings(cls, config: Mapping[str, Any]) -> CashbackRules:
        """The sandbox's own rules (its demo data): the documented fields plus `categoryMultipliers`,
        `productMultipliers`, `tierMultipliers` and `returnWindow`, which Gameball applies but does not publish."""
        return replace(
            cls.from_configuration(config),
            category_multipliers=_factors(config.get("categoryMultipliers"), "categoryMultipliers"),
            product_multipliers=_factors(config.get("productMultipliers"), "productMultipliers"),
            tier_multipliers=_factors(config.get("tierMultipliers"), "tierMultipliers"),
            return_window_days=int(config.get("returnWindow") or 0),
        )

    def to_configuration(self) -> dict[str, Any]:
        """The `GET /configurations/rewards/cashback` answer: the documented fields only."""
        return {
            "rate": to_json_number(self.rate),
            "minimumOrderValue": to_json_number(self.minimum_order_value),
            "maximumCashback": to_json_number(self.maximum_cashback) if self.maximum_cashback else 0,
            "enabled": self.enabled,
            "categories": list(self.eligible_categories),
        }

    def to_sandbox_settings(self) -> dict[str, Any]:
        """The inverse of from_sandbox_settings."""
        return {
            **self.to_configuration(),
            "categoryMultipliers": _plain_factors(self.category_multipliers),
            "productMultipliers": _plain_factors(self.product_multipliers),
            "tierMultipliers": _plain_factors(self.tier_multipliers),
            "returnWindow": self.return_window_days,
        }

    def with_tier_rules(self, config: Mapping[str, Any]) -> CashbackRules:
        """These rules with each tier's factor from `GET /configurations/cashback` (tier_factors); unchanged, and
        still at the base rate, when that answer cannot give them."""
        factors = tier_factors(config)
        if factors is None:
            return self
        return replace(self, tier_multipliers=factors, tier_rules_known=True)

    def to_tier_rules(self) -> dict[str, Any]:
        """The `GET /configurations/cashback` answer for these rules, documented fields only: the default rule and
        one rule per tier multiplier, each as points (`rewardWalletFactor`) per currency unit spent."""
        def rule(factor: Decimal) -> dict[str, Any]:
            return {"amountRewardThreshold": 1, "rewardWalletFactor": to_json_number(self.rate * factor)}
        return {"defaultCashbackRule": rule(_ONE),
                "tierCashbackRules": [{"tierName": name, **rule(factor)}
                                      for name, factor in self.tier_multipliers.items()]}

    def is_tiered_for(self, tier: str | None) -> bool:
        """Whether an estimate for a customer of `tier` uses their tier's documented rule rather than the base
        rate: the tier is known and so are the account's tier rules (a tier without its own rule earns the
        default, which is then its rule)."""
        return bool(tier) and self.tier_rules_known

    def tier_factor(self, tier: str | None) -> Decimal:
        return self.tier_multipliers.get(tier, _ONE) if tier else _ONE

    def line_factor(self, product_id: str | None, categories: list[str]) -> Decimal:
        if self.eligible_categories and not set(categories) & set(self.eligible_categories):
            return _ZERO
        category = max((self.category_multipliers.get(c, _ONE) for c in categories), default=_ONE)
        return category * self.product_multipliers.get(product_id or "", _ONE)


def _points_per_unit(rule: object) -> Decimal | None:
    if not isinstance(rule, Mapping):
        return None
    try:
        threshold = to_decimal(rule.get("amountRewardThreshold"))
        points = to_decimal(rule.get("rewardWalletFactor"))
    except ValueError:  # not a number, or absent
        return None
    return points / threshold if threshold > 0 and points >= 0 else None


def tier_factors(config: Mapping[str, Any]) -> dict[str, Decimal] | None:
    """Each tier's earning factor over the default rule, from the documented fields of
    `GET /configurations/cashback`: `defaultCashbackRule` and `tierCashbackRules[]` (`tierName`,
    `amountRewardThreshold`, `rewardWalletFactor`). A rule earns `rewardWalletFactor` points per
    `amountRewardThreshold` spent (README, assumptions), so a tier's factor is its points per currency unit over
    the default rule's. None when the answer cannot give every factor (no usable default rule, or a tier rule
    without its numbers): the estimate then stays at the base rate rather than guess one tier.
    """
    default = _points_per_unit(config.get("defaultCashbackRule"))
    rules = config.get("tierCashbackRules") or []
    if default is None or default == 0 or not isinstance(rules, list):
        return None
    factors: dict[str, Decimal] = {}
    for rule in rules:
        per_unit = _points_per_unit(rule)
        name = rule.get("tierName") if isinstance(rule, Mapping) else None
        if per_unit is None or not isinstance(name, str) or not name:
            return None
        factors[name] = per_unit / default
    return factors


@dataclass(frozen=True)
class LinePoints:
    """What one line item earns; `net_value` and `exact_points` are kept for proportional refunds."""

    product_id: str | None
    quantity: Decimal
    net_value: Decimal  # price * quantity - discount, never below 0
    factor: Decimal  # points per currency unit for this line (rate x line factor x tier factor)
    exact_points: Decimal
    decimal_points: Decimal  # exact_points cut to 2 places, as Gameball's `decimalPoints`
    points: int


@dataclass(frozen=True)
class CashbackResult:
    total_points: int
    total_decimal_points: Decimal
    lines: tuple[LinePoints, ...]


def _settle(value: Decimal) -> Decimal:
    """Drop the last digits of a 28-digit quotient, so 3 x 3.333... is 10, not 9.999..."""
    return value.quantize(_SETTLED, rounding=ROUND_HALF_EVEN)


def _floor(value: Decimal) -> int:
    return int(_settle(value).to_integral_value(rounding=ROUND_FLOOR))


def _line_net(item: Mapping[str, Any]) -> Decimal:
    gross = to_decimal(item.get("price", 0)) * to_decimal(item.get("quantity", 1))
    return max(gross - to_decimal(item.get("discount", 0)), _ZERO)


def _line(item: Mapping[str, Any], exact: Decimal, factor: Decimal) -> LinePoints:
    return LinePoints(
        product_id=item.get("productId"),
        quantity=to_decimal(item.get("quantity", 1)),
        net_value=_line_net(item),
        factor=factor,
        exact_points=exact,
        decimal_points=_settle(exact).quantize(_CENT, rounding=ROUND_DOWN),
        points=_floor(exact),
    )


def compute_cashback(rules: CashbackRules, order: Mapping[str, Any],
                     tier: str | None = None) -> CashbackResult:
    """Points for an order (or a cashback preview) body; `tier` is the customer's tier name, if known."""
    total_paid = to_decimal(order.get("totalPaid", 0))
    items: list[Mapping[str, Any]] = list(order.get("lineItems") or [])
    earns = rules.enabled and total_paid > 0 and total_paid >= rules.minimum_order_value
    base = rules.rate * rules.tier_factor(tier) if earns else _ZERO
    nets = [_line_net(item) for item in items]
    net_total = sum(nets, _ZERO)

    if net_total > 0:
        factors = [base * rules.line_factor(item.get("productId"), list(item.get("category") or []))
                   for item in items]
        # Divide last, so shares of a total that split evenly add back up to it exactly.
        exacts = [total_paid * net * factor / net_total for net, factor in zip(nets, factors, strict=True)]
        exact_total = sum((net * factor for net, factor in zip(nets, factors, strict=True)), _ZERO)
        exact_total = total_paid * exact_total / net_total
    else:
        # No line values to share totalPaid by: the order total earns at the base rate, lines earn 0.
        factors = [_ZERO] * len(items)
        exacts = [_ZERO] * len(items)
        exact_total = total_paid * base

    cap = rules.maximum_cashback
    if cap is not None and exact_total > cap:
        exacts = [exact * cap / exact_total for exact in exacts]
        exact_total = cap
    return CashbackResult(
        total_points=_floor(exact_total),
        total_decimal_points=_settle(exact_total).quantize(_CENT, rounding=ROUND_DOWN),
        lines=tuple(_line(*parts) for parts in zip(items, exacts, factors, strict=True)),
    )
