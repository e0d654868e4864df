"""One Store connection per calling thread: the bridge's request threads and the window's worker each
get their own (a sqlite3 connection may only be used by the thread that opened it)."""

from __future__ import annotations

import threading
from collections.abc import Callable

from pos_app.store.store import Store


class PerThreadStore:
    def __init__(self, factory: Callable[[], Store]) -> None:
        self._factory = factory
        self._local = threading.local()

    def get(self) -> Store:
        store = getattr(self._local, "store", None)
        if store is None:
            store = self._local.store = self._factory()
        return store

    def close(self) -> None:
        """Close the calling thread's connection, if it has one."""
        store = getattr(self._local, "store", None)
        if store is not None:
            store.close()
            self._local.store = None
