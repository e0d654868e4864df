"""Batch jobs: `POST /batch/orders`, `POST /batch/orders/transactions`, `GET /batches/{id}/status`.

A job answers `{"jobId": <number>}` at once and is worked on later: its status is `pending` (at the
first poll), then `processing` (from the second poll, or half the delay), then `completed` once
`delay` sandbox seconds have passed or it has been polled `polls` times, whichever comes first.
Items are applied when the job completes, by a worker thread or by the poll that completes it.

Gameball leaves `results` untyped; the sandbox's results, one per item in request order:

* `/batch/orders`: `{"orderId": ..., "status": "success", "response": <the POST /orders 200 body>}` or
  `{"orderId": ..., "status": "failed", "error": <Gameball error envelope>}`. Each item goes through
  exactly the code path of `POST /orders` (schema check, poison, orderDate, duplicate 9004, reward).
* `/batch/orders/transactions`: `{"orderId": ..., "status": "success", "transactions": [...],
  "count": n}` (the `GET /orders/{orderId}/transactions` body) or `{"orderId": ..., "status":
  "failed", "error": <envelope, code 9002 for an unknown order>}`.

The status answer: `{"batchId": "<jobId>", "status", "progress" (0-100), "totalItems",
"processedItems", "failedItems", "results" (empty until completed), "errors" (always empty: per-item
errors are in `results`)}`.
"""

from __future__ import annotations

import itertools
import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from pos_app.sandbox.clock import Clock
from pos_app.sandbox.errors import SandboxError

logger = logging.getLogger(__name__)

ORDERS = "orders"
ORDER_TRANSACTIONS = "orders_transactions"
PENDING, PROCESSING, COMPLETED = "pending", "processing", "completed"
# The worker wakes at least this often (real seconds) so a test's clock.advance() is noticed.
_MAX_NAP = 0.05

ItemProcessor = Callable[[str, Any], dict[str, Any]]


@dataclass
class _Job:
    job_id: int
    kind: str
    items: list[Any]
    due_at: float
    halfway_at: float
    polls: int = 0
    started: bool = False
    results: list[dict[str, Any]] | None = None


class BatchJobs:
    def __init__(self, clock: Clock, process: ItemProcessor, *, delay: float = 2.0, polls: int = 3) -> None:
        self._clock = clock
        self._process = process
        self._delay = delay
        self._polls = polls
        self._jobs: dict[int, _Job] = {}
        self._ids = itertools.count(1748392)
        self._wake = threading.Condition()
        self._stopping = False
        self._worker: threading.Thread | None = None

    def start(self) -> None:
        self._stopping = False
        self._worker = threading.Thread(target=self._work, name="sandbox-batches", daemon=True)
        self._worker.start()

    def stop(self) -> None:
        with self._wake:
            self._stopping = True
            self._wake.notify_all()
        if self._worker is not None:
            self._worker.join(timeout=5)
            self._worker = None

    def submit(self, kind: str, items: list[Any]) -> int:
        now = self._clock.now()
        with self._wake:
            job = _Job(next(self._ids), kind, list(items), now + self._delay, now + self._delay / 2)
            self._jobs[job.job_id] = job
            self._wake.notify_all()
            return job.job_id

    def status(self, batch_id: str) -> dict[str, Any]:
        with self._wake:
            job = self._jobs.get(int(batch_id)) if batch_id.isdigit() else None
            if job is None:
                raise SandboxError(4004, f"batch {batch_id} not found")
            job.polls += 1
            run_now = job.polls >= self._polls and not job.started
            if run_now:
                job.started = True
        if run_now:
            self._run(job)
        with self._wake:
            return self._describe(job)

    def _describe(self, job: _Job) -> dict[str, Any]:
        results = job.results or []
        if job.results is not None:
            stage = COMPLETED
        elif job.polls > 1 or self._clock.now() >= job.halfway_at:
            stage = PROCESSING
        else:
            stage = PENDING
        return {
            "batchId": str(job.job_id),
            "status": stage,
            "progress": 100 if stage == COMPLETED else 50 if stage == PROCESSING else 0,
            "totalItems": len(job.items),
            "processedItems": len(results),
            "failedItems": sum(1 for result in results if result.get("status") == "failed"),
            "results": results,
            "errors": [],
        }

    def _run(self, job: _Job) -> None:
        results = [self._process(job.kind, item) for item in job.items]
        with self._wake:
            job.results = results
        logger.info("batch %d (%s) completed with %d items", job.job_id, job.kind, len(results))

    def _work(self) -> None:
        while True:
            with self._wake:
                if self._stopping:
                    return
                now = self._clock.now()
                due = [job for job in self._jobs.values() if not job.started and job.due_at <= now]
                for job in due:
                    job.started = True
                if not due:
                    waiting = [job.due_at for job in self._jobs.values() if not job.started]
                    nap = self._clock.to_real(min(waiting) - now) if waiting else _MAX_NAP
                    self._wake.wait(min(max(nap, 0.0), _MAX_NAP))
                    continue
            for job in due:
                self._run(job)

    def reset(self) -> None:
        with self._wake:
            self._jobs.clear()
