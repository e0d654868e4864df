"""What a sync pass talks through: the store, the client, the rate limiters, the stop flag and the clock,
and the one way to wait for a batch job that both delivery and history use."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from pos_app.domain import endpoints
from pos_app.domain.endpoints import Bucket, bucket_for
from pos_app.gameball.client import GameballClient
from pos_app.gameball.errors import GameballError, Outcome
from pos_app.gameball.models import BatchStatus
from pos_app.sync.backoff import Backoff
from pos_app.sync.pacing import INTERACTIVE_MAX_WAIT, AdaptiveLimiter, PacingRefused, Priority, limiter_set


@dataclass
class Limiters:
    """A terminal's limiters, one per documented bucket, shared by its sender (the drain) and its till
    (interactive calls)."""

    buckets: Mapping[Bucket, AdaptiveLimiter]
    sleep: Callable[[float], object] = time.sleep  # how a till's call waits for its turn

    @classmethod
    def for_scale(cls, time_scale: float = 1.0, terminals: int = 1, clock: Callable[[], float] = time.monotonic,
                  sleep: Callable[[float], object] = time.sleep) -> Limiters:
        """`terminals`: how many terminals share the account's limits (the `fleet_terminals` setting)."""
        return cls(limiter_set(time_scale, terminals, clock), sleep)

    # The drain's three: order sends (history pulls, GET /orders/{id}/transactions, share that bucket),
    # refunds and redeems, and batches with their status polls.
    @property
    def orders(self) -> AdaptiveLimiter:
        return self.buckets[endpoints.TRACK_ORDER.bucket]

    @property
    def transactions(self) -> AdaptiveLimiter:
        return self.buckets[endpoints.REFUND.bucket]

    @property
    def others(self) -> AdaptiveLimiter:
        return self.buckets[endpoints.BATCH_ORDERS.bucket]

    def for_path(self, method: str, path: str) -> AdaptiveLimiter:
        return self.buckets[bucket_for(method, path)]

    def observe(self, method: str, path: str, status: int | None, retry_after: float | None) -> None:
        """A GameballClient's `on_answer` hook: every answer adapts the pace of its bucket."""
        self.for_path(method, path).answered(status, retry_after)

    def pace_interactive(self, method: str, path: str, max_wait: float = INTERACTIVE_MAX_WAIT) -> None:
        """A till client's `pacer` hook: go ahead of the drain, or fail fast rather than hang the till."""
        try:
            self.for_path(method, path).acquire(self.sleep, Priority.INTERACTIVE, max_wait)
        except PacingRefused as refused:
            raise GameballError(str(refused), outcome=Outcome.RETRY, maybe_applied=False,
                                retry_after=refused.wait, endpoint=f"{method} {path}", paced=True) from None

    def attach(self, client: GameballClient, *, interactive: bool) -> GameballClient:
        """Make `client` report its answers here; a till's client is also paced (the sender paces itself)."""
        client.on_answer = self.observe
        if interactive:
            # Never wait longer for the budget than the call itself may take (a live preview has about a second).
            max_wait = min(INTERACTIVE_MAX_WAIT, client.timeouts.read)
            client.pacer = lambda method, path: self.pace_interactive(method, path, max_wait)
        return client

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

    def pace(self, limiter: AdaptiveLimiter) -> None:
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
