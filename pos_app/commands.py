"""`pos-app outbox ...` and `pos-app config ...`: tools for IT and support, no Qt, safe while the app runs."""

from __future__ import annotations

import argparse
import getpass
import sqlite3
import sys
from datetime import UTC, date, datetime
from pathlib import Path

from pos_app.app import load_settings
from pos_app.config import secrets
from pos_app.config.fleet import export_toml, parse_toml
from pos_app.config.paths import resolve_data_dir
from pos_app.config.pin import ManagerGuard
from pos_app.config.settings import Settings, SettingsError
from pos_app.config.textio import TextEncodingError, decode_text, read_stdin
from pos_app.domain.storage import StorageState
from pos_app.domain.summary import DaySummary
from pos_app.domain.timeutil import local_days_utc
from pos_app.store import errors as store_errors
from pos_app.store.csvfile import write_day_csv
from pos_app.store.health import state_of
from pos_app.store.store import Store


def _when(epoch: float | None) -> str:
    return datetime.fromtimestamp(epoch, UTC).strftime("%Y-%m-%d %H:%M:%SZ") if epoch else "-"


def outbox_command(args: argparse.Namespace) -> int:
    data_dir = resolve_data_dir(args.data_dir)
    try:
        opened = Store.open_in(data_dir)
    except store_errors.StoreError as error:  # lost or unreadable: one sentence naming the file, no traceback
        print(f"pos-app: {error}", file=sys.stderr)
        return 2
    with opened as store:
        if args.outbox_command == "list":
            items = store.list_items(args.state or ["queued", "sending", "failed"])
            print(f"{'id':>6}  {'kind':6}  {'ref':24}  {'state':9}  {'tries':>5}  {'next try':20}  last error")
            for item in items:
                error = item.last_error
                text = f"{error.code or error.status or ''} {error.message or ''}".strip() if error else ""
                if error and error.request_id:
                    text += f" (requestId {error.request_id})"
                print(f"{item.id:>6}  {item.kind.value:6}  {item.ref_id[:24]:24}  {item.state.value:9}  "
                      f"{item.attempts:>5}  {_when(item.next_attempt_at):20}  {text}")
            print(f"{len(items)} item(s); pending {store.pending_count()}, failed {store.failed_count()}")
            return 0
        if args.outbox_command == "retry":
            try:
                store.requeue_failed(args.id, actor="cli")
            except (store_errors.UnknownItem, store_errors.InvalidTransition) as error:
                print(f"pos-app: {error}", file=sys.stderr)
                return 1
            print(f"item {args.id} queued again; the running app sends it on its next pass")
            return 0
        try:
            count = store.export_outbox_csv(args.file, separator=store.get_setting("csv_separator", ",") or ",")
        except sqlite3.DatabaseError as error:
            if state_of(error) is not StorageState.DAMAGED:
                raise
            count, lost = store.salvage_outbox_csv(args.file)  # with the default separator: settings may be lost
            print(f"pos-app: the database is damaged; {lost} outbox id(s) could not be read and are not in the "
                  "file", file=sys.stderr)
        print(f"{count} row(s) written to {args.file}")
        return 0


def config_command(args: argparse.Namespace) -> int:
    data_dir = resolve_data_dir(args.data_dir)
    secrets.choose_backend()  # the same store the window and headless use, never keyring's own guess
    if args.config_command == "show":
        settings = load_settings(data_dir)
        for key, value in settings.to_mapping().items():
            print(f"{key} = {value}")
        print(f"keys: {secrets.keys_state()} (credential store: {secrets.backend_name()})")
        return 0
    if args.config_command == "set":
        updates: dict[str, str] = {}
        for pair in args.pairs:
            key, sep, value = pair.partition("=")
            if not sep:
                print(f"pos-app: {pair!r}: write KEY=VALUE", file=sys.stderr)
                return 2
            updates[key.strip()] = value
        try:
            settings = Settings.from_mapping(updates, base=load_settings(data_dir))
        except SettingsError as error:
            print(f"pos-app: {error}", file=sys.stderr)
            return 2
        with Store.open_in(data_dir) as store:
            for key in updates:
                store.set_setting(key, getattr(settings, key))
            store.audit("cli", "settings.set", {"keys": sorted(updates)})
        print("saved: " + ", ".join(sorted(updates)))
        return 0
    if args.config_command == "export":
        Path(args.file).write_text(export_toml(load_settings(data_dir)), encoding="utf-8")
        print(f"settings written to {args.file} (no keys)")
        return 0
    if args.config_command == "import":
        return _import_settings(data_dir, Path(args.file))
    if args.config_command == "bridge-token":
        return _bridge_token(data_dir, rotate=args.rotate)
    # set-keys: read from standard input so keys never appear on a command line or in shell history.
    if sys.stdin.isatty():
        api_key = getpass.getpass("API key: ")
        secret_key = getpass.getpass("Secret key: ")
    else:
        try:
            lines = read_stdin().splitlines()
        except TextEncodingError as error:
            print(f"pos-app: {error}", file=sys.stderr)
            return 2
        api_key, secret_key = (lines + ["", ""])[:2]
    try:
        secrets.store_credentials(api_key, secret_key)
    except (ValueError, secrets.NoSecureKeyring) as error:
        print(f"pos-app: {error}", file=sys.stderr)
        return 2
    with Store.open_in(data_dir) as store:
        store.audit("cli", "keys.set", {})
    print(f"keys stored in {secrets.backend_name()}")
    return 0


def _import_settings(data_dir: Path, path: Path) -> int:
    try:
        settings = parse_toml(decode_text(path.read_bytes(), "file"), base=load_settings(data_dir))
    except OSError as error:
        print(f"pos-app: {path}: {error.strerror or error}", file=sys.stderr)
        return 2
    except (SettingsError, TextEncodingError) as error:
        print(f"pos-app: {path}: {error}", file=sys.stderr)
        return 2
    with Store.open_in(data_dir) as store, store.write():
        for key, value in settings.to_mapping().items():
            store.set_setting(key, value)
        store.audit("cli", "settings.import", {"file": path.name})
    print(f"settings imported from {path}")
    return 0


def _manager_allowed(store: Store) -> bool:
    """The manager PIN, asked on the terminal, when one is set (a fresh terminal has none yet)."""
    guard = ManagerGuard(store)
    try:
        if not guard.is_set():
            return True
    except secrets.NoSecureKeyring as error:  # the PIN cannot be checked: refuse, saying why
        print(f"pos-app: {error}", file=sys.stderr)
        return False
    result = guard.check(getpass.getpass("Manager PIN: "), actor="cli")
    if result.locked_for:
        print(f"pos-app: PIN locked for {int(result.locked_for)} s", file=sys.stderr)
    elif not result.ok:
        print(f"pos-app: wrong PIN ({result.tries_left} tries left)", file=sys.stderr)
    return result.ok


def _bridge_token(data_dir: Path, rotate: bool) -> int:
    with Store.open_in(data_dir) as store:
        if not _manager_allowed(store):
            return 1
        try:
            token = secrets.rotate_bridge_token() if rotate else secrets.bridge_token(create=True)
        except secrets.NoSecureKeyring as error:
            print(f"pos-app: {error}", file=sys.stderr)
            return 2
        store.audit("cli", "bridge_token.rotate" if rotate else "bridge_token.show", {})
    print(token)
    return 0


def _local_day(text: str | None, field: str) -> date:
    if not text:
        return datetime.now().astimezone().date()
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise SettingsError(field, "a date as YYYY-MM-DD") from None


def report_command(args: argparse.Namespace) -> int:
    """Summaries and exports hold sales data: the manager PIN guards them when one is set."""
    data_dir = resolve_data_dir(args.data_dir)
    secrets.choose_backend()  # the PIN's hash is read from the store the window uses
    try:
        if args.report_command == "day":
            first = last = _local_day(args.date, "date")
        else:
            first, last = _local_day(args.start, "from"), _local_day(args.end, "to")
            if last < first:
                raise SettingsError("to", "is before --from")
    except SettingsError as error:
        print(f"pos-app: {error}", file=sys.stderr)
        return 2
    start, end = local_days_utc(first, last)
    assert start is not None and end is not None  # both days are given
    with Store.open_in(data_dir) as store:
        if not _manager_allowed(store):
            return 1
        settings = load_settings(data_dir)
        if args.report_command == "history":
            count = store.export_history_csv(args.file, start, end, settings.csv_separator)
            store.audit("cli", "export.history", {"from": str(first), "to": str(last), "orders": count})
            print(f"{count} order(s) written to {args.file}")
            return 0
        summary = DaySummary.from_orders(store.orders_between(start, end), settings.currency)
        store.audit("cli", "report.day", {"date": str(first)})
    print(f"Loyalty summary {first} (terminal {settings.terminal_id})")
    for label, value in summary.rows():
        print(f"  {label:34} {value}")
    if args.csv:
        write_day_csv(args.csv, first, summary, settings.csv_separator)
    return 0
