"""The estimate from documented configuration only (issue 12, requirement 7): the base rate from the cashback
configuration, each tier's rate from `GET /configurations/cashback`, and a label that says which; and the
history settle rule, which no documented field can give, is a setting."""

from datetime import timedelta

import pytest
from engine_helpers import make_terminal, sell
from sandbox_helpers import checked, wait_until

from pos_app.config.settings import Settings, SettingsError
from pos_app.domain import endpoints
from pos_app.domain.order import validate_preview
from pos_app.domain.timeutil import to_iso_z, utc_now
from pos_app.services.till import PreviewSource
from pos_app.store.store import Store
from pos_app.sync.engine import CASHBACK_TIER_RULES

# Two pen packs: no product or category multiplier in the demo rules, so only the tier moves the figure.
BASKET = {"totalPaid": 40, "lineItems": [{"productId": "P-1001", "quantity": 2, "price": 20}]}


def test_the_sandbox_serves_tier_rules_with_documented_fields_only(gb):
    answer = checked(gb.get(endpoints.CASHBACK_TIER_RULES.path), "GET", endpoints.CASHBACK_TIER_RULES.path)
    rules = {rule["tierName"]: rule for rule in answer["tierCashbackRules"]}
    assert answer["defaultCashbackRule"] == {"amountRewardThreshold": 1, "rewardWalletFactor": 1}
    assert rules["Gold"]["rewardWalletFactor"] == 1.5 and rules["Platinum"]["rewardWalletFactor"] == 2


def test_the_engine_caches_the_tier_rules_and_the_estimate_uses_the_customers_tier(terminal, sandbox):
    terminal.start()
    wait_until(lambda: terminal.engine.status.online)
    with Store.open_in(terminal.data_dir) as store:
        assert store.get_cache(CASHBACK_TIER_RULES) is not None  # fetched before the till is told "online"
        basket = validate_preview({**BASKET, "customerId": "demo-amira"}, now=utc_now(), currency="USD")
        before = terminal.service.estimate(basket)
        assert (before.points, before.source) == (40, PreviewSource.ESTIMATE_BASE_RATE)  # tier not known yet
        store.put_customer_profile("demo-amira", {"name": "Amira", "tier": "Gold"})  # as identification caches
        after = terminal.service.estimate(basket)
        assert (after.points, after.source) == (60, PreviewSource.ESTIMATE)  # 40 x 1.5, the Gold rule


def test_without_tier_rules_the_estimate_stays_at_the_base_rate_and_says_so(terminal, sandbox):
    sandbox.faults.answer(500, count=None, path="/configurations/cashback$")
    terminal.start()
    wait_until(lambda: terminal.engine.status.online)  # a refused tier rule fetch does not keep the till offline
    with Store.open_in(terminal.data_dir) as store:
        assert store.get_cache(CASHBACK_TIER_RULES) is None
        store.put_customer_profile("demo-amira", {"name": "Amira", "tier": "Gold"})
    basket = validate_preview({**BASKET, "customerId": "demo-amira"}, now=utc_now(), currency="USD")
    estimate = terminal.service.estimate(basket)
    assert (estimate.points, estimate.source) == (40, PreviewSource.ESTIMATE_BASE_RATE)


def test_the_bridge_preview_says_which_estimate_it_is(till, sandbox):
    runtime, http = till
    assert http.get("/v1/customers/demo-amira").json()["tier"] == "Gold"  # identified: the tier is cached
    sandbox.faults.refuse()  # Gameball unreachable: the preview falls back to the estimate
    known = wait_until(lambda: (answer := http.post("/v1/preview", json={**BASKET, "customerId": "demo-amira"})
                                .json())["source"] != "live" and answer, timeout=10)
    assert (known["points"], known["source"]) == (60, "estimate")
    unknown = http.post("/v1/preview", json={**BASKET, "customerId": "demo-omar"}).json()
    assert (unknown["points"], unknown["source"]) == (40, "estimate_base_rate")  # Silver, but not identified here


def test_the_settle_rule_is_a_setting_with_a_documented_default(tmp_path, sandbox):
    assert Settings().points_settle_days == 14
    with pytest.raises(SettingsError) as refused:
        Settings.from_mapping({"points_settle_days": "7301"})
    assert refused.value.field == "points_settle_days"
    runtime = make_terminal(tmp_path, sandbox, points_settle_days="30")
    assert runtime.engine.options.history.return_window_days == 30


@pytest.mark.parametrize(("settle_days", "settled"), [(14, True), (30, False)])
def test_history_settles_an_order_by_the_setting(tmp_path, sandbox, settle_days, settled):
    runtime = make_terminal(tmp_path, sandbox, points_settle_days=str(settle_days))
    order_id = sell(runtime, orderDate=to_iso_z(utc_now() - timedelta(days=20)))  # sold 20 days ago
    runtime.start()
    try:
        with Store.open_in(runtime.data_dir) as store:
            wait_until(lambda: (order := store.get_order(order_id)) and order.history_synced_at, timeout=10)
            assert store.get_order(order_id).history_settled is settled
    finally:
        runtime.stop()
