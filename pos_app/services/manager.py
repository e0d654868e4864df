"""The manager's side of the terminal: one service for the first-run wizard, the till window's manager mode
and the command line (`pos-app config|report|outbox`), no Qt.

In the window every method runs on the worker thread: SQLite, the credential store, scrypt and the network all
take time the till does not have. Every action is written to the audit log the same way whichever front end
asked (when, which terminal, which front end as the actor, what), never with a secret in it; keys pass through
here on their way to the credential store and nowhere else.
"""

from __future__ import annotations

import logging
import os
import sqlite3
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pos_app.config import secrets
from pos_app.config.fleet import export_toml, parse_toml
from pos_app.config.logs import redactor
from pos_app.config.pin import ManagerGuard, PinCheck, PinError, hash_pin, validate_pin
from pos_app.config.settings import Settings
from pos_app.domain.reasons import manager_reason
from pos_app.domain.storage import StorageState
from pos_app.domain.summary import DaySummary
from pos_app.domain.timeutil import local_days_utc
from pos_app.gameball.errors import GameballError
from pos_app.services.abuse import AbuseNotice, day_notices
from pos_app.store.csvfile import write_day_csv

# What the front ends may catch or show of the queue, re-exported so they never import the store.
from pos_app.store.errors import InvalidTransition as InvalidTransition
from pos_app.store.errors import StoreError as StoreError
from pos_app.store.errors import UnknownItem as UnknownItem
from pos_app.store.health import state_of
from pos_app.store.per_thread import PerThreadStore
from pos_app.store.records import AuditEntry as AuditEntry
from pos_app.store.records import FailedItem, OutboxItem
from pos_app.store.records import ReviewItem as ReviewItem
from pos_app.store.records import Shortfall as Shortfall
from pos_app.store.retention import ArchiveFile, ArchivePlan, ArchiveResult
from pos_app.store.store import Store

if TYPE_CHECKING:
    from pos_app.gameball.client import Timeouts

log = logging.getLogger(__name__)

# What a front end may not do to the queue (an unknown item, one not in the failed list): said to the manager.
QueueRefused = (UnknownItem, InvalidTransition)
# A customer nobody has: asking for its balance needs the secret key, and "not found" means both keys passed.
PROBE_CUSTOMER = "pos-app-connection-test"
TEST_TIMEOUTS = (5.0, 10.0, 15.0)  # connect, read, total (seconds)
# The demo's manager PIN, shown in its PIN dialog: training needs no secret, and the demo never writes
# the real terminal's credential store.
DEMO_PIN = "1234"
_KEY_CODES = frozenset({1000, 1001, 1002})


class FrontEnd(StrEnum):
    """Who asked: the audit log's actor."""

    UI = "ui"
    CLI = "cli"
    BRIDGE = "bridge"


def load_settings(data_dir: Path, overrides: Mapping[str, object] | None = None) -> Settings:
    """Stored settings with command-line overrides on top (overrides are not saved)."""
    with Store.open_in(data_dir) as store:
        stored = {k: v for k, v in store.all_settings().items() if k in Settings.__dataclass_fields__}
    settings = Settings.from_mapping(stored)
    return Settings.from_mapping(dict(overrides or {}), base=settings)


class DemoRefused(RuntimeError):
    """Keys, PIN and settings belong to a real terminal; the demo runs on fixed ones."""


class Problem(StrEnum):
    NONE = ""
    NO_KEYS = "no_keys"  # nothing entered and nothing stored
    API_KEY = "api_key"
    SECRET_KEY = "secret_key"
    UNREACHABLE = "unreachable"
    ADDRESS = "address"  # the Gameball address itself is not acceptable
    ERROR = "error"  # Gameball answered with something else (busy, down): try again later


@dataclass(frozen=True)
class ConnectionCheck:
    problem: Problem
    status: int | None = None
    code: int | None = None
    message: str = ""
    request_id: str | None = None

    @property
    def ok(self) -> bool:
        return self.problem is Problem.NONE


def _refusal(error: GameballError, key: Problem) -> ConnectionCheck:
    if error.code in _KEY_CODES or error.status in (401, 403):
        return ConnectionCheck(key, error.status, error.code, error.message, error.request_id)
    if error.is_network:
        return ConnectionCheck(Problem.UNREACHABLE, message=error.message)
    return ConnectionCheck(Problem.ERROR, error.status, error.code, error.message, error.request_id)


def check_connection(api_base: str, api_key: str, secret_key: str | None, *, timeouts: Timeouts | None = None,
                     transport: Any = None) -> ConnectionCheck:
    """Which key Gameball refuses, if any: the cashback configuration needs only the API key, a customer's
    balance needs the secret key too, so asking both in that order tells them apart."""
    # Imported here: the command line's reports and lists never load the HTTP client.
    from pos_app.gameball.client import GameballClient, Timeouts

    timeouts = timeouts or Timeouts(*TEST_TIMEOUTS)
    redactor.add([api_key, secret_key])  # typed keys may be wrong, but they are still keys
    try:
        client = GameballClient(api_base, api_key, secret_key, timeouts=timeouts, transport=transport)
    except ValueError as error:
        return ConnectionCheck(Problem.ADDRESS, message=str(error).removeprefix("api_base: "))
    with client:
        try:
            client.cashback_configuration()
        except GameballError as error:
            return _refusal(error, Problem.API_KEY)
        try:
            client.get_balance(PROBE_CUSTOMER)
        except GameballError as error:
            check = _refusal(error, Problem.SECRET_KEY)
            # Refused for another reason (an unknown customer, as expected) after both keys were accepted.
            if check.problem is Problem.ERROR and error.status is not None and 400 <= error.status < 500 \
                    and error.status != 429:
                return ConnectionCheck(Problem.NONE)
            return check
    return ConnectionCheck(Problem.NONE)


@dataclass(frozen=True)
class KeyStore:
    """The credential store in use, for the wizard and the settings to name."""

    name: str
    secure: bool


def key_store() -> KeyStore:
    return KeyStore(secrets.backend_name(), secrets.is_secure())


@dataclass(frozen=True)
class OutboxExport:
    rows: int
    damaged: bool  # the database is damaged: rows were salvaged one by one
    lost: int  # outbox ids that could not be read (not in the file)


@dataclass(frozen=True)
class HistoryExport:
    orders: int
    archives: tuple[ArchiveFile, ...]  # files holding orders of the range that are not in the export


@dataclass(frozen=True)
class Saved:
    settings: Settings
    changed: tuple[str, ...]  # settings whose value changed: the terminal must start again to use them
    keys: bool
    pin: bool


def day_bounds(first: date, last: date) -> tuple[str, str]:
    """Whole local days on this terminal's clock as the UTC bounds orders are kept with."""
    start, end = local_days_utc(first, last)
    assert start is not None and end is not None  # both days are given
    return start, end


class ManagerService:
    def __init__(
        self,
        data_dir: Path,
        settings: Settings,
        *,
        demo: bool = False,
        engine: Any = None,
        bridge: Any = None,
        use_credentials: Callable[[secrets.Credentials | None], None] | None = None,
        demo_bridge_token: str | None = None,
        clock: Callable[[], float] = time.time,
        front_end: FrontEnd = FrontEnd.UI,
        left_queues: Any = None,
    ) -> None:
        self.actor = front_end.value
        self.data_dir = data_dir
        self.settings = settings
        self.demo = demo
        self._engine = engine
        self._bridge = bridge
        self._use_credentials = use_credentials
        self._demo_token = demo_bridge_token
        self._clock = clock
        self._left_queues = left_queues
        self._demo_hash: str | None = None  # made on first use, on the worker: scrypt takes a while
        self._stores = PerThreadStore(self._open_store)

    @classmethod
    def from_runtime(cls, runtime: Any, *, demo_bridge_token: str | None = None) -> ManagerService:
        """For a running terminal; `demo_bridge_token` (the demo's fixed token) makes it the demo's."""
        return cls(runtime.data_dir, runtime.settings, demo=demo_bridge_token is not None, engine=runtime.engine,
                   bridge=runtime.bridge, use_credentials=runtime.use_credentials,
                   demo_bridge_token=demo_bridge_token, left_queues=runtime.left_queues)

    @classmethod
    def offline(cls, data_dir: Path, front_end: FrontEnd) -> ManagerService:
        """On the stored settings with no terminal running here (the command line, safe while the app runs)."""
        return cls(data_dir, load_settings(data_dir), front_end=front_end)

    def _open_store(self) -> Store:
        return Store.open_in(self.data_dir, terminal_id=self.settings.terminal_id)

    def _store(self) -> Store:
        return self._stores.get()

    def close(self) -> None:
        """Close the calling thread's connection: the worker's last call."""
        self._stores.close()

    def _guard(self) -> ManagerGuard:
        if not self.demo:
            return ManagerGuard(self._store(), self._clock)
        if self._demo_hash is None:
            self._demo_hash = hash_pin(DEMO_PIN)
        demo_hash = self._demo_hash
        return ManagerGuard(self._store(), self._clock, stored_hash=lambda: demo_hash)

    def _refuse_in_demo(self) -> None:
        if self.demo:
            raise DemoRefused("the demo runs on the built-in sandbox with fixed keys and PIN")

    # --- the PIN -------------------------------------------------------------------------------

    def pin_is_set(self) -> bool:
        return self._guard().is_set()

    def locked_for(self) -> float:
        return self._guard().locked_for()

    def check_pin(self, pin: str) -> PinCheck:
        return self._guard().check(pin, self.actor)

    def set_first_pin(self, pin: str) -> None:
        """A terminal set up from a file and stdin has no PIN yet: the first manager at the till sets it."""
        self._refuse_in_demo()
        guard = self._guard()
        if guard.is_set():
            raise PinError("pin", "a PIN is already set")
        guard.set_pin(validate_pin(pin), self.actor)

    # --- setup and settings --------------------------------------------------------------------

    def key_store(self) -> KeyStore:
        return key_store()

    def validate(self, values: Mapping[str, Any]) -> Settings:
        """The settings `values` would give, or SettingsError: `pos-app config set` runs the same check."""
        return Settings.from_mapping(values, base=self.settings)

    def test_connection(self, api_base: str, api_key: str | None = None,
                        secret_key: str | None = None) -> ConnectionCheck:
        """With the keys typed, else the stored ones (a manager checks them without typing them again)."""
        if not api_key:
            stored = secrets.load_credentials()
            api_key, secret_key = (stored.api_key, stored.secret_key) if stored else (None, None)
        if not api_key:
            return ConnectionCheck(Problem.NO_KEYS)
        result = check_connection(api_base, api_key.strip(), (secret_key or "").strip() or None)
        self._store().audit(self.actor, "connection.test", {"problem": result.problem.value or "none"})
        return result

    def complete_setup(self, values: Mapping[str, Any], api_key: str, secret_key: str, pin: str) -> Settings:
        """The wizard's Finish: everything is checked before anything is stored; keys and the PIN's hash go
        to the credential store (refused without a secure one), settings to SQLite."""
        self._refuse_in_demo()
        settings = self.validate(values)
        settings.require_terminal_id()
        secrets.validate_key("api_key", api_key)
        secrets.validate_key("secret_key", secret_key)
        validate_pin(pin)
        if not secrets.is_secure():
            raise secrets.NoSecureKeyring(f"no secure credential store on this machine ({secrets.backend_name()})")
        secrets.store_credentials(api_key, secret_key)
        self.settings = settings
        self._stores.close()  # the audit must name the terminal just set up
        store = self._store()
        with store.write():
            for key in values:
                store.set_setting(key, getattr(settings, key))
        self._guard().set_pin(pin, self.actor)
        secrets.bridge_token(create=True)  # the host POS needs one from the first start
        store.audit(self.actor, "setup.complete", {"settings": sorted(values), "keyStore": secrets.backend_name()})
        log.info("first-run setup complete for terminal %s", settings.terminal_id)
        return settings

    def changes(self, values: Mapping[str, Any], replace_keys: bool = False, pin: str = "") -> tuple[str, ...]:
        """What saving `values` (and typed keys or PIN) would change: a change needs a reason typed."""
        settings = self.validate(values)
        changed = [k for k in values if getattr(settings, k) != getattr(self.settings, k)]
        return tuple(sorted(changed)) + (("keys",) if replace_keys else ()) + (("pin",) if pin else ())

    def save_settings(self, values: Mapping[str, Any], api_key: str = "", secret_key: str = "",
                      pin: str = "", reason: str = "") -> Saved:
        """The manager's settings: blank keys and PIN keep the stored ones; both keys or neither. Any change
        needs the reason the manager typed (ValidationError naming `reason`), checked before anything is stored."""
        self._refuse_in_demo()
        settings = self.validate(values)
        replace_keys = bool(api_key or secret_key)
        if replace_keys:
            secrets.validate_key("api_key", api_key)
            secrets.validate_key("secret_key", secret_key)
        if pin:
            validate_pin(pin)
        changed = tuple(sorted(k for k in values if getattr(settings, k) != getattr(self.settings, k)))
        if changed or replace_keys or pin:
            reason = manager_reason(reason)
        if replace_keys:
            self.set_keys(api_key, secret_key, reason)
        if pin:
            self._guard().set_pin(pin, self.actor)
        if changed or pin:
            # The PIN's own audit row (pin.set) is the guard's; this one carries the reason with it.
            self._write_settings(settings, changed, "settings.set",
                                 {"keys": list(changed) + (["pin"] if pin else []), "reason": reason})
        return Saved(settings, changed, replace_keys, bool(pin))

    def set_settings(self, values: Mapping[str, Any], reason: str) -> Settings:
        """Some settings by name (`pos-app config set`): all valid or none written, in one transaction with
        their audit row and the reason typed."""
        reason = manager_reason(reason)
        settings = self.validate(values)
        keys = sorted(values)
        self._write_settings(settings, keys, "settings.set", {"keys": keys, "reason": reason})
        return settings

    def import_settings(self, text: str, name: str, terminal: str = "", *, reason: str) -> Settings:
        """A fleet TOML file's settings (`name`: the file's, for the audit), validated, all or none; `terminal`
        picks this till's entry of a file that lists several (config.fleet.parse_toml). Audited with the reason."""
        reason = manager_reason(reason)
        settings = parse_toml(text, base=self.settings, terminal=terminal)
        self._write_settings(settings, list(settings.to_mapping()), "settings.import", {"file": name, "reason": reason})
        return settings

    def export_settings(self) -> str:
        """The settings as a fleet TOML file (no keys)."""
        return export_toml(self.settings)

    def _write_settings(self, settings: Settings, keys: Sequence[str], action: str, detail: Mapping[str, Any]) -> None:
        self._refuse_in_demo()
        store = self._store()
        with store.write():
            for key in keys:
                store.set_setting(key, getattr(settings, key))
            store.audit(self.actor, action, dict(detail))
        self.settings = settings

    def keys_state(self) -> str:
        """Whether keys are set ("stored", "not set", "from <variable>"), saying so when the store cannot be read."""
        return secrets.keys_state()

    def set_keys(self, api_key: str, secret_key: str, reason: str) -> None:
        """Both keys to the credential store (ValueError naming the key or the reason, NoSecureKeyring without a
        secure one)."""
        self._refuse_in_demo()
        reason = manager_reason(reason)
        secrets.store_credentials(api_key, secret_key)
        # And the bridge token if there is none: on a per-machine install only an administrator can create it, and
        # this (`config set-keys` elevated) is what the till and the engine at boot tell one to run.
        secrets.bridge_token(create=True)
        self._store().audit(self.actor, "keys.set", {"keyStore": secrets.backend_name(), "reason": reason})
        if self._use_credentials is not None:
            self._use_credentials(secrets.load_credentials())

    # --- the queue and failed orders --------------------------------------------------------------

    def outbox_items(self, states: Sequence[str]) -> Iterator[OutboxItem]:
        """The queue's items in these states, read a page at a time (a year of orders stays out of memory)."""
        return self._store().iter_items(states)

    def check_database(self) -> list[str]:
        """SQLite's integrity check and the queue's own consistency: empty when the database is healthy."""
        store = self._store()
        return store.integrity_check() + store.check_queue()

    def archive_plan(self) -> ArchivePlan:
        """What retention would archive now under the return period setting; nothing is written but the audit."""
        store = self._store()
        plan = store.archive_plan(self.settings.return_period_days, now=self._clock())
        store.audit(self.actor, "orders.archive.dry_run", {"orders": plan.orders, "kept": plan.kept,
                                                           "cutoff": plan.cutoff})
        return plan

    def archive_old_orders(self) -> ArchiveResult:
        """Retention now, as the engine runs it daily: each transaction audited as this front end's."""
        return self._store().archive_old_orders(self.settings.return_period_days, now=self._clock(),
                                                actor=self.actor)

    def archive_directory(self) -> Path:
        return self._store().archive_directory()

    def archives_between(self, first: date, last: date) -> list[ArchiveFile]:
        """Archive files holding orders sold on these local days (a report over them lacks those orders)."""
        return self._store().archives_between(*day_bounds(first, last))

    def queue_counts(self) -> tuple[int, int]:
        """(pending, failed)"""
        store = self._store()
        return store.pending_count(), store.failed_count()

    def review_count(self) -> int:
        return self._store().review_count()

    def previous_users_waiting(self) -> int:
        """Orders of previous users' queues this terminal still has to send from where they are (sync.left_queues)."""
        return self._left_queues.waiting() if self._left_queues is not None else 0

    def export_outbox(self, path: str | os.PathLike[str]) -> OutboxExport:
        store = self._store()
        try:
            return OutboxExport(store.export_outbox_csv(path, separator=self.settings.csv_separator), False, 0)
        except sqlite3.DatabaseError as error:
            if state_of(error) is not StorageState.DAMAGED:
                raise
            rows, lost = store.salvage_outbox_csv(path)  # with the default separator: settings may be lost
            return OutboxExport(rows, True, lost)

    def failed_items(self) -> list[FailedItem]:
        return self._store().failed_list()

    def retry(self, item_id: int, reason: str) -> None:
        """Back into the normal outbox (same frozen body), audited with the reason typed; the sender looks at it
        now."""
        self._store().requeue_failed(item_id, reason, self.actor)
        if self._engine is not None:
            self._engine.wake()

    def discard(self, item_id: int, reason: str) -> None:
        self._store().discard_failed(item_id, reason.strip(), self.actor)

    # --- orders needing review, and sales whose points could not be taken ---------------------------------

    def review_items(self) -> list[ReviewItem]:
        """Items Gameball holds something under whose id it cannot show is this sale, with what it holds."""
        return self._store().review_list()

    def resolve_review(self, item_id: int, this_sale: bool, reason: str) -> None:
        """The manager checked in Gameball: this sale (delivered) or another sale (failed), audited with the
        reason. Refunds waiting on the order follow: due now, or failed with it."""
        self._store().resolve_review(item_id, this_sale, reason, self.actor)
        if self._engine is not None:
            self._engine.wake()

    def shortfalls(self, day: date | None = None) -> list[Shortfall]:
        """Sales whose discount was given but whose points Gameball would not take; only those sold on `day`."""
        bounds = (None, None) if day is None else day_bounds(day, day)
        return self._store().shortfalls(*bounds)

    # --- reports and exports -------------------------------------------------------------------

    def day_summary(self, day: date) -> DaySummary:
        start, end = day_bounds(day, day)
        store = self._store()
        # The summary's line counts the points not taken; a coupon not redeemed is on the shortfall list.
        points_not_taken = [short for short in store.shortfalls(start, end) if short.kind == "points"]
        summary = replace(DaySummary.from_orders(store.orders_between(start, end), self.settings.currency,
                                                 points_not_taken),
                          archived_in=tuple(a.path.name for a in store.archives_between(start, end)))
        store.audit(self.actor, "report.day", {"date": day.isoformat()})
        return summary

    def abuse_notices(self, day: date) -> list[AbuseNotice]:
        """The day's abuse notices on this terminal (issue 15), for the end-of-day summary."""
        start, end = day_bounds(day, day)
        return day_notices(self._store(), start, end, self.settings.frequent_customer_limit)

    def save_day_csv(self, path: str | os.PathLike[str], day: date, summary: DaySummary) -> None:
        write_day_csv(path, day, summary, self.settings.csv_separator)
        self._store().audit(self.actor, "export.day", {"date": day.isoformat(), "file": Path(path).name})

    def note(self, action: str, detail: Mapping[str, Any]) -> None:
        """Audit something the window did itself (printed, saved a PDF)."""
        self._store().audit(self.actor, action, dict(detail))

    def export_history(self, path: str | os.PathLike[str], first: date, last: date) -> HistoryExport:
        start, end = day_bounds(first, last)
        store = self._store()
        with store.read():  # the orders and the archives that lack from them, as of one moment
            archives = tuple(store.archives_between(start, end))
            count = store.export_history_csv(path, start, end, self.settings.csv_separator, archives)
        store.audit(self.actor, "export.history", {"from": first.isoformat(), "to": last.isoformat(), "orders": count,
                                              "file": Path(path).name, "archives": [a.path.name for a in archives]})
        return HistoryExport(count, archives)

    # --- the bridge token ----------------------------------------------------------------------

    def bridge_token(self) -> str | None:
        """The token (made now if there is none and the credential store is secure; else None)."""
        token = self._demo_token if self.demo else secrets.bridge_token(create=secrets.is_secure())
        self._store().audit(self.actor, "bridge_token.show", {})
        return token

    def rotate_bridge_token(self, reason: str) -> str:
        """A new token, in force at once; the host POS must be given it. Audited with the reason typed."""
        self._refuse_in_demo()
        reason = manager_reason(reason)
        token = secrets.rotate_bridge_token()
        if self._bridge is not None:
            self._bridge.set_token(token)
        self._store().audit(self.actor, "bridge_token.rotate", {"reason": reason})
        return token

    # --- the audit log -------------------------------------------------------------------------

    def audit_log(self, limit: int = 500) -> list[AuditEntry]:
        return self._store().audit_entries(limit)
