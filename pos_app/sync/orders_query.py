"""Read-only questions the till window asks the local store: order history and the cached cashback rules.

Runs on the window's worker thread (one store connection per thread); no Qt, no network.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import date, datetime

from pos_app.domain.cashback import CashbackRules
from pos_app.domain.customer_id import normalise_phone
from pos_app.domain.timeutil import local_days_utc
from pos_app.store.per_thread import PerThreadStore
from pos_app.store.records import OrderRecord, OrderSummary, State
from pos_app.store.store import Store
from pos_app.sync.engine import CASHBACK_CONFIGURATION

log = logging.getLogger(__name__)


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
        texts = [text]
        phone = normalise_phone(text, self._region) if text else None
        if phone:
            texts.append(phone)
        since, until = local_days_utc(first, last, datetime.now().astimezone().tzinfo)
        return self._store().list_orders(texts, None if state is None else [state], since, until, limit)

    def detail(self, order_id: str) -> OrderRecord | None:
        return self._store().get_order(order_id)

    def cashback_rules(self) -> CashbackRules:
        """The rules behind the instant local estimate; defaults until the engine first reaches Gameball."""
        cached = self._store().get_cache(CASHBACK_CONFIGURATION)
        if cached is None or not isinstance(cached.value, dict):
            return CashbackRules()
        try:
            return CashbackRules.from_configuration(cached.value)
        except ValueError as error:
            log.warning("cached cashback configuration unusable, estimating with defaults: %s", error)
            return CashbackRules()
