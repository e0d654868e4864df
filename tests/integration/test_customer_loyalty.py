"""The till's customer use cases on the sandbox: name and tier, campaigns, coupons, OTP (issue 15)."""

import time
from decimal import Decimal

import pytest
from engine_helpers import order_state
from sandbox_helpers import wait_until

from pos_app.domain.basket import Basket, BasketLine
from pos_app.domain.customer_id import Identification, Source
from pos_app.domain.order import validate_order, validate_preview
from pos_app.domain.timeutil import utc_now
from pos_app.services.customer_loyalty import CouponRefusal, CouponRefused
from pos_app.services.customers import CustomerService, Offline, Refused
from pos_app.store.store import Store

AMIRA = Identification("demo-amira", Source.ID)
OMAR = Identification("demo-omar", Source.ID)


@pytest.fixture
def customers(terminal):
    terminal.start()
    wait_until(lambda: terminal.engine.status.online)
    service = CustomerService(lambda: Store.open_in(terminal.data_dir), terminal.client_factory, terminal.engine,
                              time.time)
    yield service
    service.close()


def go_offline(terminal, sandbox):
    sandbox.faults.refuse()
    terminal.engine.recheck()
    wait_until(lambda: not terminal.engine.status.online)


def test_profile_names_the_customer_and_the_next_tier(customers, terminal):
    profile = customers.profile(OMAR)
    assert (profile.name, profile.tier, profile.next_tier, profile.to_next) == \
        ("Omar Farouk", "Silver", "Gold", Decimal(1500))
    assert profile.live
    top = customers.profile(Identification("demo-kwame", Source.ID))
    assert (top.tier, top.next_tier, top.to_next) == ("Platinum", None, None)


def test_offline_profile_is_the_cached_one_with_its_age(customers, terminal, sandbox):
    customers.profile(OMAR)
    go_offline(terminal, sandbox)
    cached = customers.profile(OMAR)
    assert (cached.name, cached.tier, cached.live) == ("Omar Farouk", "Silver", False)
    assert cached.fetched_at is not None
    assert customers.profile(AMIRA) is None  # never seen: nothing to show, nothing guessed


def test_names_are_kept_a_day_at_most(customers, terminal):
    customers.profile(OMAR)
    with Store.open_in(terminal.data_dir) as store:
        assert store.get_customer_profile("demo-omar") is not None
        assert store.get_customer_profile("demo-omar", now=time.time() + 25 * 3600) is None
        store.put_customer_profile("someone-else", {"name": "X"}, now=time.time() + 25 * 3600)
        assert store.get_cache("customer:demo-omar") is None  # purged by the next write


def test_campaigns_this_basket_earns(customers, terminal):
    basket = Basket("USD", (BasketLine("P-1", "Coat", Decimal(300)),))
    preview = validate_preview(basket.preview_body("demo-omar"), now=utc_now(), currency="USD")
    notes = customers.campaigns(preview)
    assert [(n.name, n.points) for n in notes] == [("Big basket bonus", 150)]
    small = validate_preview(Basket("USD", (BasketLine("P-1", "Tea", Decimal(3)),)).preview_body("demo-omar"),
                             now=utc_now(), currency="USD")
    assert customers.campaigns(small) == ()


def test_coupon_applied_locked_and_released(customers, terminal, sandbox):
    coupon = customers.apply_coupon(AMIRA, "SAVE15", Decimal("80.00"), "USD")
    assert coupon.value == Decimal("12.00") and coupon.code == "SAVE15"
    with Store.open_in(terminal.data_dir) as store:
        assert store.coupon_locks() == [coupon.lock_reference]
    customers.release_coupon(coupon.lock_reference)
    with Store.open_in(terminal.data_dir) as store:
        assert store.coupon_locks() == []
    assert not sandbox.state.loyalty.locks[coupon.lock_reference].active


@pytest.mark.parametrize(("code", "total", "refusal"), [
    ("NOPE", "50", CouponRefusal.NOT_FOUND),
    ("SUMMER5", "50", CouponRefusal.NOT_VALID),  # expired
    ("WELCOME10", "5", CouponRefusal.NOT_VALID),  # below its minimum order at Gameball
    ("FREESHIP", "50", CouponRefusal.TYPE),  # shipping: nothing the till prices
])
def test_coupon_refusals_leave_no_lock(customers, terminal, sandbox, code, total, refusal):
    with pytest.raises(CouponRefused) as refused:
        customers.apply_coupon(AMIRA, code, Decimal(total), "USD")
    assert refused.value.refusal is refusal
    with Store.open_in(terminal.data_dir) as store:
        assert store.coupon_locks() == []
    assert not any(lock.active for lock in sandbox.state.loyalty.locks.values())


def test_an_order_with_the_coupon_is_delivered_and_its_lock_is_not_a_leftover(customers, terminal, sandbox):
    basket = Basket("USD", (BasketLine("P-1", "Coat", Decimal(80)),))
    basket = basket.with_coupon(customers.apply_coupon(AMIRA, "SAVE15", basket.total_price, "USD"))
    assert basket.total_paid == Decimal("68.00")
    body = basket.order_body("ORD-CPN", "demo-amira", utc_now())
    terminal.service.accept_order(validate_order(body, now=utc_now(), currency="USD"))
    assert customers.release_leftover_coupon_locks() == 0
    wait_until(lambda: order_state(terminal, "ORD-CPN") == "delivered")
    assert sandbox.state.loyalty.coupons["SAVE15"].used == 1


def test_a_killed_sales_coupon_lock_is_released_later(customers, terminal, sandbox):
    coupon = customers.apply_coupon(AMIRA, "WELCOME10", Decimal(50), "USD")
    kept = customers.apply_coupon(OMAR, "SAVE15", Decimal(50), "USD")
    assert customers.release_leftover_coupon_locks(keep=(kept.lock_reference,)) == 1
    assert not sandbox.state.loyalty.locks[coupon.lock_reference].active
    assert sandbox.state.loyalty.locks[kept.lock_reference].active


def test_otp_then_hold_with_the_code(customers, sandbox):
    customers.send_otp(AMIRA, 100)
    with pytest.raises(Refused):
        customers.hold(AMIRA, points=100, currency="USD", otp="000000")
    redemption = customers.hold(AMIRA, points=100, currency="USD", otp="246810")
    assert redemption.points == 100


def test_otp_refused_when_the_account_has_none(customers, sandbox):
    sandbox.state.loyalty.otp_enabled = False
    with pytest.raises(Refused) as refused:
        customers.send_otp(AMIRA, 100)
    assert refused.value.code == 8000


def test_coupons_and_otp_are_refused_offline(customers, terminal, sandbox):
    go_offline(terminal, sandbox)
    with pytest.raises(Offline):
        customers.apply_coupon(AMIRA, "SAVE15", Decimal(50), "USD")
    with pytest.raises(Offline):
        customers.send_otp(AMIRA, 100)
    assert customers.campaigns(validate_preview({"customerId": "demo-amira", "totalPaid": 300}, now=utc_now(),
                                                currency="USD")) == ()


def test_a_queued_order_whose_coupon_lock_expired_is_handled_like_an_expired_hold(customers, terminal, sandbox):
    basket = Basket("USD", (BasketLine("P-1", "Coat", Decimal(80)),))
    basket = basket.with_coupon(customers.apply_coupon(AMIRA, "SAVE15", basket.total_price, "USD"))
    go_offline(terminal, sandbox)
    body = basket.order_body("ORD-LATE", "demo-amira", utc_now())
    terminal.service.accept_order(validate_order(body, now=utc_now(), currency="USD"))
    sandbox.clock.advance(11 * 60)  # the lock (10 minutes) expires while the order waits
    sandbox.faults.clear()
    terminal.engine.recheck()
    wait_until(lambda: order_state(terminal, "ORD-LATE") == "delivered")
    # The discount was given at the till: the code is burnt directly, once, and the order earns without the lock.
    assert sandbox.state.loyalty.coupons["SAVE15"].used == 1 and sandbox.state.loyalty.burnt["ORD-LATE"] == ("SAVE15",)
    with Store.open_in(terminal.data_dir) as store:
        assert not store.failed_list() and not store.refused_debits()


def test_a_call_the_terminals_share_holds_back_is_busy_not_offline(customers, terminal, monkeypatch):
    """The till's own pacing refusing a call (issue 15 req 8) is not Gameball being unreachable: the cashier is
    told to try again in so many seconds, and the engine is not sent to re-check a connection that works."""
    from pos_app.services.customers import Busy
    from pos_app.sync.pacing import AdaptiveLimiter, PacingRefused, Priority

    acquire = AdaptiveLimiter.acquire

    def refuse_the_till(self, sleep=time.sleep, priority=Priority.BACKGROUND, max_wait=None):
        if priority is Priority.INTERACTIVE:
            raise PacingRefused(2.4)
        return acquire(self, sleep, priority, max_wait)

    rechecks = []
    monkeypatch.setattr(AdaptiveLimiter, "acquire", refuse_the_till)
    monkeypatch.setattr(terminal.engine, "recheck", lambda: rechecks.append(1))
    with pytest.raises(Busy) as busy:
        customers.hold(AMIRA, points=100, currency="USD")
    assert busy.value.retry_after == 2.4 and "try again in 3 s" in busy.value.message
    with pytest.raises(Busy):
        customers.send_otp(AMIRA, 100)
    lookup = customers.lookup(AMIRA)  # the last known balance, as when Gameball cannot answer now
    assert not lookup.live
    assert rechecks == [] and terminal.engine.status.online
