import random

from store_helpers import FakeClock

from pos_app.domain import endpoints
from pos_app.sync.backoff import Backoff
from pos_app.sync.ratelimit import ORDERS, OTHERS, TRANSACTIONS, RateLimiter, Window, windows


def test_each_limiter_covers_the_endpoints_the_engine_paces_with_it():
    # Delivery and history (sync/delivery.py, sync/history.py) pick one of three limiters per call: the
    # endpoints sharing a limiter must share Gameball's bucket, or one limiter would not keep both under it.
    assert endpoints.ORDER_TRANSACTIONS.bucket == endpoints.TRACK_ORDER.bucket
    assert endpoints.BATCH_ORDER_TRANSACTIONS.bucket == endpoints.BATCH_STATUS.bucket == endpoints.BATCH_ORDERS.bucket
    assert len({endpoints.TRACK_ORDER.bucket, endpoints.REFUND.bucket, endpoints.BATCH_ORDERS.bucket}) == 3
    assert (ORDERS, TRANSACTIONS, OTHERS) == tuple(windows(row.bucket) for row in (
        endpoints.TRACK_ORDER, endpoints.REFUND, endpoints.BATCH_ORDERS))
    assert ORDERS == (Window(30, 1.0), Window(360, 30.0))  # API.md section 8, Orders (Tracking)


def test_backoff_grows_to_its_cap_with_jitter():
    backoff = Backoff(base=2, cap=60)
    rng = random.Random(1)
    delays = [backoff.delay(n, rng) for n in range(1, 10)]
    assert 1 <= delays[0] <= 2
    assert 4 <= delays[2] <= 8
    assert all(30 <= d <= 60 for d in delays[6:])
    assert len({round(backoff.delay(3, rng), 6) for _ in range(20)}) > 1


def test_limiter_never_exceeds_any_window():
    clock = FakeClock(1000.0)
    limiter = RateLimiter(ORDERS, clock=clock)
    sent = []
    for _ in range(2000):
        limiter.acquire(sleep=clock.sleep)
        sent.append(clock.now)
    for i, t in enumerate(sent):
        in_second = sum(1 for s in sent[i:i + 40] if s < t + 1.0)
        in_30s = sum(1 for s in sent[i:i + 400] if s < t + 30.0)
        assert in_second <= 30 and in_30s <= 360
    sustained = len(sent) / (sent[-1] - sent[0])
    assert sustained >= 0.95 * 12  # 360 per 30 s is 12/s sustained


def test_time_scale_shortens_windows():
    clock = FakeClock(1000.0)
    limiter = RateLimiter([Window(10, 1.0)], time_scale=10, margin=1.0, clock=clock)
    for _ in range(10):
        assert limiter.try_acquire() == 0
    wait = limiter.try_acquire()
    assert 0 < wait <= 0.1 + 1e-9


def test_seeded_sends_count_against_the_windows():
    clock = FakeClock(1000.0)
    limiter = RateLimiter([Window(10, 30.0)], margin=1.0, clock=clock)
    limiter.seed([1.0] * 9 + [40.0])  # nine sent a second ago by an earlier run; one too old to matter
    assert limiter.try_acquire() == 0
    assert limiter.try_acquire() > 28  # the window is full until the seeded sends age out
