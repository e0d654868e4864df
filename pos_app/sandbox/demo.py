"""Demo mode: fixed keys, demo customers with balances, the demo catalogue and cashback rules.

The data lives in resources/demo/ (customers.json, catalogue.json, rules.json) so trainers can read and
change it without touching code.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from typing import Any

from pos_app.domain.cashback import CashbackRules
from pos_app.domain.redemption import RedemptionRules
from pos_app.resources import resource_path
from pos_app.sandbox.state import SandboxState

logger = logging.getLogger(__name__)

# Not secrets: they only open the loopback sandbox, and the demo must work without any setup.
DEMO_API_KEY = "demo-api-key"
DEMO_SECRET_KEY = "demo-secret-key"


def _load(name: str) -> Any:
    with resource_path("demo", name).open(encoding="utf-8") as handle:
        return json.load(handle)


@dataclass(frozen=True)
class DemoSettings:
    rules: CashbackRules
    redemption: RedemptionRules
    currency: str
    points_name: str


def load_settings() -> DemoSettings:
    data = _load("rules.json")
    return DemoSettings(
        rules=CashbackRules.from_sandbox_settings(data["cashback"]),
        redemption=RedemptionRules.from_configuration(data["redemption"]),
        currency=data["currency"],
        points_name=data["pointsName"],
    )


def load_customers() -> list[dict[str, Any]]:
    return _load("customers.json")["customers"]


def load_catalogue() -> list[dict[str, Any]]:
    return _load("catalogue.json")["products"]


def seed(state: SandboxState) -> None:
    """Add the demo customers, with their balances, to a sandbox's state."""
    for customer in load_customers():
        balance = customer.get("balance", {})
        state.seed_customer(
            customer["customerId"],
            name=customer.get("name"),
            mobile=customer.get("mobile"),
            email=customer.get("email"),
            tier=customer.get("tier"),
            available=balance.get("available", 0),
            pending=balance.get("pending", 0),
            pending_days=balance.get("pendingDays", 0),
            expiring=balance.get("expiring", 0),
            expiring_days=balance.get("expiringDays", 0),
        )
