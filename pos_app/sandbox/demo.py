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
from pos_app.domain.money import to_decimal
from pos_app.domain.redemption import RedemptionRules
from pos_app.resources import resource_path
from pos_app.sandbox.loyalty import SandboxCampaign, SandboxCoupon, SandboxTier
from pos_app.sandbox.state import DAY, SandboxState

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


def configure_loyalty(state: SandboxState) -> None:
    """The demo account's tiers, campaign, coupons, redemption rules and OTP (resources/demo/rules.json)."""
    data = _load("rules.json")
    loyalty = state.loyalty
    loyalty.tiers = tuple(SandboxTier(t["name"], t["order"], t["minProgress"]) for t in data.get("tiers", []))
    loyalty.campaigns = tuple(
        SandboxCampaign(c["id"], c["name"], to_decimal(c["minOrderValue"]), c["rewardPoints"],
                        c.get("maxAchievement", 1))
        for c in data.get("campaigns", []))
    now = state.clock.now()
    for c in data.get("coupons", []):
        expired = c.get("expiredDaysAgo")
        loyalty.coupons[c["code"]] = SandboxCoupon(
            c["code"], c["type"], to_decimal(c["value"]), min_order_value=to_decimal(c.get("minOrderValue", 0)),
            usage_limit=c.get("usageLimit", 1), expires_at=None if expired is None else now - expired * DAY)
    state.redemption_rules = [dict(rule) for rule in data.get("redemptionRules", [])]
    otp = data.get("otp", {})
    loyalty.otp_enabled = bool(otp.get("enabled"))
    loyalty.otp_required = bool(otp.get("required"))
    loyalty.demo_code = otp.get("demoCode")


def seed(state: SandboxState) -> None:
    """Configure the demo account and add the demo customers, with their balances, to a sandbox's state."""
    configure_loyalty(state)
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


def seed_phone_customers(state: SandboxState) -> None:
    """The demo customers again under their E.164 phone as customerId, the till's phone rule
    (pos_app.domain.customer_id), so a demo user at `pos-app --demo` can identify them by phone number."""
    for customer in load_customers():
        if not customer.get("mobile"):
            continue
        balance = customer.get("balance", {})
        state.seed_customer(
            customer["mobile"], name=customer.get("name"), mobile=customer["mobile"], email=customer.get("email"),
            tier=customer.get("tier"), available=balance.get("available", 0), pending=balance.get("pending", 0),
            pending_days=balance.get("pendingDays", 0), expiring=balance.get("expiring", 0),
            expiring_days=balance.get("expiringDays", 0),
        )
