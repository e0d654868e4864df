"""The sandbox's clock: real time sped up by `time_scale`, and movable forward by tests.

Everything time-based in the sandbox (rate-limit windows, hold expiry, batch delays, return windows)
reads this clock, so `time_scale=10` makes all of them ten times shorter in real seconds and
`advance()` lets a test jump past an expiry without sleeping. Connection faults (hang, trickle,
latency) are about the real network and use real seconds.
"""

from __future__ import annotations

import logging
import threading
import time
from datetime import UTC, datetime

logger = logging.getLogger(__name__)


class Clock:
    def __init__(self, time_scale: float = 1.0) -> None:
        if time_scale <= 0:
            raise ValueError("time_scale must be positive")
        self.time_scale = time_scale
        self._lock = threading.Lock()
        self._real_start = time.monotonic()
        self._epoch_start = time.time()
        self._offset = 0.0

    def now(self) -> float:
        """Sandbox time in seconds since the Unix epoch; never goes backwards."""
        with self._lock:
            elapsed = (time.monotonic() - self._real_start) * self.time_scale
            return self._epoch_start + elapsed + self._offset

    def wall(self) -> datetime:
        return datetime.fromtimestamp(self.now(), UTC)

    def advance(self, seconds: float) -> None:
        """Jump forward by `seconds` of sandbox time (to expire holds or end a return window)."""
        if seconds < 0:
            raise ValueError("the clock only moves forward")
        with self._lock:
            self._offset += seconds

    def to_real(self, seconds: float) -> float:
        """How many real seconds `seconds` of sandbox time take."""
        return seconds / self.time_scale


def gameball_time(moment: float) -> str:
    """A sandbox time in the form Gameball answers with (`2024-10-16T08:11:24.675401`, UTC, no offset)."""
    return datetime.fromtimestamp(moment, UTC).replace(tzinfo=None).isoformat(timespec="microseconds")
