"""Gameball's documented rate limits as sliding windows per bucket, with statistics.

The buckets and limits are the wire table's (domain/endpoints.py, API.md section 8). Windows are 1 s
and 30 s of sandbox time (see clock.py), so `time_scale` raises the real-time limits by the same factor.

Admission counts only admitted requests (a client that backs off gets back in as the window slides).
Separately every arriving request is counted, so `max_1s`/`max_30s` say whether a client ever sent
more than the limits allow, whatever the sandbox answered.
"""

from __future__ import annotations

import logging
import threading
from collections import deque
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from pos_app.domain.endpoints import LIMITS, LONG_WINDOW_S, SHORT_WINDOW_S, Bucket, Limit
from pos_app.sandbox.clock import Clock

logger = logging.getLogger(__name__)

def _prune(window: deque[float], now: float, length: float) -> None:
    while window and window[0] <= now - length:
        window.popleft()


@dataclass
class _Bucket:
    limit: Limit
    admitted_short: deque[float] = field(default_factory=deque)
    admitted_long: deque[float] = field(default_factory=deque)
    arrived_short: deque[float] = field(default_factory=deque)
    arrived_long: deque[float] = field(default_factory=deque)
    requests: int = 0
    limited: int = 0
    max_1s: int = 0
    max_30s: int = 0

    def stats(self) -> dict[str, int]:
        return {
            "requests": self.requests,
            "limited": self.limited,
            "max_1s": self.max_1s,
            "max_30s": self.max_30s,
            "limit_1s": self.limit.per_second,
            "limit_30s": self.limit.per_30s,
        }


class RateLimiter:
    def __init__(self, clock: Clock, limits: Mapping[Bucket, Limit] | None = None) -> None:
        self._clock = clock
        self._limits = {**LIMITS, **(limits or {})}  # the documented limit of every bucket not given
        self._lock = threading.Lock()
        self._buckets = {name: _Bucket(limit) for name, limit in self._limits.items()}

    def observe(self, bucket: str) -> None:
        """Count one arriving request, whether or not it is then admitted or answered by a fault."""
        now = self._clock.now()
        with self._lock:
            state = self._buckets[bucket]
            state.requests += 1
            for window, length in ((state.arrived_short, SHORT_WINDOW_S), (state.arrived_long, LONG_WINDOW_S)):
                window.append(now)
                _prune(window, now, length)
            state.max_1s = max(state.max_1s, len(state.arrived_short))
            state.max_30s = max(state.max_30s, len(state.arrived_long))

    def admit(self, bucket: str) -> float | None:
        """None if the request may go on; else the sandbox seconds until the bucket has room again."""
        now = self._clock.now()
        with self._lock:
            state = self._buckets[bucket]
            _prune(state.admitted_short, now, SHORT_WINDOW_S)
            _prune(state.admitted_long, now, LONG_WINDOW_S)
            waits = []
            if len(state.admitted_short) >= state.limit.per_second:
                waits.append(state.admitted_short[0] + SHORT_WINDOW_S - now)
            if len(state.admitted_long) >= state.limit.per_30s:
                waits.append(state.admitted_long[0] + LONG_WINDOW_S - now)
            if waits:
                state.limited += 1
                return max(waits)
            state.admitted_short.append(now)
            state.admitted_long.append(now)
            return None

    def stats(self) -> dict[str, Any]:
        """Per bucket: requests, limited (429s for real over-limit), max_1s, max_30s and the limits."""
        with self._lock:
            buckets = {name: state.stats() for name, state in self._buckets.items()}
        return {
            "buckets": buckets,
            "requests": sum(b["requests"] for b in buckets.values()),
            "rate_limited": sum(b["limited"] for b in buckets.values()),
            "exceeded": sorted(
                name for name, b in buckets.items()
                if b["max_1s"] > b["limit_1s"] or b["max_30s"] > b["limit_30s"]
            ),
        }

    def reset(self) -> None:
        with self._lock:
            self._buckets = {name: _Bucket(limit) for name, limit in self._limits.items()}
