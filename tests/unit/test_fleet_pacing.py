"""The fleet limiter (sync/pacing.py) on a fake clock: shares, AIMD on 429, Retry-After, interactive priority."""

import random
import threading

import pytest
from store_helpers import FakeClock

from pos_app.config.fleet import parse_toml
from pos_app.config.settings import SettingsError
from pos_app.sync.link import Limiters
from pos_app.sync.pacing import DECREASE, AdaptiveLimiter, PacingRefused, Priority
from pos_app.sync.ratelimit import ORDERS, RateLimiter


def sends_in(limiter, clock, seconds, priority=Priority.BACKGROUND):
    start, count = clock.now, 0
    while clock.now - start < seconds:
        limiter.acquire(sleep=clock.sleep, priority=priority)
        count += 1
    return count


def test_a_terminal_alone_paces_exactly_as_before():
    clock, old_clock = FakeClock(1000.0), FakeClock(1000.0)
    new = AdaptiveLimiter(ORDERS, clock=clock)
    old = RateLimiter(ORDERS, clock=old_clock)
    new_times, old_times = [], []
    for _ in range(800):
        new.acquire(sleep=clock.sleep)
        new_times.append(clock.now)
        old.acquire(sleep=old_clock.sleep)
        old_times.append(old_clock.now)
    assert new_times == old_times


@pytest.mark.parametrize("terminals", [10, 50, 200])
def test_a_fleet_of_terminals_together_stays_under_the_account_limit(terminals):
    clock = FakeClock(1000.0)
    limiters = [AdaptiveLimiter(ORDERS, share=1 / terminals, clock=clock, rng=random.Random(n))
                for n in range(terminals)]
    sent = []
    for limiter in limiters:
        limiter.try_acquire()  # each picks its random phase
    end = clock.now + 300
    while clock.now < end:
        for limiter in limiters:
            if limiter.try_acquire() == 0:
                sent.append(clock.now)
        clock.now += 0.01
    # Sustained: within 3% of 360 per 30 s (the margin) but never over it in any 30 s window.
    rate = len(sent) / 300
    assert 0.9 * 12 <= rate <= 12
    for i, t in enumerate(sent):
        in_window = sum(1 for u in sent[i:i + 400] if u < t + 30)
        assert in_window <= 360
        assert sum(1 for u in sent[i:i + 40] if u < t + 1) <= 30


def test_a_429_halves_the_pace_and_answers_bring_it_back_additively():
    clock = FakeClock(1000.0)
    limiter = AdaptiveLimiter(ORDERS, share=0.1, clock=clock, rng=random.Random(1))
    full = limiter.interval
    limiter.answered(429)
    assert limiter.factor == DECREASE
    assert limiter.interval >= full / DECREASE * 0.95
    limiter.answered(429)  # the same burst of refusals (within one short window) is one signal
    assert limiter.factor == DECREASE
    clock.now += 1.0
    limiter.answered(429)
    assert limiter.factor == DECREASE ** 2
    limiter.answered(200)  # an answer at once grows nothing back
    assert limiter.factor == DECREASE ** 2
    steps = []
    while limiter.factor < 1.0:
        clock.now += 5.0
        limiter.answered(200)
        steps.append(limiter.factor)
    # Additive: the same step for each equal stretch of time, back to the full share within two windows.
    assert steps[1] - steps[0] == pytest.approx(steps[2] - steps[1]) == pytest.approx(0.5 * 5 / 30)
    assert 8 <= len(steps) <= 12
    assert limiter.interval == pytest.approx(full)


def test_retry_after_is_honoured_even_when_the_window_has_room():
    clock = FakeClock(1000.0)
    limiter = AdaptiveLimiter(ORDERS, clock=clock)
    limiter.answered(429, retry_after=7.0)
    assert limiter.wait_time() == pytest.approx(7.0)
    limiter.acquire(sleep=clock.sleep)
    assert clock.now == pytest.approx(1007.0)


def test_interactive_calls_go_ahead_of_the_drain_within_the_same_budget():
    clock = FakeClock(1000.0)
    limiter = AdaptiveLimiter(ORDERS, share=0.01, clock=clock, rng=random.Random(2))
    interval = limiter.interval
    limiter.acquire(sleep=clock.sleep)  # the drain just sent
    assert limiter.try_acquire(Priority.BACKGROUND) > 0
    assert limiter.try_acquire(Priority.INTERACTIVE) == 0  # a hold does not wait for the drain's turn
    # ...but it spent the drain's budget: the next drain request waits one interval more.
    assert limiter.wait_time(Priority.BACKGROUND) == pytest.approx(2 * interval)
    # Sustained interactive use cannot exceed the share either: it runs out of slack and is refused.
    with pytest.raises(PacingRefused):
        for _ in range(10):
            limiter.acquire(sleep=clock.sleep, priority=Priority.INTERACTIVE, max_wait=interval / 2)


def test_the_drain_yields_while_an_interactive_call_waits():
    clock = FakeClock(1000.0)
    limiter = AdaptiveLimiter(ORDERS, clock=clock)
    for _ in range(29):
        limiter.acquire(sleep=clock.sleep)
    waiting, release = threading.Event(), threading.Event()

    def interactive_sleep(seconds):
        waiting.set()
        release.wait(5)
        clock.now += seconds

    worker = threading.Thread(target=limiter.acquire, kwargs={"sleep": interactive_sleep,
                                                              "priority": Priority.INTERACTIVE})
    worker.start()
    assert waiting.wait(5)
    clock.now += 1.0  # the window has room again, but the till asked first
    assert limiter.try_acquire(Priority.BACKGROUND) > 0
    release.set()
    worker.join(5)
    assert limiter.try_acquire(Priority.BACKGROUND) == 0


def test_limiters_route_answers_and_fleet_setting_sets_the_share():
    limiters = Limiters.for_scale(terminals=50)
    assert limiters.orders.share == pytest.approx(0.02)
    limiters.observe("GET", "/orders/X/transactions", 429, None)
    limiters.observe("POST", "/transactions/hold", 200, None)
    limiters.observe("POST", "/orders/cashback", 429, None)  # a bucket the sender does not use
    assert limiters.orders.factor == DECREASE
    assert limiters.transactions.factor == 1.0
    settings = parse_toml("[terminal]\nterminal_id = \"T7\"\nfleet_terminals = 50\n")
    assert settings.fleet_terminals == 50
    with pytest.raises(SettingsError, match="fleet_terminals"):
        parse_toml("[terminal]\nterminal_id = \"T7\"\nfleet_terminals = 0\n")
