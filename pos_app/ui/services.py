"""The services the till window calls (always through its Worker), built from a running Runtime."""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass

from pos_app.app import Runtime
from pos_app.config.settings import Settings
from pos_app.resources import resource_path
from pos_app.services.catalogue import CATALOGUE_FILE, Catalogue
from pos_app.services.customers import CustomerService
from pos_app.services.orders import OrdersQuery
from pos_app.services.till import TillService
from pos_app.store.store import Store
from pos_app.sync.engine import SyncEngine

log = logging.getLogger(__name__)


@dataclass
class TillServices:
    settings: Settings
    engine: SyncEngine
    till: TillService
    customers: CustomerService
    orders: OrdersQuery
    catalogue: Catalogue

    @classmethod
    def from_runtime(cls, runtime: Runtime, *, demo: bool = False) -> TillServices:
        settings = runtime.settings

        def store_factory() -> Store:
            return Store.open_in(runtime.data_dir, terminal_id=settings.terminal_id)

        client_factory = runtime.client_factory or (lambda timeouts: None)
        # The demo sells from the demo catalogue; a real till reads the one its manager put in the data dir.
        catalogue_path = resource_path("demo", CATALOGUE_FILE) if demo else runtime.data_dir / CATALOGUE_FILE
        return cls(
            settings=settings,
            engine=runtime.engine,
            till=runtime.service,
            customers=CustomerService(store_factory, client_factory, runtime.engine, time.time),
            orders=OrdersQuery(store_factory, settings.phone_region),
            catalogue=Catalogue(catalogue_path),
        )

    def close(self) -> None:
        """Close the calling thread's connections: run it on the worker as its last call."""
        self.customers.close()
        self.orders.close()
