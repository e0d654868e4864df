"""Pulling each delivered order's transactions back from Gameball, until its points are settled."""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from pos_app.domain.timeutil import parse_iso
from pos_app.gameball.errors import GameballError, Outcome
from pos_app.sync.backoff import Backoff
from pos_app.sync.link import Link
from pos_app.sync.outcome import Step, StepResult, step_for

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class HistoryOptions:
    # From this many orders one batch job beats one GET each (30/s, shared with sending orders).
    batch_min: int = 20
    batch_max: int = 1000
    # Pending points are looked at again this often until they settle.
    refresh_after_s: float = 3600.0
    # Gameball's order transactions carry no status and its configuration answers document no return window,
    # so an order's points are taken as settled this long after the sale: the `points_settle_days` setting.
    return_window_days: int = 14
    batch_poll: Backoff = Backoff(base=0.5, cap=5.0)
    batch_timeout: float = 600.0


def is_settled(order_date: str | None, return_window_days: int, now: datetime) -> bool:
    """True once the return window after the sale has passed: from then nothing about the order's points changes
    on its own. Only documented fields decide: the sale's own date, not a transaction status Gameball does not
    document."""
    if not order_date:
        return False
    try:
        sold = parse_iso(order_date)
    except ValueError:
        return False
    return now >= sold + timedelta(days=return_window_days)


class HistorySync:
    def __init__(self, link: Link, options: HistoryOptions, batch_available: Callable[[], bool] = lambda: True) -> None:
        self.link = link
        self.store, self.client, self.limiters, self.stopping, self.clock = (
            link.store, link.client, link.limiters, link.stopping, link.clock)
        self.options = options
        self.batch_available = batch_available

    def run(self) -> StepResult:
        while not self.stopping.is_set():
            orders = self.store.orders_needing_history(self.clock(), self.options.batch_max,
                                                       self.options.refresh_after_s)
            if not orders:
                return StepResult(Step.CONTINUE)
            if len(orders) >= self.options.batch_min and self.batch_available():
                result = self._pull_batch(orders)
            else:
                result = self._pull_each(orders)
            if result.step is not Step.CONTINUE:
                return result
        return StepResult(Step.CONTINUE)

    def _save(self, order_id: str, transactions: list[dict[str, Any]]) -> None:
        now = self.clock()
        order = self.store.get_order(order_id)
        settled = is_settled(order.order_date if order else None, self.options.return_window_days,
                             datetime.fromtimestamp(now, UTC))
        self.store.store_transactions(order_id, transactions, settled, now)

    def _pull_each(self, order_ids: Sequence[str]) -> StepResult:
        for order_id in order_ids:
            if self.stopping.is_set():
                break
            self.link.pace(self.limiters.orders)  # GET /orders/... is in the orders bucket
            try:
                found = self.client.order_transactions(order_id)
            except GameballError as error:
                step = step_for(error)
                if step is not Step.CONTINUE:
                    return StepResult(step, error)
                log.info("history of %s not pulled: %s", order_id, error)
                self.store.mark_history_synced(order_id, False, self.clock())
                continue
            self._save(order_id, [dict(tx) for tx in found.raw.get("transactions", [])])
        return StepResult(Step.CONTINUE)

    def _pull_batch(self, order_ids: Sequence[str]) -> StepResult:
        self.link.pace(self.limiters.others)
        try:
            job = self.client.batch_order_transactions(list(order_ids))
        except GameballError as error:
            if error.outcome is Outcome.FAILED:
                return self._pull_each(order_ids)
            return StepResult(step_for(error), error)
        status = self.link.await_batch(job.job_id, self.options.batch_poll, self.options.batch_timeout)
        if isinstance(status, GameballError):
            step = step_for(status)
            return StepResult(step, status) if step is not Step.CONTINUE else StepResult(Step.CONTINUE)
        waiting = set(order_ids)
        for result in status.results:
            if isinstance(result, dict) and str(result.get("orderId")) in waiting:
                order_id = str(result["orderId"])
                waiting.discard(order_id)
                if "transactions" in result:
                    self._save(order_id, [dict(tx) for tx in result.get("transactions") or []])
                else:
                    self.store.mark_history_synced(order_id, False, self.clock())
        for order_id in waiting:
            self.store.mark_history_synced(order_id, False, self.clock())
        return StepResult(Step.CONTINUE)
