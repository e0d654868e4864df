"""Read-only questions the till window asks the local store: order history, the orders a return can take
back from, and the cached cashback rules.

Runs on the window's worker thread (one store connection per thread); no Qt, no network.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from pos_app.domain.cashback import CashbackRules
from pos_app.domain.customer_id import normalise_phone
from pos_app.domain.returns import ReturnableOrder
from pos_app.domain.timeutil import local_days_utc
from pos_app.services.estimate import cached_rules
from pos_app.store.per_thread import PerThreadStore

# The records the till window reads; re-exported so front ends never import the store.
from pos_app.store.records import Kind as Kind
from pos_app.store.records import OrderRecord, OrderSummary, State
from pos_app.store.records import RefundRecord as RefundRecord
from pos_app.store.store import Store


@dataclass(frozen=True)
class ReturnView:
    """A past order as the Return dialog shows it: the stored record and what a return can still take."""

    record: OrderRecord
    order: ReturnableOrder


@dataclass(frozen=True)
class HistoryPage:
    rows: list[OrderSummary]
    total: int  # every order that matches; rows holds the newest of them


class OrdersQuery:
    def __init__(self, store_factory: Callable[[], Store], phone_region: str) -> None:
        self._stores = PerThreadStore(store_factory)
        self._region = phone_region

    def _store(self) -> Store:
        return self._stores.get()

    def close(self) -> None:
        self._stores.close()

    def search(self, text: str = "", state: State | None = None, first: date | None = None,
               last: date | None = None, limit: int = 200) -> list[OrderSummary]:
        """Orders matching an orderId or customer (a phone is matched in its E.164 form too)."""
        since, until = local_days_utc(first, last)
        return self._store().list_orders(self._texts(text), None if state is None else [state], since, until, limit)

    def _texts(self, text: str) -> list[str]:
        """What the search matches: the text, and a phone number in its E.164 form too."""
        phone = normalise_phone(text, self._region) if text else None
        return [text, phone] if phone else [text]

    def page(self, text: str = "", state: State | None = None, first: date | None = None,
             last: date | None = None, limit: int = 200) -> HistoryPage:
        """The newest `limit` matching orders and how many match in all."""
        texts = self._texts(text)
        since, until = local_days_utc(first, last)
        states = None if state is None else [state]
        store = self._store()
        return HistoryPage(store.list_orders(texts, states, since, until, limit),
                           store.count_orders(texts, states, since, until))

    def detail(self, order_id: str) -> OrderRecord | None:
        return self._store().get_order(order_id)

    def returnable(self, text: str) -> ReturnView | None:
        """The order a return is for: the orderId as typed or scanned, else the one order whose orderId
        contains the text (a cashier may type only its end); None when there is no such single order."""
        store = self._store()
        order_id = text.strip()
        if not order_id:
            return None
        with store.read():
            record = store.get_order(order_id)
            if record is None:
                matches = [row for row in store.list_orders([order_id], limit=50) if order_id.lower()
                           in row.order_id.lower()]
                if len(matches) != 1:
                    return None
                record = store.get_order(matches[0].order_id)
                if record is None:
                    return None
            refundable = store.refundable(record.order_id)
            redeemed = record.redeemed_points
            if redeemed is None and record.hold_reference:
                # Not delivered yet: the hold the sale used says how many points it redeems.
                hold = store.get_hold(record.hold_reference)
                redeemed = hold.points if hold is not None else None
        earned = record.rewarded_points if record.rewarded_points is not None else record.expected_points
        return ReturnView(record, ReturnableOrder(
            order_id=record.order_id, currency=record.currency, total_paid=record.total_paid,
            refundable=refundable if refundable is not None else record.total_paid,
            earned_points=earned or 0, redeemed_points=redeemed or 0, lines=record.lines,
            refund_ids=tuple(refund.refund_id for refund in record.refunds),
        ))

    def cashback_rules(self) -> CashbackRules:
        """The rules behind the instant local estimate (services.estimate.cached_rules)."""
        return cached_rules(self._store())
