"""Redemption rules by ruleId (issue 15, requirement 2): which rules the till offers and what each takes off."""

from decimal import Decimal

from pos_app.domain.redemption import OptionProblem, RedemptionOption, option_allowance, redemption_options

CONFIG = {"redemptionFactor": 0.1, "redemptionRules": [
    {"id": 2138, "pointsToRedeem": 200, "isActive": True,
     "coupon": {"couponType": "fixed_discount", "discountValue": 25,
                "options": {"name": "25 off", "minOrderValue": 50}}},
    {"id": 2139, "pointsToRedeem": 300, "coupon": {"couponType": "percentage_discount", "discountValue": 15,
                                                    "options": {"capping": 10}}},
    {"id": 2140, "pointsToRedeem": 100, "isActive": False, "coupon": {"couponType": "fixed_discount",
                                                                       "discountValue": 5}},
    {"id": 2141, "pointsToRedeem": None, "ruleType": "fixed_rate_settings"},
    {"pointsToRedeem": 100},
]}


def test_active_rules_with_a_number_of_points_are_offered_with_a_string_id():
    options = redemption_options(CONFIG)
    assert [(o.rule_id, o.points, o.coupon_type) for o in options] == [
        ("2138", 200, "fixed_discount"), ("2139", 300, "percentage_discount")]
    assert options[0].name == "25 off" and options[0].min_order_value == Decimal(50)
    assert options[1].name == "2139" and options[1].capping == Decimal(10)  # no name: its id, never blank
    assert redemption_options({}) == ()


def option(kind="fixed_discount", value="25", points=200, **more):
    return RedemptionOption("1", "r", points, kind, Decimal(value), **more)


def test_a_fixed_rule_takes_its_value_never_more_than_the_basket():
    assert option_allowance(option(), Decimal("79"), 500, "USD").value == Decimal("25.00")
    assert option_allowance(option(), Decimal("20"), 500, "USD").value == Decimal("20.00")


def test_a_percentage_rule_is_of_the_basket_and_capped():
    assert option_allowance(option("percentage_discount", "15"), Decimal("79"), None, "USD").value == Decimal("11.85")
    capped = option("percentage_discount", "15", capping=Decimal(10))
    assert option_allowance(capped, Decimal("79"), None, "USD").value == Decimal("10.00")


def test_why_a_rule_cannot_be_used():
    assert option_allowance(option(), Decimal("79"), 199, "USD").problem is OptionProblem.POINTS
    assert option_allowance(option(min_order_value=Decimal(80)), Decimal("79"), None, "USD").problem \
        is OptionProblem.MINIMUM
    assert option_allowance(option("free_shipping"), Decimal("79"), None, "USD").problem is OptionProblem.NOT_PRICED
    assert option_allowance(option("percentage_discount", "0.001"), Decimal("1"), None, "USD").problem \
        is OptionProblem.NOTHING
