"""What a sync pass talks through: the store, the client, the rate limiters, the stop flag and the clock,
and the one way to wait for a batch job that both delivery and history use."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from pos_app.gameball.client import GameballClient
from pos_app.gameball.errors import GameballError, Outcome
from pos_app.gameball.models import BatchStatus
from pos_app.sync.backoff import Backoff
from pos_app.sync.ratelimit import ORDERS, OTHERS, TRANSACTIONS, RateLimiter


@dataclass
class Limiters:
    orders: RateLimiter
    transactions: RateLimiter
    others: RateLimiter

    @classmethod
    def for_scale(cls, time_scale: float = 1.0) -> Limiters:
        return cls(RateLimiter(ORDERS, time_scale=time_scale), RateLimiter(TRANSACTIONS, time_scale=time_scale),
                   RateLimiter(OTHERS, time_scale=time_scale))

    def remember(self, store: Any, now: float) -> None:
        """Seed the windows with what an earlier run sent: a restart mid-drain must not start from zero.
        Order sends and history pulls (GET /orders/...) share the orders bucket; refunds are transactions."""
        since = now - max(self.orders.window_s, self.transactions.window_s)
        recent = store.recent_requests(since)
        self.orders.seed(now - at for kind, at in recent if kind in ("order", "history"))
        self.transactions.seed(now - at for kind, at in recent if kind == "refund")


@dataclass
class Link:
    store: Any
    client: GameballClient
    limiters: Limiters
    stopping: threading.Event
    clock: Callable[[], float] = field(default=time.time)
    # Called as long work goes on (each round of batch polls), so the status keeps up with it.
    progress: Callable[[], None] = field(default=lambda: None)

    def pace(self, limiter: RateLimiter) -> None:
        """Wait until `limiter` lets one more request out (or the engine stops)."""
        limiter.acquire(sleep=self.stopping.wait)

    def await_batch(self, job_id: str | None, poll: Backoff, timeout: float) -> BatchStatus | GameballError:
        """Poll one batch job until it finishes (see await_batches)."""
        return self.await_batches([str(job_id)], poll, timeout)[str(job_id)]

    def await_batches(self, job_ids: list[str], poll: Backoff,
                      timeout: float) -> dict[str, BatchStatus | GameballError]:
        """Poll batch jobs until each finishes. A job whose end cannot be known gets a GameballError: its
        items' outcome is then unknown, since the job may still run."""
        started, attempt = self.clock(), 0
        outcome: dict[str, BatchStatus | GameballError] = {}
        while len(outcome) < len(job_ids):
            attempt += 1
            self.stopping.wait(poll.delay(attempt))
            late = self.stopping.is_set() or self.clock() - started > timeout
            for job_id in [j for j in job_ids if j not in outcome]:
                self.pace(self.limiters.others)
                try:
                    status = self.client.batch_status(job_id)
                except GameballError as error:
                    if error.outcome is not Outcome.RETRY or late:
                        outcome[job_id] = error
                    continue
                if status.finished:
                    outcome[job_id] = status
                elif late:
                    outcome[job_id] = GameballError("batch job did not finish in time", outcome=Outcome.RETRY,
                                                    maybe_applied=True, endpoint="GET /batches/{id}/status")
            self.progress()
        return outcome
