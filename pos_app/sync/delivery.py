"""Delivering the outbox: one POST per order, or the batch API for a large backlog.

Rules that hold here (DESIGN.md section 3): the frozen body bytes are sent unchanged on every try; an
unknown outcome is retried, never treated as failed, and is first checked against the order's
transactions so an order Gameball already applied is not sent again; 9004 means delivered only when what
Gameball holds under the id is this sale (pos_app.domain.applied), otherwise the item fails (another sale)
or goes to "needs review" for a manager (cannot tell); a failed item goes to the failed list and the queue moves on.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from typing import Any

from pos_app.domain import wire
from pos_app.domain.applied import NEEDS_REVIEW, Match, Verdict, judge
from pos_app.domain.batch_items import carried_by_batch_item
from pos_app.gameball.errors import (
    CODES,
    DUPLICATE_TRANSACTION_ID,
    FEATURE_UNAVAILABLE,
    GameballError,
    Operation,
    Outcome,
    classify,
)
from pos_app.store.debits import NOT_DEBITED, NOT_REDEEMED, ExpiredRedemption
from pos_app.store.records import DebitKind, DebitState, Delivery
from pos_app.sync.backoff import Backoff
from pos_app.sync.link import Link
from pos_app.sync.outcome import Step, StepResult, error_record, step_for

log = logging.getLogger(__name__)

BATCH_SIZE = 500
# Jobs submitted before polling any: a job's wait is mostly Gameball's processing time, so overlapping
# them is what makes a backlog drain fast. Four keeps what a crash leaves "maybe applied" (and checked one
# by one at 12/s afterwards) to 2,000 orders; submits and polls stay far below the "others" limit.
JOBS_IN_FLIGHT = 4
HOLD_NOT_FOUND = 9006  # on an order: its points hold expired (or was released) before the order arrived
COUPON_LOCK_GONE = 4004  # on an order naming a coupon lock: the lock expired (or was released) first
# Answers to a re-send after an unknown outcome that may mean our own earlier attempt landed.
RESEND_CODES = frozenset({9001, 9003})
REFUND_TYPES = frozenset({"Refund", "PartialRefund"})
# error_class of an item put in the "needs review" state (State.REVIEW): Gameball holds something under its id
# and the documented fields cannot tell whose it is.
REVIEW = "review"


@dataclass
class DeliveryOptions:
    batch_enabled: bool = True
    # Off: only orders the documented batch item carries without loss go by batch (pos_app.domain.batch_items).
    batch_full_bodies: bool = False
    batch_threshold: int = 50
    batch_size: int = BATCH_SIZE
    jobs_in_flight: int = JOBS_IN_FLIGHT
    batch_poll: Backoff = field(default_factory=lambda: Backoff(base=0.5, cap=5.0))
    batch_timeout: float = 600.0
    retry_backoff: Backoff = field(default_factory=Backoff)


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
            # An order whose hold expired goes alone: its debit comes first (_deliver_debit).
            batchable = [i for i in due if i.kind == "order" and not i.maybe_applied and i.resend_body is None
                         and (self.options.batch_full_bodies or carried_by_batch_item(i.body))]
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
        if item.kind == "order" and item.resend_body is not None:
            for debit in self.store.pending_debits(item.ref_id):
                deliver = self._deliver_debit if debit.kind is DebitKind.POINTS else self._deliver_burn
                stopped = deliver(item, debit)
                if stopped is not None:
                    return stopped
        if item.kind == "order" and item.maybe_applied:
            checked = self._check_applied(item, None)
            if checked is not None:
                return checked
        limiter = self.limiters.orders if item.kind == "order" else self.limiters.transactions
        self.link.pace(limiter)
        self.store.mark_sending([item.id])
        try:
            if item.kind == "order":
                result = self.client.track_order(item.sent_body)
                self.store.mark_delivered(item.id, result.raw, rewarded_points=result.rewarded_points,
                                          redeemed_points=result.redeemed_points)
            else:
                refund = self.client.refund(item.body)
                self.store.mark_delivered(item.id, refund.raw)
        except GameballError as error:
            return self.record_error(item, error)
        log.info("%s %s delivered", item.kind, item.ref_id)
        return StepResult(Step.CONTINUE)

    def _check_applied(self, item: Any, answer: GameballError | None) -> StepResult | None:
        """Ask Gameball what it holds under the item's id and compare it with the frozen body.

        Before a re-send after an unknown outcome (`answer` None): None when nothing is applied, so the
        body goes out again. After a 9004 (or 9001/9003 on such a re-send): delivered only for this sale.
        """
        order_id = item.ref_id if item.kind == "order" else item.depends_on_order_id
        self.link.pace(self.limiters.orders)  # GET /orders/... is in the orders bucket
        try:
            found = self.client.order_transactions(order_id)
        except GameballError as error:
            if error.outcome is not Outcome.FAILED:
                return self.record_error(item, error)
            transactions: list[dict[str, Any]] = []  # Gameball has no order with this id
        else:
            transactions = [dict(tx) for tx in found.raw.get("transactions", []) if isinstance(tx, dict)]
        verdict = self._judge(item, transactions)
        if verdict.match is Match.ABSENT and answer is None:
            return None
        if verdict.match is Match.SAME:
            log.info("%s %s is at Gameball and is this sale: delivered", item.kind, item.ref_id)
            self.store.mark_delivered(item.id, None, rewarded_points=verdict.rewarded_points,
                                      redeemed_points=verdict.redeemed_points)
            return StepResult(Step.CONTINUE)
        reason = verdict.reason or NEEDS_REVIEW
        record = error_record(answer) if answer is not None else {"endpoint": "GET /orders/{orderId}/transactions"}
        if verdict.match in (Match.UNKNOWN, Match.ABSENT):
            log.warning("%s %s needs review: %s", item.kind, item.ref_id, reason)
            self.store.mark_review(item.id, {**record, "class": REVIEW, "message": reason}, transactions)
        else:
            log.warning("%s %s not delivered: %s", item.kind, item.ref_id, reason)
            self.store.mark_failed(item.id, {**record, "class": Outcome.FAILED.value, "message": reason})
        return StepResult(Step.CONTINUE)

    # --- an expired hold (9006) or coupon lock (4004): take them directly, then the order without them --------

    def _split_expired_redemption(self, item: Any) -> bool:
        """The sale's hold or coupon lock expired before the order reached Gameball: queue a direct debit of the
        hold's points and a direct burn of the lock's codes, and the order without its redemption. Both go, since a
        resend body is frozen once set and must not wait on the other part expiring later. False when the till
        cannot know what to take (the hold's points, the lock's codes): the order then fails as before."""
        body = wire.loads(item.body)
        redemption = body.get("redemption") or {}
        reference, lock = redemption.get("pointsHoldReference"), redemption.get("couponsLockReference")
        codes = [str(code) for code in redemption.get("couponCodes") or ()]
        hold = self.store.get_hold(reference) if reference else None
        if (reference and (hold is None or not hold.points)) or (lock and not codes):
            return False
        expired = ExpiredRedemption()
        if hold is not None:
            expired = replace(expired, hold_reference=reference, points=hold.points, debit_body=wire.dumps({
                "customerId": body["customerId"], "transactionId": item.ref_id, "transactionTime": body["orderDate"],
                "points": hold.points}))
        if lock:
            expired = replace(expired, burn_body=wire.dumps({
                "customerId": body["customerId"], "transactionId": item.ref_id, "transactionTime": body["orderDate"],
                "coupons": codes}))
        resend = {key: value for key, value in body.items() if key != "redemption"}
        self.store.split_expired_redemption(item.id, wire.dumps(resend), expired)
        return True

    def _let_go(self, item: Any, release: Callable[[], object]) -> StepResult | None:
        """Release the sale's own hold or lock before taking its points or codes directly: when only the other part
        expired, this one still holds them at Gameball. A refusal (9006, 4004: already gone) is fine."""
        try:
            release()
        except GameballError as error:
            if error.outcome is not Outcome.FAILED:
                return self._later(item, error)
        return None

    def _deliver_burn(self, item: Any, burn: Any) -> StepResult | None:
        """POST /coupons/burn of the sale's codes once. None: settled (delivered or refused), go on with the order.

        No documented read tells whether a burn landed, so a burn whose answer was lost is sent again, frozen: a
        repeat of its transactionId is 9004, which means our earlier burn landed (README, assumptions)."""
        lock = (wire.loads(item.body).get("redemption") or {}).get("couponsLockReference")
        if lock:
            self.link.pace(self.limiters.others)
            stopped = self._let_go(item, lambda: self.client.release_coupons(lock))
            if stopped is not None:
                return stopped
        self.link.pace(self.limiters.others)
        self.store.mark_debit(item.ref_id, DebitState.SENDING, kind=DebitKind.COUPON)
        try:
            self.client.burn_coupons(burn.body)
        except GameballError as error:
            if error.code == DUPLICATE_TRANSACTION_ID:
                self.store.mark_debit(item.ref_id, DebitState.DELIVERED, kind=DebitKind.COUPON)
                return None
            if error.outcome is Outcome.FAILED:
                self.store.mark_debit(item.ref_id, DebitState.REFUSED, f"{NOT_REDEEMED}: {error}", DebitKind.COUPON)
                return None
            return self._later(item, error)
        self.store.mark_debit(item.ref_id, DebitState.DELIVERED, kind=DebitKind.COUPON)
        log.info("order %s: the coupon of its expired lock burnt", item.ref_id)
        return None

    def _debit_landed(self, item: Any, debit: Any) -> StepResult | bool:
        """Whether Gameball already has this debit (then it is marked delivered); a StepResult when it cannot say."""
        taken = self._debit_found(item, debit)
        if taken is True:
            self.store.mark_debit(item.ref_id, DebitState.DELIVERED)
        return taken

    def _deliver_debit(self, item: Any, debit: Any) -> StepResult | None:
        """POST /transactions/redeem once. None: settled (delivered or refused), go on with the order."""
        if debit.state is DebitState.SENDING:  # an earlier try may have landed: look before sending again
            taken = self._debit_landed(item, debit)
            if isinstance(taken, StepResult):
                return taken
            if taken:
                return None
        reference = (wire.loads(item.body).get("redemption") or {}).get("pointsHoldReference")
        if reference and debit.state is DebitState.QUEUED:
            self.link.pace(self.limiters.transactions)
            stopped = self._let_go(item, lambda: self.client.release_hold(reference))
            if stopped is not None:
                return stopped
        self.link.pace(self.limiters.transactions)
        self.store.mark_debit(item.ref_id, DebitState.SENDING)
        try:
            self.client.redeem(debit.body)
        except GameballError as error:
            if error.code == DUPLICATE_TRANSACTION_ID:
                taken = self._debit_landed(item, debit)
                if isinstance(taken, StepResult):
                    return taken
                if taken:
                    return None
            if error.outcome is Outcome.FAILED:
                self.store.mark_debit(item.ref_id, DebitState.REFUSED, f"{NOT_DEBITED}: {error}")
                return None
            return self._later(item, error)
        self.store.mark_debit(item.ref_id, DebitState.DELIVERED)
        log.info("order %s: %d points of its expired hold debited", item.ref_id, debit.points)
        return None

    def _debit_found(self, item: Any, debit: Any) -> bool | StepResult:
        self.link.pace(self.limiters.orders)
        try:
            found = self.client.order_transactions(item.ref_id)
        except GameballError as error:
            return False if error.outcome is Outcome.FAILED else self._later(item, error)
        return any(tx.get("transactionType") == "Redemption" and tx.get("transactionId") == item.ref_id
                   and tx.get("equivalentPoints") == debit.points
                   for tx in found.raw.get("transactions", []) if isinstance(tx, dict))

    @staticmethod
    def _redemption_expired(item: Any, error: GameballError) -> bool:
        """9006: the order's points hold is gone; 4004 on an order naming a coupon lock: the lock is gone."""
        if error.code == HOLD_NOT_FOUND:
            return True
        return error.code == COUPON_LOCK_GONE \
            and bool((wire.loads(item.body).get("redemption") or {}).get("couponsLockReference"))

    def _later(self, item: Any, error: GameballError) -> StepResult:
        delay = error.retry_after if error.retry_after is not None else \
            self.options.retry_backoff.delay(item.attempts + 1)
        self.store.mark_retry(item.id, self.clock() + delay, error_record(error), item.maybe_applied)
        return StepResult(step_for(error), error)

    def _judge(self, item: Any, transactions: list[dict[str, Any]]) -> Verdict:
        body = wire.loads(item.sent_body) if item.sent_body else {}
        if item.kind == "refund":
            # A refund's transactions carry its refundTransactionId; none under its order means not known.
            mine = [tx for tx in transactions if tx.get("transactionId") == item.ref_id
                    and tx.get("transactionType") in REFUND_TYPES]
            return Verdict(Match.SAME) if mine else Verdict(Match.UNKNOWN, NEEDS_REVIEW)
        reference = (body.get("redemption") or {}).get("pointsHoldReference")
        hold = self.store.get_hold(reference) if reference else None
        first = item.first_attempt_at
        debit = self.store.debit_of(item.ref_id) if item.resend_body is not None else None
        return judge(body, transactions, None if first is None else datetime.fromtimestamp(first, UTC),
                     None if hold is None else hold.points, debited=debit is not None)

    def record_error(self, item: Any, error: GameballError) -> StepResult:
        if item.kind == "order" and item.resend_body is None and self._redemption_expired(item, error) \
                and self._split_expired_redemption(item):
            return StepResult(Step.CONTINUE)
        if error.code == DUPLICATE_TRANSACTION_ID or (error.code in RESEND_CODES and item.maybe_applied):
            log.info("%s %s: Gameball has this id already (code %s); checking it is this sale",
                     item.kind, item.ref_id, error.code)
            return self._check_applied(item, error) or StepResult(Step.CONTINUE)
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
                # Not available, or refused as a whole (the account's batch does not take these bodies): the
                # items were never accepted, so they go one per request instead of looping on the batch.
                if error.code == FEATURE_UNAVAILABLE or error.status in (403, 404, 405, 501) \
                        or (error.outcome is Outcome.FAILED and not error.maybe_applied):
                    log.warning("batch API refused these orders (%s); sending one order per request", error)
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
