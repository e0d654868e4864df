"""Fleet pacing: each terminal sends at its share of the account's limits and adapts when Gameball says 429.

Gameball's limits (API.md section 8) are per account, so N terminals that each pace at the whole limit send
N times it after a regional outage and live on 429s. Here a terminal takes `1/fleet_terminals` of every
window, scaled by a factor that halves on a 429 (at most once per short window, so one burst of refusals
is one signal) and grows back linearly with time while answers come back (AIMD, as TCP does), and waits out any
`Retry-After`. No coordinator: each terminal only hears its own answers, and the fleet converges because
every terminal backs off together when the account's window overflows.

A terminal alone (share 1) keeps the sliding windows of RateLimiter, bursts included. A terminal in a fleet
spaces its requests evenly at its share instead, starting at a random phase: N terminals bursting together
is exactly what overruns the account's one-second window.

Interactive calls (identification, previews, holds, OTP, coupons) are paced in the bucket each belongs to and
go ahead of the drain within the same budget: while one waits the drain sends nothing, and an interactive call
may borrow a few intervals ahead of the even pace, which the drain then waits out.
"""

from __future__ import annotations

import enum
import math
import random
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Sequence

from pos_app.domain.endpoints import Bucket
from pos_app.sync.ratelimit import MARGIN, Window, windows

DECREASE = 0.5
# Recovery, linear in time while answers come back: from half speed to the full share in one long window
# (30 s). Per unit of time, not per answer: a terminal of a large fleet sends one request every ~17 s, and
# growing back per answer would leave it at half speed for the rest of its backlog after a single 429.
INCREASE_PER_WINDOW = 0.5
FLOOR = 0.02
FLEET_SPREAD = 2.0
# How many turns a till's call may go ahead of the even pace: one identification (balance, details, tier progress,
# campaigns) without waiting, as long as the terminal's own windows have room.
INTERACTIVE_BURST = 4
# An interactive call that would wait longer than this is refused at once: a till must not hang on a hold.
INTERACTIVE_MAX_WAIT = 2.0
_CLOCK_SLACK = 1e-9


class Priority(enum.IntEnum):
    INTERACTIVE = 0
    BACKGROUND = 1


class PacingRefused(Exception):
    """An interactive call would have had to wait `wait` seconds for the account's budget."""

    def __init__(self, wait: float) -> None:
        super().__init__(f"Gameball's rate limit is in use; try again in {wait:.1f} s")
        self.wait = wait


class AdaptiveLimiter:
    """One bucket's limiter for one terminal of a fleet; thread-safe. Same interface as RateLimiter."""

    def __init__(
        self,
        windows: Sequence[Window],
        *,
        share: float = 1.0,
        time_scale: float = 1.0,
        margin: float = MARGIN,
        clock: Callable[[], float] = time.monotonic,
        rng: random.Random | None = None,
    ) -> None:
        if not 0 < share <= 1:
            raise ValueError("share must be in (0, 1]")
        self._base = [Window(w.count, w.seconds / time_scale) for w in windows]
        self._share = share
        self._margin = margin
        self._clock = clock
        self._rng = rng or random.Random()
        self._lock = threading.Lock()
        self._sent: deque[float] = deque()  # the sliding windows' send times (alone: the pace; in a fleet: a cap)
        self._next: float | None = None  # in a fleet: when the next drain request may go
        self._blocked_until = 0.0
        self._last_decrease = float("-inf")
        self._decreased_to = 1.0
        self._interactive_waiting = 0
        self.factor = 1.0
        self._shape()

    def _shape(self) -> None:
        scale = self._margin * self._share * self.factor
        self._windows = [Window(max(1, int(w.count * scale)), w.seconds) for w in self._base]
        # The even pace honours the tightest window on average: 360 per 30 s binds before 30 per second.
        self._interval = max(w.seconds / self._fleet_count(w.count * scale) for w in self._base)

    def _fleet_count(self, count: float) -> float:
        """Requests per window for this terminal, less its part of the fleet's random-phase spread.

        Evenly spaced at `count` per window, a terminal puts floor(count) or floor(count) + 1 requests in any
        one window of the account, the second with probability p = count's fraction; with N terminals at
        random phases the account's window count varies by sqrt(N p (1 - p)). Keeping FLEET_SPREAD of those
        below the margin is what keeps 200 terminals at 1.7 requests per 30 s each from overrunning 360.
        """
        if self._share >= 1:
            return count
        terminals = 1 / self._share
        fraction = count - int(count)
        spread = FLEET_SPREAD * math.sqrt(terminals * fraction * (1 - fraction)) / terminals
        return max(count - spread, count / 2)

    @property
    def share(self) -> float:
        return self._share

    @property
    def interval(self) -> float:
        """Seconds between drain requests at the current pace (the average, when alone)."""
        return self._interval

    @property
    def window_s(self) -> float:
        return max(w.seconds for w in self._base)

    @property
    def _fleet(self) -> bool:
        return self._share < 1

    def seed(self, ages: Iterable[float]) -> None:
        """Count requests an earlier run made `age` seconds ago, so a restart does not start from zero."""
        with self._lock:
            now = self._clock()
            times = sorted(now - age for age in ages if 0 <= age < self.window_s)
            if self._fleet and times:
                self._next = max(self._next or times[-1], times[-1] + self._interval)
            self._sent = deque(sorted(times + list(self._sent)))

    # --- admission -----------------------------------------------------------------------------

    def _wait(self, now: float, priority: Priority) -> float:
        wait = self._raw_wait(now, priority)
        # `now` reached by adding the last wait to the clock may land a hair short of the moment it aimed at.
        return wait if wait > _CLOCK_SLACK else 0.0

    def _raw_wait(self, now: float, priority: Priority) -> float:
        wait = max(0.0, self._blocked_until - now)
        if self._fleet:
            if self._next is None or self._next < now - self._interval:
                # Idle for a while (or never sent): start at a random phase, or every terminal of a fleet
                # that came back together would send its first request in the same instant.
                self._next = now + self._rng.uniform(0, self._interval)
            turn = self._next - now
            if priority is Priority.INTERACTIVE and turn > 0:
                # Ahead of the even pace only while this terminal's own windows have room: the drain repays
                # the borrowed turns later, but a window must not hold more than the terminal's share meanwhile.
                turn = max(turn - INTERACTIVE_BURST * self._interval, min(turn, self._window_wait(now)))
            return max(wait, turn)
        return max(wait, self._window_wait(now))

    def _window_wait(self, now: float) -> float:
        """Until the sliding windows (the share, with the margin and the current factor) have room for one more."""
        self._forget_before(now)
        wait = 0.0
        for window in self._windows:
            if len(self._sent) >= window.count:
                recent = [t for t in self._sent if t > now - window.seconds]
                if len(recent) >= window.count:
                    wait = max(wait, recent[-window.count] + window.seconds - now)
        return wait

    def _take(self, now: float) -> None:
        if self._fleet:
            self._next = max(self._next or now, now) + self._interval
        self._forget_before(now)
        self._sent.append(now)

    def _forget_before(self, now: float) -> None:
        longest = max(w.seconds for w in self._windows)
        while self._sent and self._sent[0] <= now - longest:
            self._sent.popleft()

    def wait_time(self, priority: Priority = Priority.BACKGROUND) -> float:
        with self._lock:
            return self._wait(self._clock(), priority)

    def try_acquire(self, priority: Priority = Priority.BACKGROUND) -> float:
        """Count a request and return 0 if it may go now; else return the wait, counting nothing."""
        with self._lock:
            now = self._clock()
            wait = self._wait(now, priority)
            if priority is Priority.BACKGROUND and self._interactive_waiting:
                wait = max(wait, self._yield_s())
            if wait <= 0:
                self._take(now)
            return wait

    def _yield_s(self) -> float:
        return min(w.seconds for w in self._base) / 50

    def acquire(self, sleep: Callable[[float], object] = time.sleep, priority: Priority = Priority.BACKGROUND,
                max_wait: float | None = None) -> None:
        """Block until a request may go out, then count it. With `max_wait`, raise PacingRefused instead of
        waiting longer (counting nothing)."""
        interactive = priority is Priority.INTERACTIVE
        if interactive:
            with self._lock:
                self._interactive_waiting += 1
        try:
            while True:
                wait = self.try_acquire(priority)
                if wait <= 0:
                    return
                if max_wait is not None and wait > max_wait:
                    raise PacingRefused(wait)
                sleep(wait)
        finally:
            if interactive:
                with self._lock:
                    self._interactive_waiting -= 1

    # --- feedback ------------------------------------------------------------------------------

    def answered(self, status: int | None, retry_after: float | None = None) -> None:
        """Feed back one answer: 429 slows this terminal (and honours Retry-After); anything else that
        Gameball answered lets it speed up again, up to its share."""
        with self._lock:
            now = self._clock()
            if status == 429:
                if retry_after is not None:
                    self._blocked_until = max(self._blocked_until, now + retry_after)
                if now - self._last_decrease >= min(w.seconds for w in self._base):
                    self._last_decrease = now
                    self.factor = max(FLOOR, self.factor * DECREASE)
                    self._decreased_to = self.factor
                    self._shape()
            elif status is not None and self.factor < 1.0:
                grown = INCREASE_PER_WINDOW * (now - self._last_decrease) / self.window_s
                self.factor = min(1.0, self._decreased_to + grown)
                self._shape()


def limiter_set(time_scale: float = 1.0, terminals: int = 1,
                clock: Callable[[], float] = time.monotonic) -> dict[Bucket, AdaptiveLimiter]:
    """One limiter per documented bucket, each at this terminal's share: the drain paces in three of them,
    the till's own calls (identification, previews, holds, OTP, coupons) in whichever bucket each belongs to,
    so the terminal as a whole stays within its share of every limit the account has."""
    share = 1.0 / max(1, terminals)
    return {bucket: AdaptiveLimiter(windows(bucket), share=share, time_scale=time_scale, clock=clock)
            for bucket in Bucket}
