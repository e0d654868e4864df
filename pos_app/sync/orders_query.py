"""Read-only questions the till window asks the local store: order history and the cached cashback rules.

Runs on the window's worker thread (one store connection per thread); no Qt, no network.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from pos_app.domain.cashback import CashbackRules
from pos_app.domain.customer_id import normalise_phone
from pos_app.domain.timeutil import to_iso_z
from pos_app.store.records import OrderRecord, OrderSummary, State
from pos_app.store.store import Store
from pos_app.sync.engine import CASHBACK_CONFIGURATION

log = logging.getLogger(__name__)


def day_bounds(first: date | None, last: date | None, zone: ZoneInfo | None = None) -> tuple[str | None, str | None]:
    """UTC ISO bounds [since, until) covering whole local days from `first` to `last` inclusive.

    The cashier picks days on the till's calendar; orders are stored with UTC times.
    """
    tz = zone or datetime.now().astimezone().tzinfo

    def start(day: date) -> str:
        return to_iso_z(datetime.combine(day, time.min, tzinfo=tz))

    return (start(first) if first else None, start(last + timedelta(days=1)) if last else None)


class OrdersQuery:
    def __init__(self, store_factory: Callable[[], Store], phone_region: str) -> None:
        self._store_factory = store_factory
        self._region = phone_region
        self._local = threading.local()

    def _store(self) -> Store:
        store = getattr(self._local, "store", None)
        if store is None:
            store = self._local.store = self._store_factory()
        return store

    def close(self) -> None:
        store = getattr(self._local, "store", None)
        if store is not None:
            store.close()
            self._local.store = None

    def search(self, text: str = "", state: State | None = None, first: date | None = None,
               last: date | None = None, limit: int = 200) -> list[OrderSummary]:
        """Orders matching an orderId or customer (a phone is matched in its E.164 form too)."""
        texts = [text]
        phone = normalise_phone(text, self._region) if text else None
        if phone:
            texts.append(phone)
        since, until = day_bounds(first, last)
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
