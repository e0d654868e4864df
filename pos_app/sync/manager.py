"""The manager's side of the terminal, for the first-run wizard and the till window's manager mode (no Qt).

Every method runs on the window's worker thread: SQLite, the credential store, scrypt and the network all
take time the till does not have. Every action is written to the audit log (when, which terminal, what),
never with a secret in it; keys pass through here on their way to the credential store and nowhere else.
"""

from __future__ import annotations

import logging
import os
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import Any

from pos_app.config import secrets
from pos_app.config.logs import redactor
from pos_app.config.pin import ManagerGuard, PinCheck, PinError, hash_pin, validate_pin
from pos_app.config.settings import Settings
from pos_app.domain.summary import DaySummary
from pos_app.domain.timeutil import local_days_utc
from pos_app.gameball.client import GameballClient, Timeouts
from pos_app.gameball.errors import GameballError
from pos_app.store.csvfile import write_day_csv
from pos_app.store.per_thread import PerThreadStore
from pos_app.store.records import AuditEntry, FailedItem
from pos_app.store.store import Store

log = logging.getLogger(__name__)

ACTOR = "manager"
# A customer nobody has: asking for its balance needs the secret key, and "not found" means both keys passed.
PROBE_CUSTOMER = "pos-app-connection-test"
TEST_TIMEOUTS = Timeouts(connect=5.0, read=10.0, total=15.0)
# The demo's manager PIN, shown in its PIN dialog: training needs no secret, and the demo never writes
# the real terminal's credential store.
DEMO_PIN = "1234"
_KEY_CODES = frozenset({1000, 1001, 1002})


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


def check_connection(api_base: str, api_key: str, secret_key: str | None, *, timeouts: Timeouts = TEST_TIMEOUTS,
                     transport: Any = None) -> ConnectionCheck:
    """Which key Gameball refuses, if any: the cashback configuration needs only the API key, a customer's
    balance needs the secret key too, so asking both in that order tells them apart."""
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
    ) -> None:
        self.data_dir = data_dir
        self.settings = settings
        self.demo = demo
        self._engine = engine
        self._bridge = bridge
        self._use_credentials = use_credentials
        self._demo_token = demo_bridge_token
        self._clock = clock
        self._demo_hash: str | None = None  # made on first use, on the worker: scrypt takes a while
        self._stores = PerThreadStore(self._open_store)

    @classmethod
    def from_runtime(cls, runtime: Any, *, demo_bridge_token: str | None = None) -> ManagerService:
        """For a running terminal; `demo_bridge_token` (the demo's fixed token) makes it the demo's."""
        return cls(runtime.data_dir, runtime.settings, demo=demo_bridge_token is not None, engine=runtime.engine,
                   bridge=runtime.bridge, use_credentials=runtime.use_credentials,
                   demo_bridge_token=demo_bridge_token)

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
        return self._guard().check(pin, ACTOR)

    def set_first_pin(self, pin: str) -> None:
        """A terminal set up from a file and stdin has no PIN yet: the first manager at the till sets it."""
        self._refuse_in_demo()
        guard = self._guard()
        if guard.is_set():
            raise PinError("pin", "a PIN is already set")
        guard.set_pin(validate_pin(pin), ACTOR)

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
        self._store().audit(ACTOR, "connection.test", {"problem": result.problem.value or "none"})
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
        self._guard().set_pin(pin, ACTOR)
        secrets.bridge_token(create=True)  # the host POS needs one from the first start
        store.audit(ACTOR, "setup.complete", {"settings": sorted(values), "keyStore": secrets.backend_name()})
        log.info("first-run setup complete for terminal %s", settings.terminal_id)
        return settings

    def save_settings(self, values: Mapping[str, Any], api_key: str = "", secret_key: str = "",
                      pin: str = "") -> Saved:
        """The manager's settings: blank keys and PIN keep the stored ones; both keys or neither."""
        self._refuse_in_demo()
        settings = self.validate(values)
        replace_keys = bool(api_key or secret_key)
        if replace_keys:
            secrets.validate_key("api_key", api_key)
            secrets.validate_key("secret_key", secret_key)
        if pin:
            validate_pin(pin)
        changed = tuple(sorted(k for k in values if getattr(settings, k) != getattr(self.settings, k)))
        store = self._store()
        if replace_keys:
            secrets.store_credentials(api_key, secret_key)
            store.audit(ACTOR, "keys.set", {"keyStore": secrets.backend_name()})
            if self._use_credentials is not None:
                self._use_credentials(secrets.load_credentials())
        if pin:
            self._guard().set_pin(pin, ACTOR)
        if changed:
            with store.write():
                for key in changed:
                    store.set_setting(key, getattr(settings, key))
                store.audit(ACTOR, "settings.set", {"keys": list(changed)})
            self.settings = settings
        return Saved(settings, changed, replace_keys, bool(pin))

    # --- failed orders -------------------------------------------------------------------------

    def failed_items(self) -> list[FailedItem]:
        return self._store().failed_list()

    def retry(self, item_id: int) -> None:
        """Back into the normal outbox (same frozen body), audited; the sender looks at it now."""
        self._store().requeue_failed(item_id, ACTOR)
        if self._engine is not None:
            self._engine.wake()

    def discard(self, item_id: int, reason: str) -> None:
        self._store().discard_failed(item_id, reason.strip(), ACTOR)

    # --- reports and exports -------------------------------------------------------------------

    def day_summary(self, day: date) -> DaySummary:
        start, end = day_bounds(day, day)
        store = self._store()
        summary = DaySummary.from_orders(store.orders_between(start, end), self.settings.currency)
        store.audit(ACTOR, "report.day", {"date": day.isoformat()})
        return summary

    def save_day_csv(self, path: str | os.PathLike[str], day: date, summary: DaySummary) -> None:
        write_day_csv(path, day, summary, self.settings.csv_separator)
        self._store().audit(ACTOR, "export.day", {"date": day.isoformat(), "file": Path(path).name})

    def note(self, action: str, detail: Mapping[str, Any]) -> None:
        """Audit something the window did itself (printed, saved a PDF)."""
        self._store().audit(ACTOR, action, dict(detail))

    def export_history(self, path: str | os.PathLike[str], first: date, last: date) -> int:
        start, end = day_bounds(first, last)
        store = self._store()
        count = store.export_history_csv(path, start, end, self.settings.csv_separator)
        store.audit(ACTOR, "export.history", {"from": first.isoformat(), "to": last.isoformat(), "orders": count,
                                              "file": Path(path).name})
        return count

    # --- the bridge token ----------------------------------------------------------------------

    def bridge_token(self) -> str | None:
        token = self._demo_token if self.demo else secrets.bridge_token(create=secrets.is_secure())
        self._store().audit(ACTOR, "bridge_token.show", {})
        return token

    def rotate_bridge_token(self) -> str:
        """A new token, in force at once; the host POS must be given it."""
        self._refuse_in_demo()
        token = secrets.rotate_bridge_token()
        if self._bridge is not None:
            self._bridge.set_token(token)
        self._store().audit(ACTOR, "bridge_token.rotate", {})
        return token

    # --- the audit log -------------------------------------------------------------------------

    def audit_log(self, limit: int = 500) -> list[AuditEntry]:
        return self._store().audit_entries(limit)
