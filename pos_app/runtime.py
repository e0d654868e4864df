"""The composition root: builds the store, client, sync engine, services and bridge of one terminal, and starts
and stops them together. The run modes (pos_app.app) and the tests build terminals only through here."""

from __future__ import annotations

import logging
import os
import threading
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from pos_app.bridge.server import BIND_WAIT_S, BridgeServer
from pos_app.config import secrets
from pos_app.config.logs import redactor, setup_logging
from pos_app.config.paths import default_data_dir, left_user_data_dirs, resolve_data_dir
from pos_app.config.settings import Settings, SettingsError
from pos_app.gameball.client import GameballClient, Timeouts
from pos_app.resources import resource_path
from pos_app.services.catalogue import CATALOGUE_FILE
from pos_app.services.customers import CustomerService
from pos_app.services.manager import ManagerService, load_settings
from pos_app.services.terminal import TillServices
from pos_app.services.till import TillService
from pos_app.store.errors import SchemaTooNew, StoreError
from pos_app.store.lock import SenderLock
from pos_app.store.store import Store
from pos_app.sync.delivery import DeliveryOptions
from pos_app.sync.engine import EngineOptions, SyncEngine
from pos_app.sync.history import HistoryOptions
from pos_app.sync.left_queues import LeftQueues
from pos_app.sync.status import EngineStatus

if TYPE_CHECKING:
    from pos_app.sandbox import Sandbox

log = logging.getLogger(__name__)

__all__ = ["DEMO_BRIDGE_TOKEN", "Runtime", "choose_keyring", "demo_bridge_token", "load_settings", "start_demo",
           "start_terminal"]

DEMO_BRIDGE_TOKEN = "demo-bridge-token"
# A standby that became the sender keeps trying the bridge port this long (the old sender may still be closing it).
BRIDGE_TAKEOVER_S = 30.0


@dataclass
class Runtime:
    """Everything a running terminal needs, started and stopped together."""

    data_dir: Path
    settings: Settings
    engine: SyncEngine
    service: TillService
    bridge: BridgeServer | None
    # For the till window's own calls (customer lookups, holds) with the timeouts it chooses.
    client_factory: Callable[[Timeouts], GameballClient | None] | None = None
    # The keys every client is made with, in a cell that use_credentials() swaps.
    keys: list[secrets.Credentials | None] = field(default_factory=lambda: [None])
    # A standby started while the sender held the bridge port: it takes the port when it becomes the sender.
    bridge_waiting: bool = False
    # Previous users' queues sent from where they are once this terminal's own is empty (none: an empty list).
    left_queues: LeftQueues | None = None
    _stopped: threading.Event = field(default_factory=threading.Event)

    @classmethod
    def build(
        cls,
        data_dir: Path,
        settings: Settings,
        credentials: secrets.Credentials | None,
        bridge_token: str | None,
        *,
        time_scale: float = 1.0,
        request_timeout: float | None = None,
        bridge: bool = True,
        left_dirs: Sequence[Path] = (),
    ) -> Runtime:
        """Wire a terminal together. `time_scale` shortens the sender's rate-limit windows to match a sped-up
        sandbox; `request_timeout` (seconds) replaces the sender's read and total deadlines (None: Timeouts());
        `left_dirs` are per-user data directories whose queues this terminal sends from there (config.paths)."""

        def store_factory() -> Store:
            return Store.open_in(data_dir, terminal_id=settings.terminal_id)

        sender_timeouts = Timeouts()
        if request_timeout is not None:
            sender_timeouts = Timeouts(connect=min(sender_timeouts.connect, request_timeout), read=request_timeout,
                                       total=request_timeout)

        keys = [credentials]

        def client_factory(timeouts: Timeouts = sender_timeouts) -> GameballClient | None:
            current = keys[0]
            if current is None:
                return None
            return GameballClient(settings.api_base, current.api_key, current.secret_key, timeouts=timeouts)

        options = EngineOptions(
            delivery=DeliveryOptions(batch_enabled=settings.batch_enabled, batch_threshold=settings.batch_threshold,
                                     batch_full_bodies=settings.batch_full_bodies),
            history=HistoryOptions(return_window_days=settings.points_settle_days),
            time_scale=time_scale,
            fleet_terminals=settings.fleet_terminals,
            return_period_days=settings.return_period_days,
        )
        engine = SyncEngine(store_factory, client_factory, options, sender_lock=SenderLock(data_dir))

        def till_client_factory(timeouts: Timeouts = sender_timeouts) -> GameballClient | None:
            # The till's calls (identification, holds, previews) spend the same share of the account's
            # limits as the drain, ahead of it.
            client = client_factory(timeouts)
            return engine.limiters.attach(client, interactive=True) if client is not None else None

        service = TillService(store_factory, settings, engine, till_client_factory)
        service.order_id_prefix()  # made and read at start-up, not on the till's first sale
        server = None
        if bridge:
            if not bridge_token:
                raise SettingsError("bridge_token", f"no bridge token: set {secrets.ENV_BRIDGE_TOKEN} or run "
                                    "the app once with a secure credential store")
            # Beside a running sender (the window started next to --headless) the port is the sender's: do not
            # wait for it at start; the standby binds it when it takes over.
            standby = SenderLock(data_dir).held_elsewhere()
            # The host POS's customer routes: the till window's use cases, on the bridge's threads.
            customers = CustomerService(store_factory, till_client_factory, engine, time.time)
            server = BridgeServer(service, bridge_token, port=settings.bridge_port,
                                  bind_wait_s=0.0 if standby else BIND_WAIT_S, customers=customers,
                                  merchant_id=settings.merchant_id)
        left_queues = LeftQueues(left_dirs, engine, store_factory, client_factory, settings.terminal_id)
        return cls(data_dir, settings, engine, service, server, till_client_factory, keys, left_queues=left_queues)

    def use_credentials(self, credentials: secrets.Credentials | None) -> None:
        """A manager entered new keys: the sender makes its next client with them, so a queue paused for bad
        keys moves again at once (clients already made elsewhere keep theirs until the next start)."""
        self.keys[0] = credentials
        self.engine.credentials_changed()

    def till_services(self, *, demo: bool = False) -> TillServices:
        """The till window's services on this terminal. The demo sells from the demo catalogue; a real till
        reads the one its manager put in the data directory."""
        catalogue_path = resource_path("demo", CATALOGUE_FILE) if demo else self.data_dir / CATALOGUE_FILE
        return TillServices.build(self.data_dir, self.settings, self.engine, self.service,
                                  self.client_factory or (lambda timeouts: None), catalogue_path)

    def manager_service(self, *, demo: bool = False) -> ManagerService:
        """The window's manager mode on this terminal (the demo's runs on its fixed token and PIN)."""
        return ManagerService.from_runtime(self, demo_bridge_token=demo_bridge_token() if demo else None)

    def start(self) -> None:
        if self.bridge is not None:
            try:
                self.bridge.start()
            except OSError:
                # The window started beside the headless engine: port and sending are the other process's.
                if not SenderLock(self.data_dir).held_elsewhere():
                    raise
                log.warning("the bridge port %s belongs to the sender of this data directory; standing by",
                            self.settings.bridge_port)
                self.bridge_waiting = True
                self.engine.add_status_listener(self._bridge_when_sender)
        self.engine.start()
        if self.left_queues is not None:
            self.left_queues.start()

    def _bridge_when_sender(self, status: EngineStatus) -> None:
        if status.sender and self.bridge_waiting:
            self.engine.remove_status_listener(self._bridge_when_sender)
            threading.Thread(target=self._take_bridge_port, name="bridge-takeover", daemon=True).start()

    def _take_bridge_port(self) -> None:
        assert self.bridge is not None
        deadline = time.monotonic() + BRIDGE_TAKEOVER_S
        while not self._stopped.is_set():
            try:
                self.bridge.start()
            except OSError as error:
                if time.monotonic() > deadline:
                    log.error("could not take over the bridge port %s: %s", self.settings.bridge_port, error)
                    return
                self._stopped.wait(0.2)
                continue
            self.bridge_waiting = False
            log.warning("took over the bridge on port %s", self.bridge.port)
            if self._stopped.is_set():
                self.bridge.stop()
            return

    def stop(self) -> bool:
        """True when everything stopped; False if the sync worker was still inside a request."""
        self._stopped.set()
        if self.bridge is not None:
            self.bridge.stop()
        left_stopped = self.left_queues.stop() if self.left_queues is not None else True
        stopped = self.engine.stop() and left_stopped
        self.service.close()
        return stopped


def choose_keyring() -> None:
    """Pin the credential store before anything reads a key: a frozen build must not fall back silently."""
    backend = secrets.choose_backend()
    log.info("credential store: %s (%s)", secrets.backend_name(backend),
             "secure" if secrets.is_secure(backend) else "not secure: keys are not stored")


def say(message: str) -> None:
    """A start-up failure: in the log (a windowed or service start has no console) and on the console."""
    log.error("not started: %s", message, extra={"console": False})
    print(f"pos-app: {message}")


def start_terminal(data_dir: Path, overrides: Mapping[str, object], *, time_scale: float = 1.0,
                   request_timeout: float | None = None, report: Callable[[str], None] = say,
                   ) -> tuple[Runtime, secrets.Credentials | None] | None:
    """Build the terminal from the stored settings and start it; None (after `report` said why) if it cannot."""
    try:
        settings = load_settings(data_dir, overrides)
        credentials = secrets.load_credentials()
        token = secrets.bridge_token(create=secrets.is_secure())
        runtime = Runtime.build(data_dir, settings, credentials, token, time_scale=time_scale,
                                request_timeout=request_timeout, left_dirs=left_user_data_dirs(data_dir))
    except SchemaTooNew:
        raise  # a downgrade: cli.main says so (exit code 3, and a dialog for the window)
    except (SettingsError, secrets.NoSecureKeyring, ValueError, StoreError) as error:  # ValueError: a bad token
        report(str(error))
        return None
    try:
        runtime.start()
    except OSError as error:
        report(f"cannot start the bridge on 127.0.0.1:{settings.bridge_port}: {error.strerror or error} (another "
               "till, perhaps in another user's session, or another program uses this port)")
        runtime.stop()
        return None
    return runtime, credentials


def start_demo(data_dir: str | None, log_level: int, bridge_port: int | None) -> tuple[Runtime, Sandbox]:
    """An in-process sandbox with demo data, and a runtime on it in its own data directory."""
    # Imported here: a real terminal never loads the emulator.
    from pos_app.sandbox import DEMO_API_KEY, DEMO_SECRET_KEY, Sandbox
    from pos_app.sandbox.demo import seed_phone_customers

    # A separate data directory: demo orders must never mix with a real queue.
    demo_dir = resolve_data_dir(data_dir or default_data_dir() / "demo")
    setup_logging(demo_dir, log_level)
    sandbox = Sandbox(port=0, demo=True)
    sandbox.start()
    seed_phone_customers(sandbox.state)
    overrides: dict[str, object] = {
        "api_base": sandbox.url, "merchant_id": "DEMO", "merchant_name": "Demo Store", "branch_id": "DEMO-1",
        "branch_name": "Demo Branch", "currency": sandbox.state.currency}
    if bridge_port is not None:
        overrides["bridge_port"] = bridge_port
    settings = load_settings(demo_dir, overrides)
    redactor.add([DEMO_BRIDGE_TOKEN])
    runtime = Runtime.build(demo_dir, settings, secrets.Credentials(DEMO_API_KEY, DEMO_SECRET_KEY),
                            demo_bridge_token())
    runtime.start()
    return runtime, sandbox


def demo_bridge_token() -> str:
    return os.environ.get(secrets.ENV_BRIDGE_TOKEN) or DEMO_BRIDGE_TOKEN
