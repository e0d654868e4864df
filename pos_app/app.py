"""The composition root: builds the store, client, sync engine, till services and bridge, and runs them."""

from __future__ import annotations

import argparse
import logging
import os
import threading
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from pos_app.bridge.server import BIND_WAIT_S, BridgeServer
from pos_app.config import secrets
from pos_app.config.logs import redactor, setup_logging
from pos_app.config.paths import default_data_dir, resolve_data_dir
from pos_app.config.settings import Settings, SettingsError
from pos_app.crash import CrashReporter
from pos_app.gameball.client import GameballClient, Timeouts
from pos_app.stopping import StopRequests
from pos_app.store.errors import SchemaTooNew, StoreError
from pos_app.store.lock import SenderLock
from pos_app.store.store import Store
from pos_app.sync.delivery import DeliveryOptions
from pos_app.sync.engine import EngineOptions, SyncEngine
from pos_app.sync.service import TillService
from pos_app.sync.status import EngineStatus

log = logging.getLogger(__name__)

DEMO_BRIDGE_TOKEN = "demo-bridge-token"
# run_window's exit code when a manager saved settings that need the terminal built again (run_gui loops).
RESTART_EXIT_CODE = 75
# A standby that became the sender keeps trying the bridge port this long (the old sender may still be closing it).
BRIDGE_TAKEOVER_S = 30.0


def load_settings(data_dir: Path, overrides: Mapping[str, object] | None = None) -> Settings:
    """Stored settings with command-line overrides on top (overrides are not saved)."""
    with Store.open_in(data_dir) as store:
        stored = {k: v for k, v in store.all_settings().items() if k in Settings.__dataclass_fields__}
    settings = Settings.from_mapping(stored)
    return Settings.from_mapping(dict(overrides or {}), base=settings)


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
    ) -> Runtime:
        """Wire a terminal together. `time_scale` shortens the sender's rate-limit windows to match a sped-up
        sandbox; `request_timeout` (seconds) replaces the sender's read and total deadlines (None: Timeouts())."""

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
            time_scale=time_scale,
        )
        engine = SyncEngine(store_factory, client_factory, options, sender_lock=SenderLock(data_dir))
        service = TillService(store_factory, settings, engine, client_factory)
        service.order_id_prefix()  # made and read at start-up, not on the till's first sale
        server = None
        if bridge:
            if not bridge_token:
                raise SettingsError("bridge_token", f"no bridge token: set {secrets.ENV_BRIDGE_TOKEN} or run "
                                    "the app once with a secure credential store")
            # Beside a running sender (the window started next to --headless) the port is the sender's: do not
            # wait for it at start; the standby binds it when it takes over.
            standby = SenderLock(data_dir).held_elsewhere()
            server = BridgeServer(service, bridge_token, port=settings.bridge_port,
                                  bind_wait_s=0.0 if standby else BIND_WAIT_S)
        return cls(data_dir, settings, engine, service, server, client_factory, keys)

    def use_credentials(self, credentials: secrets.Credentials | None) -> None:
        """A manager entered new keys: the sender makes its next client with them, so a queue paused for bad
        keys moves again at once (clients already made elsewhere keep theirs until the next start)."""
        self.keys[0] = credentials
        self.engine.credentials_changed()

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
        stopped = self.engine.stop()
        self.service.close()
        return stopped


def _overrides(args: argparse.Namespace) -> dict[str, object]:
    overrides: dict[str, object] = {}
    if getattr(args, "api_base", None):
        overrides["api_base"] = args.api_base
    if getattr(args, "bridge_port", None) is not None:
        overrides["bridge_port"] = args.bridge_port
    return overrides


def _say(message: str) -> None:
    """A start-up failure: in the log (a windowed or service start has no console) and on the console."""
    log.error("not started: %s", message, extra={"console": False})
    print(f"pos-app: {message}")


def _start_terminal(data_dir: Path, args: argparse.Namespace, report: Callable[[str], None] = _say,
                    ) -> tuple[Runtime, secrets.Credentials | None] | None:
    """Build the terminal from the stored settings and start it; None (after `report` said why) if it cannot."""
    try:
        settings = load_settings(data_dir, _overrides(args))
        credentials = secrets.load_credentials()
        token = secrets.bridge_token(create=secrets.is_secure())
        runtime = Runtime.build(data_dir, settings, credentials, token,
                                time_scale=getattr(args, "time_scale", 1.0),
                                request_timeout=getattr(args, "request_timeout", None))
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


def _open_data_dir(args: argparse.Namespace) -> Path | None:
    """The data directory with its log file; None (after one plain sentence) when it cannot be written."""
    try:
        data_dir = resolve_data_dir(args.data_dir)
        setup_logging(data_dir, getattr(logging, args.log_level))
    except OSError as error:
        print(f"pos-app: cannot write {error.filename or args.data_dir}: {error.strerror or error}")
        return None
    return data_dir


def run_headless(args: argparse.Namespace) -> int:
    data_dir = _open_data_dir(args)
    if data_dir is None:
        return 2
    CrashReporter(data_dir).install()
    _choose_keyring()
    # Ctrl+C, SIGTERM, Ctrl+Break, and on Windows closing the console, logoff and shutdown: all stop cleanly.
    # Caught from before the start, so one that comes while the terminal starts stops it once started, instead
    # of ending the process unhandled (a SIGTERM right after the bridge came up: exit -15, seen 1 in 100).
    stops = StopRequests().install()
    started = _start_terminal(data_dir, args)
    if started is None:
        stops.finished()
        return 2
    runtime, credentials = started
    if credentials is None:
        print(f"pos-app: no Gameball API key ({secrets.ENV_API_KEY} or the credential store); orders are queued "
              "but not sent")
    if runtime.bridge_waiting:
        print(f"pos-app headless: standby: another pos-app sends and answers the bridge for {data_dir}; "
              "this one takes over when it exits", flush=True)
    else:
        log.info("headless: bridge on port %s, data in %s", runtime.bridge.port if runtime.bridge else None, data_dir)
        print(f"pos-app headless: bridge on http://127.0.0.1:{runtime.bridge.port if runtime.bridge else '-'}, "
              f"data in {data_dir}", flush=True)
    try:
        stops.wait()
    finally:
        clean = runtime.stop()
        stops.finished()
    if clean:
        log.info("headless: stopped cleanly")
    else:
        log.warning("headless: stopped while a request to Gameball was still open; it is checked at next start")
    return 0


def start_demo(args: argparse.Namespace) -> tuple[Runtime, object]:
    """An in-process sandbox with demo data, and a runtime on it in its own data directory."""
    from pos_app.sandbox import DEMO_API_KEY, DEMO_SECRET_KEY, Sandbox

    # A separate data directory: demo orders must never mix with a real queue.
    data_dir = resolve_data_dir(args.data_dir or default_data_dir() / "demo")
    setup_logging(data_dir, getattr(logging, args.log_level))
    sandbox = Sandbox(port=0, demo=True)
    sandbox.start()
    _add_demo_phone_customers(sandbox)
    overrides = {"api_base": sandbox.url, "merchant_id": "DEMO", "merchant_name": "Demo Store",
                 "branch_id": "DEMO-1", "branch_name": "Demo Branch", "currency": sandbox.state.currency}
    if args.bridge_port is not None:
        overrides["bridge_port"] = args.bridge_port
    settings = load_settings(data_dir, overrides)
    redactor.add([DEMO_BRIDGE_TOKEN])
    runtime = Runtime.build(data_dir, settings, secrets.Credentials(DEMO_API_KEY, DEMO_SECRET_KEY),
                            demo_bridge_token())
    runtime.start()
    return runtime, sandbox


def demo_bridge_token() -> str:
    return os.environ.get(secrets.ENV_BRIDGE_TOKEN) or DEMO_BRIDGE_TOKEN


def run_demo(args: argparse.Namespace) -> int:
    try:
        runtime, sandbox = start_demo(args)
    except OSError as error:
        print(f"pos-app: cannot start the demo: {error.strerror or error}")
        return 2
    except SchemaTooNew:
        raise  # a downgrade: cli.main says so (exit code 3, and a dialog for the window)
    except StoreError as error:
        print(f"pos-app: cannot start the demo: {error}")
        return 2
    try:
        from pos_app.ui.main import run_window
    except ImportError:
        run_window = None
    try:
        if run_window is not None:
            return run_window(runtime, demo=True)
        port = runtime.bridge.port if runtime.bridge else "-"
        print(f"pos-app demo: the till window is not built yet, so the engine and bridge run headless.\n"
              f"  sandbox (Gameball emulator): {sandbox.url}\n"  # type: ignore[attr-defined]
              f"  bridge: http://127.0.0.1:{port}  token: {DEMO_BRIDGE_TOKEN}\n"
              f"  try:  curl -H 'Authorization: Bearer {DEMO_BRIDGE_TOKEN}' http://127.0.0.1:{port}/v1/status\n"
              f"  data: {runtime.data_dir}\nCtrl+C stops.", flush=True)
        stops = StopRequests().install()
        stops.wait()
        stops.finished()
        return 0
    finally:
        runtime.stop()
        sandbox.stop()  # type: ignore[attr-defined]


def _add_demo_phone_customers(sandbox: object) -> None:
    """The demo customers again under their E.164 phone as customerId, the till's phone rule
    (pos_app.domain.customer_id), so a demo user can identify them by phone number."""
    from pos_app.sandbox.demo import load_customers

    for customer in load_customers():
        if not customer.get("mobile"):
            continue
        balance = customer.get("balance", {})
        sandbox.state.seed_customer(  # type: ignore[attr-defined]
            customer["mobile"], name=customer.get("name"), mobile=customer["mobile"], email=customer.get("email"),
            tier=customer.get("tier"), available=balance.get("available", 0), pending=balance.get("pending", 0),
            pending_days=balance.get("pendingDays", 0), expiring=balance.get("expiring", 0),
            expiring_days=balance.get("expiringDays", 0),
        )


def _choose_keyring() -> None:
    """Pin the credential store before anything reads a key: a frozen build must not fall back silently."""
    backend = secrets.choose_backend()
    log.info("credential store: %s (%s)", secrets.backend_name(backend),
             "secure" if secrets.is_secure(backend) else "not secure: keys are not stored")


def run_gui(args: argparse.Namespace) -> int:
    """The till window on the stored configuration; the engine and bridge run behind it.

    Without keys the first-run wizard comes first (cancelled, the till still opens and queues orders).
    A manager's new settings end the window with RESTART_EXIT_CODE, and the terminal is built again.
    """
    data_dir = _open_data_dir(args)
    if data_dir is None:
        return 2
    from pos_app.ui.main import claim_single_instance, report_start_failure, run_setup, run_window

    if not claim_single_instance(data_dir):
        return 0  # the till already running on this data directory was brought forward
    _choose_keyring()
    try:
        if secrets.load_credentials() is None:
            run_setup(data_dir, load_settings(data_dir, _overrides(args)))
    except SchemaTooNew:
        raise  # a downgrade: cli.main says so (exit code 3, and a dialog for the window)
    except (SettingsError, StoreError) as error:
        report_start_failure(str(error))
        return 2
    while True:
        started = _start_terminal(data_dir, args, report_start_failure)
        if started is None:
            return 2
        runtime = started[0]
        try:
            code = run_window(runtime, demo=False)
        finally:
            runtime.stop()
        if code != RESTART_EXIT_CODE:
            return code
        log.info("starting again with the settings a manager saved")
