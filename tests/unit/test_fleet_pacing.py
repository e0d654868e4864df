"""The fleet limiter (sync/pacing.py) on a fake clock: shares, AIMD on 429, Retry-After, interactive priority."""

import bisect
import random
import re
import threading

import httpx
import pytest
from store_helpers import FakeClock

from pos_app.config.fleet import parse_toml
from pos_app.config.settings import SettingsError
from pos_app.domain import endpoints
from pos_app.domain.endpoints import LIMITS
from pos_app.gameball.client import GameballClient
from pos_app.gameball.errors import GameballError, Outcome
from pos_app.sync.link import Limiters
from pos_app.sync.pacing import (
    DECREASE,
    INTERACTIVE_BURST,
    INTERACTIVE_MAX_WAIT,
    AdaptiveLimiter,
    PacingRefused,
    Priority,
)
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
    drain_wait = limiter.try_acquire(Priority.BACKGROUND)
    assert drain_wait == pytest.approx(interval)
    # A hold does not wait for the drain's turn, only for the terminal's one-second window (its share of 30 per
    # second is under one request, so one a second), which the drain's request holds.
    till_wait = limiter.wait_time(Priority.INTERACTIVE)
    assert 0 < till_wait <= 1.0 < drain_wait
    clock.advance(till_wait)
    assert limiter.try_acquire(Priority.INTERACTIVE) == 0
    # ...but it spent the drain's budget: the next drain request waits one interval more.
    assert limiter.wait_time(Priority.BACKGROUND) == pytest.approx(2 * interval - till_wait)
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


# The till's calls (issue 15 req 8, issue 17 req 1), each drawing from the documented bucket it belongs to.
TILL_CALLS = (endpoints.GET_CUSTOMER, endpoints.CUSTOMER_DETAILS, endpoints.GET_BALANCE, endpoints.TIER_PROGRESS,
              endpoints.REWARD_CAMPAIGNS_PROGRESS, endpoints.UPSERT_CUSTOMER, endpoints.CASHBACK_PREVIEW,
              endpoints.REWARD_PREVIEW, endpoints.HOLD_POINTS, endpoints.RELEASE_HOLD, endpoints.SEND_OTP,
              endpoints.VALIDATE_COUPONS, endpoints.BURN_COUPONS, endpoints.RELEASE_COUPONS)


def concrete(row):
    return row.url(**{name: "x" for name in re.findall(r"{(\w+)}", row.path)})


@pytest.mark.parametrize("row", TILL_CALLS, ids=str)
def test_each_till_call_draws_from_the_terminals_share_of_its_documented_bucket(row):
    clock = FakeClock(1000.0)
    limiters = Limiters.for_scale(terminals=200, clock=clock, sleep=clock.sleep)
    limiter = limiters.buckets[row.bucket]
    assert limiters.for_path(row.method, concrete(row)) is limiter and limiter.share == pytest.approx(1 / 200)
    admitted = []
    for _ in range(60):  # a till asking again and again, as soon as it is told it may
        try:
            limiters.pace_interactive(row.method, concrete(row))
        except GameballError as refused:
            assert refused.outcome is Outcome.RETRY and refused.status is None and refused.retry_after > 0
            clock.advance(refused.retry_after)
            continue
        admitted.append(clock.now)
    # Over the run the till had the terminal's share of its bucket (plus the few calls it may borrow ahead),
    # and nothing of any other bucket.
    elapsed = clock.now - 1000.0
    share = LIMITS[row.bucket].per_30s / 200
    assert len(admitted) <= share * (elapsed + 30) / 30 + INTERACTIVE_BURST, (len(admitted), elapsed)
    assert all(other.wait_time(Priority.INTERACTIVE) == 0 for bucket, other in limiters.buckets.items()
               if bucket is not row.bucket)


def test_a_till_call_that_would_wait_past_its_own_timeout_is_refused_without_being_sent():
    clock = FakeClock(1000.0)
    limiters = Limiters.for_scale(terminals=200, clock=clock, sleep=clock.sleep)
    sent = []
    handler = lambda request: (sent.append(request.url.path), httpx.Response(404, json={"code": 7000}))[1]  # noqa: E731
    client = limiters.attach(GameballClient("https://api.gameball.co", "api-key", "secret-key",
                                            transport=httpx.MockTransport(handler)), interactive=True)
    refused = []
    for _ in range(10):  # identification, again and again: GET /customers/... is 1200 per 30 s per account
        before = clock.now
        try:
            client.get_balance("c1")
        except GameballError as error:
            if error.status is None:
                refused.append(error)
                assert clock.now == before  # refused at once, never waited for
            else:
                assert clock.now - before <= INTERACTIVE_MAX_WAIT  # sent after a wait shorter than the refusal's
    # The terminal's share of the one-second window is under one request: one a second, four or five ahead of
    # the even pace (one identification), then refused at once rather than left waiting one interval (about 5 s).
    assert INTERACTIVE_BURST <= len(sent) <= INTERACTIVE_BURST + 1 and len(refused) == 10 - len(sent)
    assert refused[0].outcome is Outcome.RETRY and refused[0].retry_after > INTERACTIVE_MAX_WAIT
    first = len(sent)
    clock.advance(refused[-1].retry_after)  # told when: then it goes
    with pytest.raises(GameballError, match="HTTP 404"):
        client.get_balance("c1")
    assert len(sent) == first + 1


def most_in_any(times, seconds):
    times = sorted(times)
    return max((bisect.bisect_left(times, t + seconds) - i for i, t in enumerate(times)), default=0)


@pytest.mark.parametrize("terminals", [1, 10])
def test_a_busy_till_and_its_own_drain_stay_within_the_terminals_share_with_the_till_first(terminals):
    """On a fake clock: the drain sends orders and refunds as fast as it may while every 4 s a sale identifies
    its customer (4 customer reads), previews (cashback and reward preview), sends an OTP, holds points and
    validates a coupon. Every bucket stays within the terminal's share of its documented limit in every 30 s
    window, and each till call goes at the first moment its bucket allows (the drain sends nothing in a bucket
    while a till call waits there: acquire's yield, tested above). In a fleet none waits long enough to be
    refused; alone, the drain may spend a whole 30 s window in its first 12 s (as it always has, for the drain's
    speed), and a hold asked then is refused with the wait (README, fleet pacing)."""
    clock = FakeClock(1000.0)
    limiters = Limiters.for_scale(terminals=terminals, clock=clock, sleep=clock.sleep)
    sale = [endpoints.GET_CUSTOMER, endpoints.CUSTOMER_DETAILS, endpoints.GET_BALANCE, endpoints.TIER_PROGRESS,
            endpoints.CASHBACK_PREVIEW, endpoints.REWARD_PREVIEW, endpoints.SEND_OTP, endpoints.HOLD_POINTS,
            endpoints.VALIDATE_COUPONS]
    drain = ((endpoints.TRACK_ORDER.bucket, limiters.orders), (endpoints.REFUND.bucket, limiters.transactions))
    sent: dict = {bucket: [] for bucket in LIMITS}
    waiting, delays, drained = [], [], {bucket: 0 for bucket, _ in drain}
    next_sale, end = clock.now, clock.now + 300
    while clock.now < end:
        if clock.now >= next_sale:
            waiting += [(row.bucket, clock.now) for row in sale]
            next_sale += 4.0
        for call in list(waiting):  # the till asks first: it is never queued behind the drain
            bucket, asked = call
            if limiters.buckets[bucket].try_acquire(Priority.INTERACTIVE) == 0:
                waiting.remove(call)
                sent[bucket].append(clock.now)
                delays.append(clock.now - asked)
        for bucket, limiter in drain:
            if all(b is not bucket for b, _ in waiting) and limiter.try_acquire() == 0:
                sent[bucket].append(clock.now)
                drained[bucket] += 1
        clock.advance(0.01)
    assert len(delays) + len(waiting) == len(range(0, 300, 4)) * len(sale)
    if terminals > 1:
        assert max(delays) < INTERACTIVE_MAX_WAIT
        assert all(clock.now - asked < INTERACTIVE_MAX_WAIT for _, asked in waiting)
    for bucket, times in sent.items():
        assert most_in_any(times, 30.0) <= LIMITS[bucket].per_30s / terminals, bucket
        assert most_in_any(times, 1.0) <= max(1, LIMITS[bucket].per_second / terminals), bucket
    for bucket, count in drained.items():  # the drain still moves, with what the till leaves it
        share = LIMITS[bucket].per_30s / terminals * 300 / 30
        assert count >= 0.85 * share - len(sent[bucket]) + count, bucket
