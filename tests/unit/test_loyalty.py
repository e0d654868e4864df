"""The pure rules of knowing the customer: tier standing, coupon discounts, OTP policy, abuse counting."""

from decimal import Decimal

import pytest

from pos_app.domain.customer_id import Source
from pos_app.domain.loyalty import (
    CouponProblem,
    IdentifiedSale,
    OtpPolicy,
    Tier,
    coupon_discount,
    frequent_customers,
    is_proven,
    needs_otp,
    requires_otp_refusal,
    tier_standing,
    unproven_redemption,
)

TIERS = (Tier("Bronze", 1, Decimal(0)), Tier("Silver", 2, Decimal(1000)), Tier("Gold", 3, Decimal(2500)))


def test_standing_names_come_from_the_configuration():
    standing = tier_standing(TIERS, current="Basic", current_order=2, next_name="Or", next_min=Decimal(2500),
                             progress=Decimal(2380))
    assert (standing.name, standing.next_name, standing.remaining) == ("Silver", "Or", Decimal(120))


def test_standing_finds_the_next_tier_when_progress_omits_it():
    standing = tier_standing(TIERS, current=None, current_order=1, next_name=None, next_min=None,
                             progress=Decimal(400))
    assert (standing.name, standing.next_name, standing.remaining) == ("Bronze", "Silver", Decimal(600))


def test_standing_at_the_top_or_unknown_invents_nothing():
    top = tier_standing(TIERS, current="Gold", current_order=3, next_name=None, next_min=None,
                        progress=Decimal(9000))
    assert (top.name, top.next_name, top.remaining) == ("Gold", None, None)
    blind = tier_standing((), current="Gold", current_order=None, next_name="Platinum", next_min=None,
                          progress=None)
    assert (blind.name, blind.next_name, blind.remaining) == ("Gold", "Platinum", None)
    passed = tier_standing(TIERS, current="Bronze", current_order=1, next_name="Silver", next_min=Decimal(1000),
                           progress=Decimal(1200))
    assert passed.remaining == 0


@pytest.mark.parametrize(("kind", "value", "total", "extra", "amount", "problem"), [
    ("fixed", Decimal(10), Decimal(100), {}, Decimal("10.00"), None),
    ("fixed", Decimal(10), Decimal(4), {}, Decimal("4.00"), None),  # never more than the basket
    ("percentage", Decimal(15), Decimal("99.99"), {}, Decimal("15.00"), None),  # rounded half-up
    ("percentage", Decimal(50), Decimal(100), {"capping": Decimal(20)}, Decimal("20.00"), None),
    ("fixed", Decimal(10), Decimal(15), {"min_order_value": Decimal(20)}, None, CouponProblem.MINIMUM),
    ("shipping", Decimal(5), Decimal(100), {}, None, CouponProblem.TYPE),
    ("product", Decimal(1), Decimal(100), {}, None, CouponProblem.TYPE),
    ("fixed", None, Decimal(100), {}, None, CouponProblem.TYPE),
    ("percentage", Decimal(10), Decimal(0), {}, None, CouponProblem.NOTHING),
])
def test_coupon_discount(kind, value, total, extra, amount, problem):
    result = coupon_discount(kind, value, total, "USD", **extra)
    assert (result.amount, result.problem) == (amount, problem)


def test_coupon_discount_uses_the_currency_minor_unit():
    assert coupon_discount("percentage", Decimal(15), Decimal("10.001"), "KWD").amount == Decimal("1.500")


@pytest.mark.parametrize(("policy", "points", "source", "has_hash", "needed"), [
    (OtpPolicy.ALWAYS, 10, Source.PHONE, False, True),
    (OtpPolicy.ALWAYS, 10, Source.ID, False, True),
    (OtpPolicy.ALWAYS, 10_000, Source.QR, True, False),  # the rotating QR hash is proof on its own
    (OtpPolicy.ALWAYS, 10, Source.QR, False, True),  # a QR without its hash is just an id
    (OtpPolicy.ABOVE, 500, Source.PHONE, False, False),
    (OtpPolicy.ABOVE, 501, Source.PHONE, False, True),
    (OtpPolicy.NEVER, 10_000, Source.PHONE, False, False),
])
def test_needs_otp(policy, points, source, has_hash, needed):
    assert needs_otp(policy, 500, points, source, has_hash) is needed


@pytest.mark.parametrize("policy", list(OtpPolicy))
def test_an_account_that_requires_otp_overrides_the_store_policy(policy):
    assert needs_otp(policy, 500, 10, Source.PHONE, False, account_requires=True)
    # A scanned QR with its hash stays proof on its own, as Gameball takes the hash instead of a code.
    assert not needs_otp(policy, 500, 10, Source.QR, True, account_requires=True)


def test_only_a_missing_arguments_refusal_of_an_unproven_hold_says_the_account_requires_otp():
    assert requires_otp_refusal(3000, proof_sent=False)
    assert not requires_otp_refusal(3000, proof_sent=True)  # something else was missing
    assert not requires_otp_refusal(3003, proof_sent=False)  # a wrong code or value, not a missing one
    assert not requires_otp_refusal(None, proof_sent=False)


def test_proof_and_unproven_redemptions():
    assert is_proven(Source.PHONE, False, otp_given=True)
    assert is_proven(Source.QR, True, otp_given=False)
    assert not is_proven(Source.PHONE, False, otp_given=False)
    assert unproven_redemption(600, 500, proven=False)
    assert not unproven_redemption(600, 500, proven=True)
    assert not unproven_redemption(500, 500, proven=False)


def test_frequent_customers_counts_per_customer_per_day():
    sales = [IdentifiedSale("a", "2026-12-02")] * 4 + [IdentifiedSale("a", "2026-12-03")] * 2 + \
        [IdentifiedSale("b", "2026-12-02")] * 3
    assert frequent_customers(sales, 3) == {("a", "2026-12-02"): 4}
    assert frequent_customers(sales, 2) == {("a", "2026-12-02"): 4, ("b", "2026-12-02"): 3}
    assert frequent_customers(sales, 0) == {}
