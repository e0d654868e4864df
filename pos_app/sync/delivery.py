"""Delivering the outbox: one POST per order, or the batch API for a large backlog.

Rules that hold here (DESIGN.md section 3): the frozen body bytes are sent unchanged on every try; an
unknown outcome is retried, never treated as failed, and is first checked against the order's
transactions so an order Gameball already applied is not sent again; 9004 on our own order or refund
means delivered; a failed item goes to the failed list and the queue moves on.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from pos_app.domain.money import MoneyError, to_decimal
from pos_app.gameball.errors import CODES, FEATURE_UNAVAILABLE, GameballError, Operation, Outcome, classify
from pos_app.store.records import Delivery
from pos_app.sync.backoff import Backoff
from pos_app.sync.link import Link
from pos_app.sync.outcome import Step, StepResult, error_record, step_for

log = logging.getLogger(__name__)

BATCH_SIZE = 500
# Jobs submitted before polling any: a job's wait is mostly Gameball's processing time, so overlapping
# them is what makes a backlog drain fast. Four keeps what a crash leaves "maybe applied" (and checked one
# by one at 12/s afterwards) to 2,000 orders; submits and polls stay far below the "others" limit.
JOBS_IN_FLIGHT = 4
# Transaction types that exist only once Gameball has applied the order.
APPLIED_TYPES = {"PaymentReward", "AchievementReward", "Payment", "Redemption"}


@dataclass
class DeliveryOptions:
    batch_enabled: bool = True
    batch_threshold: int = 50
    batch_size: int = BATCH_SIZE
    jobs_in_flight: int = JOBS_IN_FLIGHT
    batch_poll: Backoff = field(default_factory=lambda: Backoff(base=0.5, cap=5.0))
    batch_timeout: float = 600.0
    retry_backoff: Backoff = field(default_factory=Backoff)


def _points(transactions: Sequence[dict[str, Any]], types: set[str]) -> int:
    total = 0
    for tx in transactions:
        if tx.get("transactionType") in types:
            try:
                total += int(to_decimal(tx.get("equivalentPoints")))
            except MoneyError:
                continue
    return total


class Deliverer:
    """Sends due outbox items. Used only from the engine's worker thread."""

    def __init__(self, link: Link, options: DeliveryOptions, on_progress: Callable[[], None] = lambda: None) -> None:
        self.link = link
        self.store, self.client, self.limiters, self.stopping, self.clock = (
            link.store, link.client, link.limiters, link.stopping, link.clock)
        self.options = options
        self.on_progress = on_progress
        self.batch_available = options.batch_enabled

    # --- one pass ------------------------------------------------------------------------------

    def run(self) -> StepResult:
        """Deliver everything that is due now, oldest first, until done, offline or paused."""
        while not self.stopping.is_set():
            due = self.store.due(self.clock(), self.options.batch_size * self.options.jobs_in_flight)
            if not due:
                return StepResult(Step.CONTINUE)
            batchable = [i for i in due if i.kind == "order" and not i.maybe_applied]
            if self.batch_available and len(batchable) >= self.options.batch_threshold:
                result = self._deliver_batches(batchable)
            else:
                result = self._deliver_singles(due)
            self.on_progress()
            if result.step is not Step.CONTINUE:
                return result
        return StepResult(Step.CONTINUE)

    def _deliver_singles(self, items: Sequence[Any]) -> StepResult:
        for item in items:
            if self.stopping.is_set():
                break
            result = self.deliver_one(item)
            if result.step is not Step.CONTINUE:
                return result
            self.on_progress()  # a long drain shows its progress (pending, lastSyncAt) as it goes
        return StepResult(Step.CONTINUE)

    # --- single ----------------------------------------------------------------------------------

    def deliver_one(self, item: Any) -> StepResult:
        if item.kind == "order" and item.maybe_applied:
            checked = self._already_applied(item)
            if checked is not None:
                return checked
        limiter = self.limiters.orders if item.kind == "order" else self.limiters.transactions
        self.link.pace(limiter)
        self.store.mark_sending([item.id])
        try:
            if item.kind == "order":
                result = self.client.track_order(item.body)
                self.store.mark_delivered(item.id, result.raw, rewarded_points=result.rewarded_points,
                                          redeemed_points=result.redeemed_points)
            else:
                refund = self.client.refund(item.body)
                self.store.mark_delivered(item.id, refund.raw)
        except GameballError as error:
            return self.record_error(item, error)
        log.info("%s %s delivered", item.kind, item.ref_id)
        return StepResult(Step.CONTINUE)

    def _already_applied(self, item: Any) -> StepResult | None:
        """After an unknown outcome, ask Gameball before sending again. None: not applied, send it."""
        self.link.pace(self.limiters.orders)  # GET /orders/... is in the orders bucket
        try:
            found = self.client.order_transactions(item.ref_id)
        except GameballError as error:
            if error.outcome is Outcome.FAILED:
                return None  # Gameball does not know the order: it was never applied
            return self.record_error(item, error)
        raw = [dict(tx) for tx in found.raw.get("transactions", [])]
        if not any(tx.get("transactionType") in APPLIED_TYPES for tx in raw):
            return None
        log.info("order %s was applied before its answer was lost; not sending again", item.ref_id)
        self.store.mark_delivered(item.id, None, rewarded_points=_points(raw, {"PaymentReward", "AchievementReward"}),
                                  redeemed_points=_points(raw, {"Redemption"}) or None)
        return StepResult(Step.CONTINUE)

    def record_error(self, item: Any, error: GameballError) -> StepResult:
        if error.outcome is Outcome.DONE:
            log.info("%s %s already at Gameball (code %s): delivered", item.kind, item.ref_id, error.code)
            self.store.mark_delivered(item.id, None)
            return StepResult(Step.CONTINUE)
        if error.outcome is Outcome.FAILED:
            log.warning("%s %s failed: %s", item.kind, item.ref_id, error)
            self.store.mark_failed(item.id, error_record(error))
            return StepResult(Step.CONTINUE)
        step = step_for(error)
        delay = self.options.retry_backoff.delay(item.attempts + 1)
        if step is Step.PAUSE and error.retry_after is not None:
            delay = error.retry_after
        # Once an outcome is unknown it stays unknown until Gameball confirms the order either way.
        maybe_applied = bool(error.maybe_applied or item.maybe_applied)
        self.store.mark_retry(item.id, self.clock() + delay, error_record(error), maybe_applied)
        log.info("%s %s will be retried in %.1f s: %s", item.kind, item.ref_id, delay, error)
        return StepResult(step, error)

    # --- batch -----------------------------------------------------------------------------------

    def _deliver_batches(self, items: Sequence[Any]) -> StepResult:
        """Submit up to `jobs_in_flight` jobs, then wait for them together."""
        size = self.options.batch_size
        chunks = [items[i:i + size] for i in range(0, len(items), size)][:self.options.jobs_in_flight]
        submitted: list[tuple[str, Sequence[Any]]] = []
        step = StepResult(Step.CONTINUE)
        for chunk in chunks:
            if self.stopping.is_set():
                break
            self.link.pace(self.limiters.others)
            self.store.mark_sending([i.id for i in chunk])
            try:
                job = self.client.batch_orders([i.body for i in chunk])
            except GameballError as error:
                if error.code == FEATURE_UNAVAILABLE or error.status in (403, 404, 405, 501):
                    log.warning("batch API not available to this account (%s); sending one order per request", error)
                    self.batch_available = False
                    self.store.mark_retry_many([i.id for i in chunk], self.clock(), error_record(error), False)
                else:
                    step = self._batch_not_done(chunk, error)
                break
            log.info("batch job %s started for %d orders", job.job_id, len(chunk))
            submitted.append((str(job.job_id), chunk))
        statuses = self.link.await_batches([job_id for job_id, _ in submitted], self.options.batch_poll,
                                           self.options.batch_timeout)
        for job_id, chunk in submitted:
            status = statuses[job_id]
            result = self._batch_not_done(chunk, status) if isinstance(status, GameballError) \
                else self._apply_batch_results(chunk, status.results)
            if result.step is not Step.CONTINUE:
                step = result
        return step

    def _batch_not_done(self, items: Sequence[Any], error: GameballError) -> StepResult:
        # The job may exist and run even though we did not hear about it: every item's outcome is unknown.
        maybe_applied = error.maybe_applied or error.code is None
        delay = error.retry_after if error.retry_after is not None else self.options.retry_backoff.delay(1)
        self.store.mark_retry_many([i.id for i in items], self.clock() + delay, error_record(error), maybe_applied)
        return StepResult(step_for(error), error)

    def _apply_batch_results(self, items: Sequence[Any], results: Sequence[Any]) -> StepResult:
        by_order = {i.ref_id: i for i in items}
        delivered: list[Delivery] = []
        step = StepResult(Step.CONTINUE)
        seen: set[str] = set()
        for result in results:
            if not isinstance(result, dict) or str(result.get("orderId")) not in by_order:
                continue
            item = by_order[str(result["orderId"])]
            seen.add(item.ref_id)
            if result.get("status") == "success":
                response = result.get("response") or {}
                delivered.append(Delivery(item.id, response, _opt_int(response.get("rewardedPoints")),
                                          _opt_int(response.get("redeemedPoints"))))
                continue
            envelope = result.get("error") or {}
            code = _opt_int(envelope.get("code"))
            status = CODES[code].http_status if code in CODES else None
            error = GameballError(str(envelope.get("message") or "batch item failed"),
                                  outcome=classify(status or 500, code, Operation.ORDER), status=status, code=code,
                                  request_id=envelope.get("requestId"), endpoint="POST /batch/orders")
            outcome = self.record_error(item, error)
            if outcome.step is not Step.CONTINUE:
                step = outcome
        if delivered:
            self.store.mark_delivered_many(delivered)
        missing = [i.id for i in items if i.ref_id not in seen]
        if missing:
            error = GameballError("no result for the item in the batch", outcome=Outcome.RETRY, maybe_applied=True,
                                  endpoint="POST /batch/orders")
            self.store.mark_retry_many(missing, self.clock() + self.options.retry_backoff.delay(1),
                                       error_record(error), True)
        log.info("batch: %d delivered, %d not answered", len(delivered), len(missing))
        return step


def _opt_int(value: object) -> int | None:
    try:
        return None if value is None or isinstance(value, bool) else int(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None
