"""The run modes: headless (engine and bridge), the till window, and the demo; each builds its terminal through
pos_app.runtime and runs it until asked to stop."""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Callable
from functools import partial
from pathlib import Path

from pos_app import __version__
from pos_app.config import secrets
from pos_app.config.logs import setup_logging
from pos_app.config.paths import resolve_data_dir
from pos_app.config.settings import SettingsError
from pos_app.crash import CrashReporter
from pos_app.runtime import choose_keyring, load_settings, start_demo, start_terminal
from pos_app.stopping import StopRequests
from pos_app.store.errors import SchemaTooNew, StoreError

log = logging.getLogger(__name__)


def _overrides(args: argparse.Namespace) -> dict[str, object]:
    overrides: dict[str, object] = {}
    if getattr(args, "api_base", None):
        overrides["api_base"] = args.api_base
    if getattr(args, "bridge_port", None) is not None:
        overrides["bridge_port"] = args.bridge_port
    return overrides


def _open_data_dir(args: argparse.Namespace) -> Path | None:
    """The data directory with its log file; None (after one plain sentence) when it cannot be written."""
    try:
        data_dir = resolve_data_dir(args.data_dir)
        setup_logging(data_dir, getattr(logging, args.log_level))
    except OSError as error:
        print(f"pos-app: cannot write {error.filename or args.data_dir}: {error.strerror or error}")
        return None
    return data_dir


# Exit code of a run on a database a newer pos_app has upgraded (README: Install on store terminals).
DATABASE_TOO_NEW_EXIT_CODE = 3


def refuse_newer_database(run: Callable[[], int], *, window: bool) -> int:
    """`run()`, but an older pos_app after a downgrade gets a clear message (and, for the window, a dialog)
    instead of a SchemaTooNew traceback; the database is left as it is."""
    try:
        return run()
    except SchemaTooNew as error:
        message = (f"pos-app {__version__}: {error}. A newer pos_app has used this data directory: install that "
                   "version, or a newer one, again. Nothing was changed.")
        log.error("%s", message)
        print(message, file=sys.stderr)
        if window:
            from pos_app.ui.start_error import show_database_too_new

            show_database_too_new(error.found, error.supported)
        return DATABASE_TOO_NEW_EXIT_CODE


def run_headless(args: argparse.Namespace) -> int:
    data_dir = _open_data_dir(args)
    if data_dir is None:
        return 2
    CrashReporter(data_dir).install()
    choose_keyring()
    # Ctrl+C, SIGTERM, Ctrl+Break, and on Windows closing the console, logoff and shutdown: all stop cleanly.
    # Caught from before the start, so one that comes while the terminal starts stops it once started, instead
    # of ending the process unhandled (a SIGTERM right after the bridge came up: exit -15, seen 1 in 100).
    stops = StopRequests().install()
    started = start_terminal(data_dir, _overrides(args), time_scale=getattr(args, "time_scale", 1.0),
                             request_timeout=getattr(args, "request_timeout", None))
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


def run_demo(args: argparse.Namespace) -> int:
    try:
        runtime, sandbox = start_demo(args.data_dir, getattr(logging, args.log_level), args.bridge_port)
    except OSError as error:
        print(f"pos-app: cannot start the demo: {error.strerror or error}")
        return 2
    except SchemaTooNew:
        raise  # a downgrade: cli.main says so (exit code 3, and a dialog for the window)
    except StoreError as error:
        print(f"pos-app: cannot start the demo: {error}")
        return 2
    from pos_app.ui.main import run_window

    try:
        return run_window(runtime.till_services(demo=True), runtime.manager_service(demo=True),
                          partial(CrashReporter, runtime.data_dir), demo=True)
    finally:
        runtime.stop()
        sandbox.stop()


def run_gui(args: argparse.Namespace) -> int:
    """The till window on the stored configuration; the engine and bridge run behind it.

    Without keys the first-run wizard comes first (cancelled, the till still opens and queues orders).
    A manager's new settings end the window with RESTART_EXIT_CODE, and the terminal is built again.
    """
    data_dir = _open_data_dir(args)
    if data_dir is None:
        return 2
    from pos_app.services.manager import ManagerService
    from pos_app.ui.main import RESTART_EXIT_CODE, claim_single_instance, report_start_failure, run_setup, run_window

    if not claim_single_instance(data_dir):
        return 0  # the till already running on this data directory was brought forward
    choose_keyring()
    try:
        if secrets.load_credentials() is None:
            run_setup(ManagerService(data_dir, load_settings(data_dir, _overrides(args))),
                      partial(CrashReporter, data_dir))
    except SchemaTooNew:
        raise  # a downgrade: cli.main says so (exit code 3, and a dialog for the window)
    except (SettingsError, StoreError) as error:
        report_start_failure(str(error))
        return 2
    while True:
        started = start_terminal(data_dir, _overrides(args), time_scale=getattr(args, "time_scale", 1.0),
                                 request_timeout=getattr(args, "request_timeout", None), report=report_start_failure)
        if started is None:
            return 2
        runtime = started[0]
        try:
            code = run_window(runtime.till_services(), runtime.manager_service(), partial(CrashReporter, data_dir))
        finally:
            runtime.stop()
        if code != RESTART_EXIT_CODE:
            return code
        log.info("starting again with the settings a manager saved")
