"""Client-side rate limiting: stay under Gameball's documented limits without waiting for a 429.

Each bucket is a set of sliding windows (e.g. 30 per second and 360 per 30 seconds for orders).
The limiter records when each request was let through and says how long the next must wait.
"""

from __future__ import annotations

import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from pos_app.domain import endpoints
from pos_app.domain.endpoints import LIMITS, LONG_WINDOW_S, SHORT_WINDOW_S, Bucket


@dataclass(frozen=True)
class Window:
    count: int
    seconds: float


def windows(bucket: Bucket) -> tuple[Window, Window]:
    """The documented limit of a bucket (the wire table, API.md section 8) as the windows it counts over."""
    limit = LIMITS[bucket]
    return Window(limit.per_second, SHORT_WINDOW_S), Window(limit.per_30s, LONG_WINDOW_S)


# A small margin: the sender's clock and Gameball's never agree exactly on where a window starts, and one
# request's latency shifts its arrival. 97% of the limit keeps clear of a 429.
MARGIN = 0.97
# The engine's three limiters, named by the endpoint that decides each bucket: order sends (history pulls,
# GET /orders/{id}/transactions, share its bucket), refunds, and batches with their status polls.
ORDERS = windows(endpoints.TRACK_ORDER.bucket)
TRANSACTIONS = windows(endpoints.REFUND.bucket)
OTHERS = windows(endpoints.BATCH_ORDERS.bucket)


class RateLimiter:
    """Sliding-window limiter; `time_scale` > 1 shortens the windows (tests run a scaled sandbox)."""

    def __init__(
        self,
        windows: Sequence[Window],
        *,
        time_scale: float = 1.0,
        margin: float = MARGIN,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._windows = [Window(max(1, int(w.count * margin)), w.seconds / time_scale) for w in windows]
        self._sent: deque[float] = deque()
        self._clock = clock
        self._lock = threading.Lock()

    @property
    def window_s(self) -> float:
        """The longest window, in this limiter's (scaled) seconds."""
        return max(w.seconds for w in self._windows)

    def seed(self, ages: Iterable[float]) -> None:
        """Count requests made `age` seconds ago (by an earlier run of the app) as if this limiter had sent them."""
        with self._lock:
            now = self._clock()
            self._sent = deque(sorted([now - age for age in ages if 0 <= age < self.window_s] + list(self._sent)))

    def wait_time(self) -> float:
        """Seconds until one more request may go out (0 if now)."""
        with self._lock:
            return self._wait_time(self._clock())

    def _wait_time(self, now: float) -> float:
        longest = max(w.seconds for w in self._windows)
        while self._sent and self._sent[0] <= now - longest:
            self._sent.popleft()
        wait = 0.0
        for window in self._windows:
            recent = [t for t in self._sent if t > now - window.seconds] if len(self._sent) >= window.count else []
            if len(recent) >= window.count:
                wait = max(wait, recent[-window.count] + window.seconds - now)
        return wait

    def acquire(self, sleep: Callable[[float], object] = time.sleep) -> None:
        """Block until a request may go out, then count it."""
        while True:
            with self._lock:
                now = self._clock()
                wait = self._wait_time(now)
                if wait <= 0:
                    self._sent.append(now)
                    return
            sleep(wait)

    def try_acquire(self) -> float:
        """Count a request and return 0 if it may go now; else return the wait, counting nothing."""
        with self._lock:
            now = self._clock()
            wait = self._wait_time(now)
            if wait <= 0:
                self._sent.append(now)
            return wait
