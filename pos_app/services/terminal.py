"""The services the till window calls (always through its Worker), made together for one running terminal."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from pos_app.config.settings import Settings
from pos_app.gameball.client import GameballClient, Timeouts
from pos_app.services.catalogue import Catalogue
from pos_app.services.customers import CustomerService
from pos_app.services.orders import OrdersQuery
from pos_app.services.returns import ReturnsService
from pos_app.services.till import TillService
from pos_app.store.store import Store
from pos_app.sync.engine import SyncEngine


@dataclass
class TillServices:
    settings: Settings
    engine: SyncEngine
    till: TillService
    customers: CustomerService
    orders: OrdersQuery
    catalogue: Catalogue
    returns: ReturnsService

    @classmethod
    def build(cls, data_dir: Path, settings: Settings, engine: SyncEngine, till: TillService,
              client_factory: Callable[[Timeouts], GameballClient | None], catalogue_path: Path) -> TillServices:
        def store_factory() -> Store:
            return Store.open_in(data_dir, terminal_id=settings.terminal_id)

        orders = OrdersQuery(store_factory, settings.phone_region)
        return cls(
            settings=settings,
            engine=engine,
            till=till,
            customers=CustomerService(store_factory, client_factory, engine, time.time),
            orders=orders,
            catalogue=Catalogue(catalogue_path),
            returns=ReturnsService(till, orders),
        )

    def close(self) -> None:
        """Close the calling thread's connections: run it on the worker as its last call."""
        self.customers.close()
        self.orders.close()
