from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pos_app.domain.cashback import CashbackRules, compute_cashback, tier_factors
from pos_app.domain.redemption import RedemptionRules

D = Decimal


def order(total_paid, *lines):
    body = {"totalPaid": total_paid}
    if lines:
        body["lineItems"] = list(lines)
    return body


def line(product_id, price, quantity=1, discount=0, category=()):
    return {"productId": product_id, "price": price, "quantity": quantity, "discount": discount,
            "category": list(category)}


def test_base_rate_without_line_items():
    result = compute_cashback(CashbackRules(rate=D(2)), order(D("10.50")))
    assert result.total_points == 21
    assert result.total_decimal_points == D("21.00")
    assert result.lines == ()


def test_points_round_down_and_keep_decimal_points():
    result = compute_cashback(CashbackRules(), order(D("99.99")))
    assert result.total_points == 99
    assert result.total_decimal_points == D("99.99")


def test_total_paid_is_shared_by_line_net_value():
    # Net values 80 and 20; only 50 was paid (a coupon), so the lines earn 40 and 10.
    result = compute_cashback(CashbackRules(), order(50, line("A", 40, 2), line("B", 25, discount=5)))
    assert [(x.product_id, x.points, x.decimal_points) for x in result.lines] == [
        ("A", 40, D("40.00")), ("B", 10, D("10.00"))]
    assert result.total_points == 50


def test_category_product_and_tier_multipliers():
    rules = CashbackRules(
        category_multipliers={"organic": D("1.5"), "bakery": D(2)},
        product_multipliers={"EAR": D(3)},
        tier_multipliers={"Gold": D("1.5")},
    )
    body = order(100, line("EAR", 50), line("BREAD", 30, category=["organic", "bakery"]), line("X", 20))
    plain = compute_cashback(rules, body)
    assert [x.points for x in plain.lines] == [150, 60, 20]  # the largest category factor wins
    gold = compute_cashback(rules, body, tier="Gold")
    assert [x.points for x in gold.lines] == [225, 90, 30]
    assert gold.total_points == 345
    assert gold.lines[0].factor == D("4.5")
    assert compute_cashback(rules, body, tier="Unknown").total_points == 230


def test_line_points_round_separately_from_the_total():
    result = compute_cashback(CashbackRules(), order(10, line("A", 1), line("B", 1), line("C", 1)))
    assert [x.points for x in result.lines] == [3, 3, 3]
    assert [x.decimal_points for x in result.lines] == [D("3.33")] * 3
    assert result.total_points == 10


def test_disabled_below_minimum_and_cap():
    assert compute_cashback(CashbackRules(enabled=False), order(100)).total_points == 0
    rules = CashbackRules(minimum_order_value=D(20), maximum_cashback=D(50))
    assert compute_cashback(rules, order(D("19.99"))).total_points == 0
    assert compute_cashback(rules, order(20)).total_points == 20
    capped = compute_cashback(rules, order(200, line("A", 150), line("B", 50)))
    assert capped.total_points == 50
    assert [x.points for x in capped.lines] == [37, 12]


def test_eligible_categories_exclude_other_lines():
    rules = CashbackRules(eligible_categories=("food",))
    body = order(30, line("A", 10, category=["food"]), line("B", 20, category=["toys"]))
    result = compute_cashback(rules, body)
    assert [x.points for x in result.lines] == [10, 0]
    assert result.total_points == 10


def test_lines_without_value_fall_back_to_the_order_total():
    result = compute_cashback(CashbackRules(), order(12, {"productId": "A"}, {"productId": "B"}))
    assert result.total_points == 12
    assert [x.points for x in result.lines] == [0, 0]


def test_nothing_paid_earns_nothing():
    assert compute_cashback(CashbackRules(), order(0, line("A", 10))).total_points == 0


def test_configuration_round_trip():
    config = {
        "rate": 1.5, "minimumOrderValue": 5, "maximumCashback": 1000, "enabled": True, "categories": ["food"],
        "categoryMultipliers": {"organic": 2}, "productMultipliers": {"P1": 3},
        "tierMultipliers": {"Gold": 1.25}, "returnWindow": 14,
    }
    rules = CashbackRules.from_sandbox_settings(config)
    assert rules.rate == D("1.5")
    assert rules.tier_multipliers == {"Gold": D("1.25")}
    assert rules.return_window_days == 14
    assert rules.eligible_categories == ("food",)
    assert rules.to_sandbox_settings() == config
    assert CashbackRules.from_sandbox_settings(rules.to_sandbox_settings()) == rules


def test_the_till_reads_only_what_gameball_documents():
    # Even if an answer carried the sandbox's extra fields, the estimate would not lean on them.
    config = {"rate": 2, "minimumOrderValue": 0, "maximumCashback": 0, "enabled": True, "categories": [],
              "categoryMultipliers": {"organic": 2}, "tierMultipliers": {"Gold": 3}, "returnWindow": 30}
    rules = CashbackRules.from_configuration(config)
    assert rules.maximum_cashback is None  # 0 means no cap
    assert (rules.category_multipliers, rules.tier_multipliers, rules.return_window_days) == ({}, {}, 0)
    assert compute_cashback(rules, order(10)).total_points == 20
    assert set(rules.to_configuration()) == {"rate", "minimumOrderValue", "maximumCashback", "enabled", "categories"}


TIER_RULES = {  # GET /configurations/cashback, documented fields only
    "defaultCashbackRule": {"amountRewardThreshold": 10, "rewardWalletFactor": 20, "rewardRankFactor": 1},
    "tierCashbackRules": [{"tierName": "Gold", "amountRewardThreshold": 10, "rewardWalletFactor": 30},
                          {"tierName": "Silver", "amountRewardThreshold": 20, "rewardWalletFactor": 50}],
}


def test_tier_rates_come_from_the_documented_tier_cashback_rules():
    # Points per amount spent: default 20 per 10, Gold 30 per 10 (x1.5), Silver 50 per 20 (x1.25).
    assert tier_factors(TIER_RULES) == {"Gold": D("1.5"), "Silver": D("1.25")}
    rules = CashbackRules(rate=D(2)).with_tier_rules(TIER_RULES)
    assert compute_cashback(rules, order(10), tier="Gold").total_points == 30
    assert compute_cashback(rules, order(10), tier="Silver").total_points == 25
    # A tier without its own rule earns the default rule: that is still the customer's own rate.
    assert compute_cashback(rules, order(10), tier="Bronze").total_points == 20
    assert rules.is_tiered_for("Gold") and rules.is_tiered_for("Bronze")
    assert not rules.is_tiered_for(None)  # the customer's tier is not known: the base rate, said so


@pytest.mark.parametrize("answer", [
    {},  # nothing documented came back
    {"tierCashbackRules": TIER_RULES["tierCashbackRules"]},  # no default rule to compare with
    {**TIER_RULES, "defaultCashbackRule": {"amountRewardThreshold": 0, "rewardWalletFactor": 20}},
    {**TIER_RULES, "defaultCashbackRule": {"amountRewardThreshold": 10, "rewardWalletFactor": 0}},
    {**TIER_RULES, "tierCashbackRules": [{"tierName": "Gold", "amountRewardThreshold": 10}]},
    {**TIER_RULES, "tierCashbackRules": [{"amountRewardThreshold": 10, "rewardWalletFactor": 30}]},
    {**TIER_RULES, "tierCashbackRules": [{"tierName": "Gold", "amountRewardThreshold": "ten",
                                          "rewardWalletFactor": 30}]},
    {**TIER_RULES, "tierCashbackRules": {"Gold": 1}},
])
def test_tier_rules_that_cannot_give_every_rate_leave_the_base_rate(answer):
    assert tier_factors(answer) is None
    rules = CashbackRules(rate=D(2)).with_tier_rules(answer)
    assert not rules.is_tiered_for("Gold")
    assert compute_cashback(rules, order(10), tier="Gold").total_points == 20


def test_the_sandbox_publishes_its_tier_multipliers_as_documented_tier_rules():
    rules = CashbackRules(rate=D("1.5"), tier_multipliers={"Gold": D(2), "Silver": D("1.25")})
    published = rules.to_tier_rules()
    assert set(published) == {"defaultCashbackRule", "tierCashbackRules"}
    assert tier_factors(published) == {"Gold": D(2), "Silver": D("1.25")}
    # The till, from the documented answers alone, estimates what the sandbox rewards.
    till = CashbackRules.from_configuration(rules.to_configuration()).with_tier_rules(published)
    assert compute_cashback(till, order(40), tier="Gold") == compute_cashback(rules, order(40), tier="Gold")


def test_bad_multipliers_are_refused():
    with pytest.raises(ValueError):
        CashbackRules.from_sandbox_settings({"categoryMultipliers": [1, 2]})


def test_redemption_rules_convert_points_and_money():
    rules = RedemptionRules.from_configuration({"pointValue": 0.1, "minimumPoints": 50})
    assert rules.value_of(123, "USD") == D("12.30")
    assert rules.value_of(123, "KWD") == D("12.300")
    assert rules.points_for(D("5.01")) == 51  # rounded up: the value is never short
    assert RedemptionRules.from_configuration(rules.to_configuration()) == rules


money = st.decimals(min_value=D("0.01"), max_value=D("10000"), places=2)
lines_strategy = st.lists(
    st.tuples(money, st.integers(min_value=1, max_value=5), st.sampled_from(["a", "b", "c"])),
    min_size=1, max_size=6,
)


@given(total=money, lines=lines_strategy)
def test_lines_never_exceed_the_total_and_total_matches_rate(total, lines):
    rules = CashbackRules(category_multipliers={"b": D(2)})
    items = [line(f"P{i}", price, qty, category=[cat]) for i, (price, qty, cat) in enumerate(lines)]
    body = order(total, *items)
    result = compute_cashback(rules, body)
    assert sum(x.points for x in result.lines) <= result.total_points
    assert result.total_points >= int(total)  # every factor is at least 1
    assert result.total_points <= int(total * 2)
    assert all(x.points >= 0 for x in result.lines)
