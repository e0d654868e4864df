"""The sync engine: one worker thread that probes Gameball, drains the outbox and pulls history.

It is the only sender for its data directory (an OS file lock), it decides online/offline by
reaching Gameball rather than by the OS's network state, and it publishes every state change
through a callback (the UI turns it into a Qt signal; the bridge reads `status`).
"""

from __future__ import annotations

import logging
import sys
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from typing import Any

from pos_app.domain import wire
from pos_app.domain.storage import StorageState, StorageUnavailable
from pos_app.gameball.client import GameballClient
from pos_app.gameball.errors import GameballError, Outcome
from pos_app.store import health
from pos_app.sync.backoff import Backoff
from pos_app.sync.delivery import Deliverer, DeliveryOptions
from pos_app.sync.history import HistoryOptions, HistorySync
from pos_app.sync.link import Limiters, Link
from pos_app.sync.outcome import Step, StepResult
from pos_app.sync.status import EngineStatus, PauseReason

log = logging.getLogger(__name__)

CASHBACK_CONFIGURATION = "cashback_configuration"
# GET /configurations/cashback: each tier's rule, behind an estimate at the customer's tier rate.
CASHBACK_TIER_RULES = "cashback_tier_rules"
# Account-wide refusals (API.md section 8): every order would get the same answer until a manager acts.
ACCOUNT_STATES = {6000: "the loyalty programme is disabled", 6001: "cashback is disabled",
                  6002: "no default language is set"}
PROGRESS_INTERVAL_S = 0.5
# A tiny write that tells whether a full disk has room again.
STORAGE_PROBE = "storage_probe"


@dataclass
class EngineOptions:
    delivery: DeliveryOptions = field(default_factory=DeliveryOptions)
    history: HistoryOptions = field(default_factory=HistoryOptions)
    probe_backoff: Backoff = field(default_factory=lambda: Backoff(base=1.0, cap=60.0))
    pause_backoff: Backoff = field(default_factory=lambda: Backoff(base=5.0, cap=300.0))
    bad_keys_pause: float = 300.0
    account_pause: float = 300.0
    # While idle and online, look at Gameball this often: keeps "online" truthful and the rules fresh.
    idle_probe: float = 60.0
    # The tier cashback rules change with the programme, not by the minute: fetched at most this often.
    tier_rules_every: float = 3600.0
    time_scale: float = 1.0
    # How many terminals share the account's rate limits (the `fleet_terminals` setting): each paces at its share.
    fleet_terminals: int = 1
    # Archive delivered orders older than this (store/retention.py) at start and then daily; None: never.
    return_period_days: int | None = None
    retention_every: float = 86_400.0
    # A standby tries the sender lock this often, so it takes over within seconds of the sender's exit.
    standby_poll: float = 1.0
    # While the disk is full the sender waits this long between attempts.
    full_retry: float = 30.0
    # Deliver what the queue holds, then stop: no standby, no history pull (sync/left_queues.py, a previous user's
    # queue). Without the sender lock it stops at once: another process sends that queue.
    drain_only: bool = False


STORAGE_MESSAGES = {
    StorageState.DAMAGED: "database damaged: nothing more is accepted; restore it from a backup",
    StorageState.FULL: "database or disk full: nothing more is accepted until space is freed",
}


class SyncEngine:
    def __init__(
        self,
        store_factory: Callable[[], Any],
        client_factory: Callable[[], GameballClient | None],
        options: EngineOptions | None = None,
        *,
        sender_lock: Any = None,
        clock: Callable[[], float] = time.time,
        limiters: Limiters | None = None,
    ) -> None:
        self._store_factory = store_factory
        self._client_factory = client_factory
        self.options = options or EngineOptions()
        self._lock = sender_lock
        self._listeners: list[Callable[[EngineStatus], None]] = []
        self._clock = clock
        self._stopping = threading.Event()
        self._wake = threading.Event()
        self._thread: threading.Thread | None = None
        self._checker: threading.Thread | None = None
        self._checking: Any = None  # the check's store, so stop() can interrupt a long check
        self._status = EngineStatus()
        self._status_lock = threading.Lock()
        self._probe_attempt = 0
        self._pause_attempt = 0
        self._next_probe = 0.0
        self._last_contact = 0.0
        self._last_progress = 0.0
        self._reload_client = False
        self._next_retention = 0.0
        # A previous user's queue drains on this terminal's share of the limits, not on a second one.
        self._limiters = limiters or Limiters.for_scale(self.options.time_scale, self.options.fleet_terminals)
        # Switched off for the session when Gameball says the account has no batch API.
        self._batch_available = self.options.delivery.batch_enabled

    # --- control (any thread) ------------------------------------------------------------------

    @property
    def status(self) -> EngineStatus:
        with self._status_lock:
            return self._status

    def start(self) -> None:
        self._thread = threading.Thread(target=self._run, name="sync-engine", daemon=True)
        self._thread.start()
        # On its own thread: a large file takes a while to check, and neither the till nor sending waits.
        self._checker = threading.Thread(target=self._quick_check, name="storage-check", daemon=True)
        self._checker.start()

    def stop(self, timeout: float = 10.0) -> bool:
        """Stop and wait; False if the worker was still inside a request when `timeout` ran out (its item
        stays 'sending' and is recovered, as maybe-applied, at the next start)."""
        self._stopping.set()
        self._wake.set()
        checking = self._checking
        if checking is not None:
            checking.db.conn.interrupt()  # safe from any thread; the check ends with "interrupted"
        if self._checker:
            self._checker.join(timeout)
        if self._thread:
            self._thread.join(timeout)
            return not self._thread.is_alive()
        return True

    @property
    def running(self) -> bool:
        """Started and not ended (a drain_only engine ends by itself once its queue is empty)."""
        return self._thread is not None and self._thread.is_alive()

    @property
    def limiters(self) -> Limiters:
        """This terminal's share of the account's limits; the till's clients pace through it too."""
        return self._limiters

    def _new_client(self) -> GameballClient | None:
        client = self._client_factory()
        return self._limiters.attach(client, interactive=False) if client is not None else None

    def add_status_listener(self, listener: Callable[[EngineStatus], None]) -> None:
        """Call `listener` with every new status, on the engine's thread (the window emits a signal)."""
        self._listeners.append(listener)

    def remove_status_listener(self, listener: Callable[[EngineStatus], None]) -> None:
        if listener in self._listeners:
            self._listeners.remove(listener)

    def recheck(self) -> None:
        """Confirm the connection on the next cycle, not only when the idle probe is due: the till saw
        a call to Gameball fail, or the cashier pressed "Sync now". Without it an idle engine with an
        empty queue would go on saying online."""
        self._last_contact = 0.0
        self._next_probe = 0.0
        self._wake.set()

    def wake(self) -> None:
        """Look at the queue now: a new order, "Sync now", or fixed keys."""
        self._wake.set()

    def report_storage(self, state: StorageState) -> None:
        """What the store just said (any thread). DAMAGED stays until restart; FULL ends with a write that works."""
        with self._status_lock:
            current = self._status.storage
            if current is StorageState.DAMAGED or current is state:
                return
            new = replace(self._status, storage=state, message=STORAGE_MESSAGES.get(state, ""))
            self._status = new
        if state is StorageState.OK:
            log.warning("the database accepts writes again")
        else:
            log.error("%s", STORAGE_MESSAGES[state])
        for listener in list(self._listeners):
            listener(new)

    @contextmanager
    def storage_guard(self) -> Iterator[None]:
        """Around a write that acknowledges something: refused while the database is damaged, and SQLite's
        corrupt or full errors become StorageUnavailable (and the state every front end reads)."""
        if self.status.storage is StorageState.DAMAGED:
            raise StorageUnavailable(StorageState.DAMAGED, STORAGE_MESSAGES[StorageState.DAMAGED])
        try:
            yield
        except Exception as error:
            state = health.state_of(error)
            if state is None:
                raise
            self.report_storage(state)
            raise StorageUnavailable(state, STORAGE_MESSAGES[state]) from error
        if self.status.storage is StorageState.FULL:
            self.report_storage(StorageState.OK)

    def credentials_changed(self) -> None:
        self._reload_client = True
        self._wake.set()

    # --- worker thread -------------------------------------------------------------------------

    def _publish(self, **changes: Any) -> None:
        with self._status_lock:
            new = replace(self._status, **changes)
            changed = new != self._status
            self._status = new
        if changed:
            for listener in list(self._listeners):
                listener(new)

    def _refresh_counts(self, store: Any, client: GameballClient | None = None) -> None:
        changes: dict[str, Any] = {"pending": store.pending_count(), "failed": store.failed_count(),
                                   "needs_review": store.review_count(), "shortfalls": store.shortfall_count()}
        # During a long drain each answer from Gameball is contact: lastSyncAt moves with it, not only at the end.
        if client is not None and client.last_answer_at is not None and client.last_answer_at > self._last_contact:
            self._last_contact = client.last_answer_at
            changes["last_sync_at"] = self._last_contact
        self._publish(**changes)

    def _progress(self, store: Any, client: GameballClient) -> None:
        """During a drain: the counts and lastSyncAt at most twice a second (counting is not free on a big queue)."""
        now = time.monotonic()
        if now - self._last_progress >= PROGRESS_INTERVAL_S:
            self._last_progress = now
            self._refresh_counts(store, client)

    def _quick_check(self) -> None:
        """SQLite's quick_check once at start; a damaged file stops acceptance as soon as it is found."""
        try:
            store = self._store_factory()
        except Exception as error:
            state = health.state_of(error)
            if state is not None:
                self.report_storage(state)
            return  # anything else is the sender's to report
        self._checking = store
        try:
            problems = store.quick_check()
        except Exception:
            if not self._stopping.is_set():
                log.exception("quick_check could not run")
            problems = []
        finally:
            self._checking = None
            store.close()
        if problems:
            log.error("quick_check found the database damaged: %s", "; ".join(problems[:5]))
            self.report_storage(StorageState.DAMAGED)

    def _run(self) -> None:
        try:
            store = self._store_factory()
        except Exception as error:
            state = health.state_of(error)
            if state is None:
                raise
            self.report_storage(state)
            return
        try:
            self._loop(store)
        except Exception as error:
            state = health.state_of(error)
            if state is not None:
                # The file or the disk, not a bug: no crash report; the state stops acceptance everywhere.
                log.error("sync engine stopped: %s", error)
                self.report_storage(state)
                self._publish(online=False)
                return
            log.exception("sync engine stopped by an unexpected error")
            self._publish(online=False, message="sync engine stopped; see the log")
            raise
        finally:
            store.close()
            if self._lock is not None and self._lock.held:
                self._lock.release()  # a stopped engine lets another (or a restarted one) send

    def _recover_quietly(self, store: Any) -> None:
        """An item left 'sending' by a write that failed is queued again (as maybe-applied) once the disk allows."""
        try:
            store.recover_after_restart()
        except Exception as error:
            if health.state_of(error) is None:
                raise

    def _wait_as_standby(self, store: Any) -> bool:
        """Another process sends for this data directory: count what waits, and take the lock as soon as it
        is free (the sender exited or died). True once this engine is the sender; False when stopping."""
        assert self._lock is not None
        holder = self._lock.holder_pid()
        log.warning("another instance (pid %s) is sending for this data directory; standing by", holder)
        self._publish(sender=False, pause_reason=PauseReason.NOT_SENDER,
                      message=f"another pos-app (pid {holder}) is sending for this data directory")
        while not self._stopping.is_set():
            try:
                self._refresh_counts(store)
            except Exception as error:
                state = health.state_of(error)
                if state is None:
                    raise
                self.report_storage(state)
            if self._lock.acquire():
                log.warning("the sender for this data directory is gone; this instance sends from now on")
                self._publish(sender=True, pause_reason=PauseReason.NONE, message="")
                return True
            self._wake.wait(self.options.standby_poll)
            self._wake.clear()
        return False

    def _loop(self, store: Any) -> None:
        if self._lock is not None and not self._lock.acquire():
            if self.options.drain_only:
                log.warning("%s: another process (pid %s) sends this queue; left to it", self._lock.path.parent,
                            self._lock.holder_pid())
                self._publish(sender=False, pause_reason=PauseReason.NOT_SENDER)
                return
            if not self._wait_as_standby(store):
                return
        store.recover_after_restart()
        self._limiters.remember(store, self._clock())
        self._refresh_counts(store)
        client = self._new_client()
        while not self._stopping.is_set():
            if self._reload_client:
                self._reload_client = False
                if client is not None:
                    client.close()
                client = self._new_client()
                self._publish(paused_until=None, pause_reason=PauseReason.NONE)
                self._next_probe = 0.0
            if self.status.storage is StorageState.DAMAGED:
                if self.options.drain_only:
                    break  # a previous user's damaged file: left where it is, the next queue is not held up
                self._wake.wait(self.options.full_retry)  # nothing is sent from a damaged file until a restart
                self._wake.clear()
                continue
            try:
                self._retain(store)
                delay = self._cycle(store, client)
                self._refresh_counts(store)
                if self.options.drain_only and self.status.pending == 0:
                    break
                if self.status.storage is StorageState.FULL:
                    store.put_cache(STORAGE_PROBE, {"at": self._clock()}, self._clock())  # raises while still full
                    self.report_storage(StorageState.OK)
            except Exception as error:
                state = health.state_of(error)
                if state is not None:
                    # Not a bug: the disk or the file. Say so everywhere; a full disk is tried again later.
                    self.report_storage(state)
                    self._recover_quietly(store)
                    self._wake.wait(self.options.full_retry)
                    self._wake.clear()
                    continue
                # A bug must not stop the queue: report it like any uncaught error, then carry on after a
                # pause (items keep their state; one that was mid-send is recovered as maybe-applied).
                sys.excepthook(*sys.exc_info())
                self._publish(message="sync error; see the log")
                store.recover_after_restart()
                delay = self.options.pause_backoff.cap / 10
            if delay > 0:
                self._wake.wait(delay)
            self._wake.clear()
        if client is not None:
            client.close()

    def _cycle(self, store: Any, client: GameballClient | None) -> float:
        """One look at the world; returns how long to sleep unless woken."""
        now = self._clock()
        if client is None:
            self._publish(online=False, pause_reason=PauseReason.NOT_CONFIGURED, message="no Gameball API key")
            return 30.0
        status = self.status
        if status.paused_until and now < status.paused_until:
            return status.paused_until - now
        if status.paused_until:
            self._publish(paused_until=None, pause_reason=PauseReason.NONE, message="")
            self._next_probe = 0.0
        if not status.online or now - self._last_contact >= self.options.idle_probe:
            if now < self._next_probe:
                return self._next_probe - now
            if not self._probe(store, client):
                return max(0.0, self._next_probe - self._clock())
        link = Link(store, client, self._limiters, self._stopping, self._clock,
                    progress=lambda: self._progress(store, client))
        deliverer = Deliverer(link, self.options.delivery, on_progress=link.progress)
        deliverer.batch_available = self._batch_available
        result = deliverer.run()
        self._batch_available = deliverer.batch_available
        if result.step is Step.CONTINUE and not self.options.drain_only:
            history = HistorySync(link, self.options.history, batch_available=lambda: self._batch_available)
            result = history.run()
        if result.step is not Step.CONTINUE:
            return self._react(result)
        self._pause_attempt = 0
        if client.last_answer_at is not None and client.last_answer_at > self._last_contact:
            self._contact()
        next_due = store.next_due_time()
        wait = self.options.idle_probe
        if next_due is not None:
            wait = min(wait, max(0.0, next_due - self._clock()))
        return min(wait, self.options.history.refresh_after_s)

    def _retain(self, store: Any) -> None:
        """Archive what the return period no longer covers: on this worker thread, never the till's."""
        days = self.options.return_period_days
        if days is None or self._clock() < self._next_retention:
            return
        self._next_retention = self._clock() + self.options.retention_every
        store.archive_old_orders(days)

    def _contact(self) -> None:
        self._last_contact = self._clock()
        self._probe_attempt = 0
        self._publish(online=True, last_sync_at=self._last_contact, message="")

    def _probe(self, store: Any, client: GameballClient) -> bool:
        """A cheap call that also refreshes the cached cashback rules for the local estimate."""
        self._limiters.others.acquire(sleep=self._stopping.wait)
        try:
            configuration = client.cashback_configuration()
        except GameballError as error:
            if error.outcome is Outcome.PAUSE and not error.is_network:
                self._react(StepResult(Step.PAUSE, error))
                return False
            self._probe_attempt += 1
            self._next_probe = self._clock() + self.options.probe_backoff.delay(self._probe_attempt)
            log.info("Gameball not reachable (%s); next probe in %.1f s", error, self._next_probe - self._clock())
            self._publish(online=False, message="Gameball not reachable")
            return False
        store.put_cache(CASHBACK_CONFIGURATION, wire.plain(configuration.raw), self._clock())
        # Before "online": the till reloads its rules when it comes online, and should find both.
        self._refresh_tier_rules(store, client)
        self._contact()
        return True

    def _refresh_tier_rules(self, store: Any, client: GameballClient) -> None:
        """The tier cashback rules, when the cached ones are older than `tier_rules_every`. A refusal or a network
        error changes nothing but the estimate's precision (it stays at the base rate), so it is only logged."""
        cached = store.get_cache(CASHBACK_TIER_RULES)
        if cached is not None and self._clock() - cached.fetched_at < self.options.tier_rules_every:
            return
        self._limiters.others.acquire(sleep=self._stopping.wait)
        try:
            rules = client.cashback_tier_rules()
        except GameballError as error:
            log.info("tier cashback rules not fetched (%s); the estimate stays at the base rate", error)
            return
        store.put_cache(CASHBACK_TIER_RULES, wire.plain(rules.raw), self._clock())

    def _react(self, result: StepResult) -> float:
        error = result.error
        now = self._clock()
        if result.step is Step.OFFLINE:
            self._probe_attempt += 1
            self._next_probe = now + self.options.probe_backoff.delay(self._probe_attempt)
            self._publish(online=False, message="Gameball not reachable")
            return self._next_probe - now
        self._pause_attempt += 1
        if error is not None and error.code in (1000, 1001, 1002) or (error and error.status in (401, 403)):
            reason, delay = PauseReason.BAD_KEYS, self.options.bad_keys_pause
            message = "Gameball refused the API keys; a manager must check them"
        elif error is not None and error.code in ACCOUNT_STATES:
            # The next due item, sent when the pause ends, is the probe: the queue resumes once it is accepted.
            reason, delay = PauseReason.ACCOUNT, self.options.account_pause
            message = f"Gameball account: {ACCOUNT_STATES[error.code]}; a manager must fix it in Gameball"
        else:
            reason = PauseReason.RATE_LIMITED if error and error.status == 429 else PauseReason.UNAVAILABLE
            delay = self.options.pause_backoff.delay(self._pause_attempt)
            if error is not None and error.retry_after is not None:
                delay = error.retry_after
            message = "Gameball asked to slow down" if reason is PauseReason.RATE_LIMITED else "Gameball unavailable"
        log.warning("queue paused for %.1f s: %s", delay, message)
        self._publish(paused_until=now + delay, pause_reason=reason, message=message,
                      online=reason is not PauseReason.UNAVAILABLE)
        return delay
