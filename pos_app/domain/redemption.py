"""Points to money and back, from Gameball's `GET /configurations/rewards/redemption` answer (pure)."""

from __future__ import annotations

import logging
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import ROUND_CEILING, Decimal
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
