"""A previous user's queue, drained from where it is (issue 16.3).

A per-machine install keeps one machine-wide data directory; a per-user directory that still held orders when the
machine-wide one was already in use is never merged into it (pos_app.config.paths.adopt_user_data). Each such
queue is sent from its own directory by an engine in drain-only mode: its own sender lock and the same outbox
logic, started once this terminal is the sender and its own queue is empty, one directory at a time, ended when
that queue is empty. A directory whose sender lock another process holds is left to that process: a queue is
never sent by two.
"""

from __future__ import annotations

import logging
import sqlite3
import threading
from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path

from pos_app.gameball.client import GameballClient
from pos_app.store.db import DB_FILENAME
from pos_app.store.errors import StoreError
from pos_app.store.lock import SenderLock
from pos_app.store.store import Store
from pos_app.sync.engine import SyncEngine
from pos_app.sync.status import EngineStatus

log = logging.getLogger(__name__)

ACTOR = "sync"
# How often the terminal's own engine is looked at before a previous user's queue starts.
WAIT_POLL_S = 1.0


class LeftQueues:
    """Started with the terminal; `waiting()` is what the manager sees, `stop()` ends the current drain."""

    def __init__(self, directories: Sequence[Path], main: SyncEngine, main_store: Callable[[], Store],
                 client_factory: Callable[[], GameballClient | None], terminal_id: str | None) -> None:
        self.directories = [Path(d) for d in directories]
        self._main = main
        self._main_store = main_store
        self._client_factory = client_factory
        self._terminal_id = terminal_id
        self._waiting: dict[Path, int] = {}
        self._counts_lock = threading.Lock()
        self._stopping = threading.Event()
        self._current: SyncEngine | None = None
        self._thread: threading.Thread | None = None

    def waiting(self) -> int:
        """Orders and refunds of previous users' queues not yet delivered (those this process will send)."""
        with self._counts_lock:
            return sum(self._waiting.values())

    def start(self) -> None:
        if not self.directories:
            return
        self._thread = threading.Thread(target=self._run, name="left-queues", daemon=True)
        self._thread.start()

    def stop(self, timeout: float = 10.0) -> bool:
        """False if a drain was still inside a request (its item is recovered at that directory's next start)."""
        self._stopping.set()
        current = self._current
        stopped = current.stop(timeout) if current is not None else True
        if self._thread is not None:
            self._thread.join(timeout)
        return stopped

    def _run(self) -> None:
        found = [d for d in self.directories if self._count(d)]
        while found and not self._stopping.is_set() and not self._main_is_done():
            self._stopping.wait(WAIT_POLL_S)
        for directory in found:
            if self._stopping.is_set():
                return
            self._drain(directory)

    def _main_is_done(self) -> bool:
        status = self._main.status
        return status.sender and status.online and status.pending == 0

    def _count(self, directory: Path) -> bool:
        """Whether the directory holds orders to send; says so in the log and the audit."""
        if not (directory / DB_FILENAME).is_file():
            return False
        counts = _counts(directory)
        if counts is None or counts[0] == 0:
            return False
        pending, failed = counts
        log.warning("orders from a previous user's queue: %d waiting in %s (%d failed); sent from there once this "
                    "terminal's own queue is empty", pending, directory, failed)
        self._audit("left_queue.found", {"directory": str(directory), "waiting": pending, "failed": failed})
        with self._counts_lock:
            self._waiting[directory] = pending
        return True

    def _drain(self, directory: Path) -> None:
        options = replace(self._main.options, drain_only=True, return_period_days=None)
        engine = SyncEngine(lambda: Store.open_in(directory, terminal_id=self._terminal_id), self._client_factory,
                            options, sender_lock=SenderLock(directory), limiters=self._main.limiters)

        def counted(status: EngineStatus) -> None:
            if status.sender:
                with self._counts_lock:
                    self._waiting[directory] = status.pending

        engine.add_status_listener(counted)
        self._current = engine
        engine.start()
        while engine.running and not self._stopping.is_set():
            self._stopping.wait(WAIT_POLL_S / 4)
        if self._stopping.is_set():
            return  # stop() stops the engine; what is left is found again at the next start
        self._current = None
        if not engine.status.sender:
            with self._counts_lock:
                self._waiting.pop(directory, None)  # that process sends it and shows it
            self._audit("left_queue.elsewhere", {"directory": str(directory)})
            return
        counts = _counts(directory)  # read again: an engine stopped by its storage ends without an empty queue
        if counts is None or counts[0]:
            log.error("a previous user's queue in %s stopped with orders waiting; tried again at the next start",
                      directory)
            return
        with self._counts_lock:
            self._waiting[directory] = 0
        log.warning("a previous user's queue in %s is delivered (%d failed stay there)", directory, counts[1])
        self._audit("left_queue.drained", {"directory": str(directory), "failed": counts[1]})

    def _audit(self, action: str, detail: dict[str, object]) -> None:
        try:
            with self._main_store() as store:
                store.audit(ACTOR, action, detail)
        except StoreError as error:
            log.warning("not in the audit log (%s): %s %s", error, action, detail)


def _counts(directory: Path) -> tuple[int, int] | None:
    """(pending, failed) of the queue in a directory; None (logged) if it cannot be read."""
    try:
        with Store.open_in(directory) as store:
            return store.pending_count(), store.failed_count()
    except (StoreError, sqlite3.Error) as error:  # sqlite3: a damaged page read by the count
        log.warning("a previous user's queue in %s cannot be read: %s", directory, error)
        return None
