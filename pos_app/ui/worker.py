"""The window's one worker thread: every service call (SQLite or network) runs here, in order.

The pattern is Electrum's TaskThread and Anki's QueryOp: the GUI thread submits a callable with a
success and a failure callback; the worker runs it and sends the outcome back through a queued signal,
so the callbacks run on the GUI thread and the GUI thread never waits. One thread, not a pool: the
services keep one store connection per thread, and calls that touch the same sale stay in order.

`stale` lets a caller drop work nobody wants any more (a preview of a basket that has changed since):
it is checked before the call runs and again before its answer is delivered.
"""

from __future__ import annotations

import logging
import queue
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QObject, Qt, QThread, Signal

log = logging.getLogger(__name__)

Success = Callable[[Any], None]
Failure = Callable[[Exception], None]


@dataclass
class _Task:
    name: str
    call: Callable[[], Any]
    on_success: Success | None
    on_failure: Failure | None
    stale: Callable[[], bool] | None


@dataclass
class _Outcome:
    task: _Task
    result: Any = None
    error: Exception | None = None
    skipped: bool = False


class Worker(QThread):
    """Runs submitted calls one at a time on its own thread; answers arrive on the GUI thread."""

    _done = Signal(object)
    # A call without its own failure callback failed: (task name, error).
    failed = Signal(str, object)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("till-worker")
        self._tasks: queue.SimpleQueue[_Task | None] = queue.SimpleQueue()
        self._pending = 0
        self._stopped = False
        self.dropped = 0  # answers dropped as stale, for tests and the log
        # This object lives on the GUI thread; run() emits from the worker thread, so this is queued.
        self._done.connect(self._deliver, Qt.ConnectionType.QueuedConnection)

    @property
    def pending(self) -> int:
        """Calls submitted and not yet answered."""
        return self._pending

    def submit(self, name: str, call: Callable[[], Any], on_success: Success | None = None,
               on_failure: Failure | None = None, *, stale: Callable[[], bool] | None = None) -> None:
        """Queue `call`; exactly one of the callbacks runs later on the GUI thread (none if stale)."""
        if self._stopped:
            # The window is closing (a timer or a late signal asked): starting the thread again would leave it
            # running when Qt deletes this object, which aborts the process.
            log.debug("%s: worker stopped, not run", name)
            return
        if not self.isRunning():
            self.start()
        self._pending += 1
        self._tasks.put(_Task(name, call, on_success, on_failure, stale))

    def run(self) -> None:
        while True:
            task = self._tasks.get()
            if task is None:
                return
            if task.stale is not None and task.stale():
                self._done.emit(_Outcome(task, skipped=True))
                continue
            try:
                outcome = _Outcome(task, result=task.call())
            except Exception as error:  # every failure goes back to the GUI thread, none kills the thread
                outcome = _Outcome(task, error=error)
            self._done.emit(outcome)

    def _deliver(self, outcome: _Outcome) -> None:
        if self._stopped:
            return  # the window is closing: its widgets may be gone
        self._pending -= 1
        task = outcome.task
        if outcome.skipped or (task.stale is not None and task.stale()):
            self.dropped += 1
            log.debug("%s: stale, dropped", task.name)
            return
        if outcome.error is not None:
            if task.on_failure is not None:
                task.on_failure(outcome.error)
            else:
                log.error("%s failed", task.name, exc_info=outcome.error)
                self.failed.emit(task.name, outcome.error)
        elif task.on_success is not None:
            task.on_success(outcome.result)

    def stop(self, final: Callable[[], Any] | None = None, timeout_ms: int = 10_000) -> None:
        """Run `final` (closing the worker thread's connections) after everything queued, then end.

        Answers still on their way are not delivered: the window is closing.
        """
        self._stopped = True
        if final is not None:
            self._tasks.put(_Task("close", final, None, None, None))
        self._tasks.put(None)
        if self.isRunning() and not self.wait(timeout_ms):
            log.warning("the worker did not finish within %d ms", timeout_ms)
