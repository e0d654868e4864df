"""The instant points estimate: from the cached cashback configuration, at the customer's tier rate when both
Gameball's documented tier rules and the customer's tier are known, else at the base rate, and said so.

Works offline and never waits on the network: both configurations are fetched by the sync engine and cached,
the customer's tier by identification (the short-lived customer cache).
"""

from __future__ import annotations

import logging
from enum import StrEnum

from pos_app.domain.cashback import CashbackRules
from pos_app.services.customer_loyalty import CustomerProfile
from pos_app.store.store import Store
from pos_app.sync.engine import CASHBACK_CONFIGURATION, CASHBACK_TIER_RULES

log = logging.getLogger(__name__)


class PreviewSource(StrEnum):
    LIVE = "live"  # Gameball's own figure for this basket
    ESTIMATE = "estimate"  # the cached rules at the customer's tier rate: instant and offline
    ESTIMATE_BASE_RATE = "estimate_base_rate"  # the cached rules at the base rate (tier or its rule unknown)


def cached_rules(store: Store) -> CashbackRules:
    """The rules behind the estimate; defaults until the engine first reaches Gameball."""
    cached = store.get_cache(CASHBACK_CONFIGURATION)
    rules = CashbackRules()
    if cached is not None and isinstance(cached.value, dict):
        try:
            rules = CashbackRules.from_configuration(cached.value)
        except ValueError as error:
            log.warning("cached cashback configuration unusable, estimating with defaults: %s", error)
    tiers = store.get_cache(CASHBACK_TIER_RULES)
    if tiers is not None and isinstance(tiers.value, dict):
        rules = rules.with_tier_rules(tiers.value)
    return rules


def cached_tier(store: Store, customer_id: str | None) -> str | None:
    """The customer's tier while the customer cache holds it (after identification at this till), else None."""
    cached = store.get_customer_profile(customer_id) if customer_id else None
    return None if cached is None else CustomerProfile.from_cache(cached.value, cached.fetched_at).tier


def estimate_source(rules: CashbackRules, tier: str | None) -> PreviewSource:
    """How an estimate from `rules` for a customer of `tier` is labelled: at the tier rate or the base rate."""
    return PreviewSource.ESTIMATE if rules.is_tiered_for(tier) else PreviewSource.ESTIMATE_BASE_RATE
