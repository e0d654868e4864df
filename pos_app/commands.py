"""`pos-app outbox ...`, `pos-app config ...` and `pos-app report ...`: tools for IT and support, no Qt, safe while
the app runs. Each action is the manager service's, audited as the command line's."""

from __future__ import annotations

import argparse
import getpass
import sys
from collections.abc import Callable, Iterable
from datetime import UTC, date, datetime
from pathlib import Path

from pos_app.config import secrets
from pos_app.config.paths import resolve_data_dir
from pos_app.config.secrets import NoSecureKeyring
from pos_app.config.settings import SettingsError
from pos_app.config.textio import TextEncodingError, decode_text, read_stdin
from pos_app.domain.errors import ValidationError
from pos_app.domain.loyalty import AbuseKind
from pos_app.domain.reasons import manager_reason
from pos_app.services.manager import AbuseNotice, FrontEnd, ManagerService, QueueRefused, StoreError


def _when(epoch: float | None) -> str:
    return datetime.fromtimestamp(epoch, UTC).strftime("%Y-%m-%d %H:%M:%SZ") if epoch else "-"


def _service(args: argparse.Namespace) -> ManagerService:
    return ManagerService.offline(resolve_data_dir(args.data_dir), FrontEnd.CLI)


def _with_service(args: argparse.Namespace, run: Callable[[ManagerService], int]) -> int:
    """`run` on the terminal's ManagerService, closed after. A database that is lost, unreadable or upgraded by a
    newer pos_app is one sentence naming the file and exit 2, no traceback."""
    try:
        service = _service(args)
    except (SettingsError, StoreError) as error:
        print(f"pos-app: {error}", file=sys.stderr)
        return 2
    try:
        return run(service)
    finally:
        service.close()


def outbox_command(args: argparse.Namespace) -> int:
    return _with_service(args, lambda service: _outbox(service, args))


def _outbox(service: ManagerService, args: argparse.Namespace) -> int:
    if args.outbox_command == "list":
        count = 0
        print(f"{'id':>6}  {'kind':6}  {'ref':24}  {'state':9}  {'tries':>5}  {'next try':20}  last error")
        # A page at a time: a year of orders on file keeps the memory flat.
        for item in service.outbox_items(args.state or ["queued", "sending", "failed", "review"]):
            count += 1
            error = item.last_error
            text = f"{error.code or error.status or ''} {error.message or ''}".strip() if error else ""
            if error and error.request_id:
                text += f" (requestId {error.request_id})"
            print(f"{item.id:>6}  {item.kind.value:6}  {item.ref_id[:24]:24}  {item.state.value:9}  "
                  f"{item.attempts:>5}  {_when(item.next_attempt_at):20}  {text}")
        pending, failed = service.queue_counts()
        review = service.review_count()
        if review and (not args.state or "review" in args.state):
            _print_reviews(service)
        print(f"{count} item(s); pending {pending}, failed {failed}, needs review {review}")
        return 0
    if args.outbox_command == "check":
        problems = service.check_database()
        for problem in problems:
            print(problem)
        print("database healthy" if not problems else f"{len(problems)} problem(s)")
        return 1 if problems else 0
    if args.outbox_command in ("mark-delivered", "mark-failed"):
        try:
            service.resolve_review(args.id, args.outbox_command == "mark-delivered", args.reason)
        except QueueRefused as error:
            print(f"pos-app: {error}", file=sys.stderr)
            return 1
        except ValueError as error:
            print(f"pos-app: {error}", file=sys.stderr)
            return 2
        print(f"item {args.id} marked {'delivered' if args.outbox_command == 'mark-delivered' else 'failed'}")
        return 0
    if args.outbox_command == "archive":
        return _archive(service, dry_run=args.dry_run)
    if args.outbox_command == "retry":
        try:
            service.retry(args.id, args.reason)
        except ValidationError as error:
            print(f"pos-app: --{error}", file=sys.stderr)
            return 2
        except QueueRefused as error:
            print(f"pos-app: {error}", file=sys.stderr)
            return 1
        print(f"item {args.id} queued again; the running app sends it on its next pass")
        return 0
    export = service.export_outbox(args.file)
    if export.damaged:
        print(f"pos-app: the database is damaged; {export.lost} outbox id(s) could not be read and are not in the "
              "file", file=sys.stderr)
    print(f"{export.rows} row(s) written to {args.file}")
    return 0


def _print_reviews(service: ManagerService) -> None:
    """Each item needing review: this sale's figures, then what Gameball holds under its id."""
    print("needs review (check in Gameball, then `outbox mark-delivered ID` or `outbox mark-failed ID`):")
    for item in service.review_items():
        amount = "the rest" if item.amount is None else f"{item.amount} {item.currency or ''}".strip()
        print(f"  {item.id}: {item.kind.value} {item.ref_id}, this sale: customer {item.customer_id}, {amount}, "
              f"sold {item.order_date}, first sent {_when(item.first_sent_at)}")
        for tx in item.gameball or ():
            print(f"      Gameball: {tx.transaction_type} {tx.amount} paid, {tx.points} points, {tx.date}")
        if not item.gameball:
            print("      Gameball: no transaction under this id")


def _sold(first: str | None, last: str | None) -> str:
    return f"sold {first[:10]} to {last[:10]}" if first and last else "sold"


def _archive(service: ManagerService, dry_run: bool) -> int:
    plan = service.archive_plan()
    days = service.settings.return_period_days
    print(f"return period: {days} days; orders sold before {plan.cutoff} are past it")
    if plan.kept:
        print(f"kept: {plan.kept} order(s) sold before then that are still pending, failed, needing review or with "
              "a refund not yet delivered")
    if dry_run:
        print(f"would archive {plan.orders} delivered order(s) {_sold(plan.first_sold, plan.last_sold)} to "
              f"{plan.directory}" if plan.orders else "nothing to archive")
        return 0
    try:
        result = service.archive_old_orders()
    except OSError as error:  # the archive cannot be written: nothing left the database (see store/retention.py)
        print(f"pos-app: cannot write the archive in {plan.directory}: {error.strerror or error}; nothing was "
              "removed", file=sys.stderr)
        return 2
    if not result.orders:
        print("nothing to archive")
        return 0
    print(f"archived {result.orders} delivered order(s) {_sold(result.first_sold, result.last_sold)} to "
          f"{', '.join(str(path) for path in result.files)}")
    return 0


def config_command(args: argparse.Namespace) -> int:
    secrets.choose_backend()  # the same store the window and headless use, never keyring's own guess
    return _with_service(args, lambda service: _config(service, args))


def _config(service: ManagerService, args: argparse.Namespace) -> int:
    if args.config_command == "show":
        for key, value in service.settings.to_mapping().items():
            print(f"{key} = {value}")
        print(f"keys: {service.keys_state()} (credential store: {service.key_store().name})")
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
            service.set_settings(updates, args.reason)
        except ValidationError as error:
            print(f"pos-app: --{error}", file=sys.stderr)
            return 2
        except SettingsError as error:
            print(f"pos-app: {error}", file=sys.stderr)
            return 2
        print("saved: " + ", ".join(sorted(updates)))
        return 0
    if args.config_command == "export":
        Path(args.file).write_text(service.export_settings(), encoding="utf-8")
        print(f"settings written to {args.file} (no keys)")
        return 0
    if args.config_command == "import":
        return _import_settings(service, Path(args.file), args.terminal or "", args.reason)
    if args.config_command == "bridge-token":
        return _bridge_token(service, args.rotate, args.reason)
    try:  # the reason before the keys are typed: a refusal after would waste them
        reason = manager_reason(args.reason)
    except ValidationError as error:
        print(f"pos-app: --{error}", file=sys.stderr)
        return 2
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
        service.set_keys(api_key, secret_key, reason)
    except (ValueError, NoSecureKeyring) as error:
        print(f"pos-app: {error}", file=sys.stderr)
        return 2
    print(f"keys stored in {service.key_store().name}")
    return 0


def _import_settings(service: ManagerService, path: Path, terminal: str, reason: str) -> int:
    try:
        reason = manager_reason(reason)  # before the file is read: a missing reason is the first thing to say
        service.import_settings(decode_text(path.read_bytes(), "file"), path.name, terminal, reason=reason)
    except ValidationError as error:
        print(f"pos-app: --{error}", file=sys.stderr)
        return 2
    except OSError as error:
        print(f"pos-app: {path}: {error.strerror or error}", file=sys.stderr)
        return 2
    except (SettingsError, TextEncodingError) as error:
        print(f"pos-app: {path}: {error}", file=sys.stderr)
        return 2
    print(f"settings imported from {path}")
    return 0


def _manager_allowed(service: ManagerService) -> bool:
    """The manager PIN, asked on the terminal, when one is set (a fresh terminal has none yet)."""
    try:
        if not service.pin_is_set():
            return True
    except NoSecureKeyring as error:  # the PIN cannot be checked: refuse, saying why
        print(f"pos-app: {error}", file=sys.stderr)
        return False
    result = service.check_pin(getpass.getpass("Manager PIN: "))
    if result.locked_for:
        print(f"pos-app: PIN locked for {int(result.locked_for)} s", file=sys.stderr)
    elif not result.ok:
        print(f"pos-app: wrong PIN ({result.tries_left} tries left)", file=sys.stderr)
    return result.ok


def _bridge_token(service: ManagerService, rotate: bool, reason: str | None) -> int:
    """Show the token, or rotate it; a rotation's reason is checked before the PIN is asked."""
    if rotate:
        try:
            reason = manager_reason(reason)
        except ValidationError as error:
            print(f"pos-app: --{error} (--rotate needs --reason)", file=sys.stderr)
            return 2
    if not _manager_allowed(service):
        return 1
    try:
        token = service.rotate_bridge_token(reason or "") if rotate else service.bridge_token()
    except NoSecureKeyring as error:
        print(f"pos-app: {error}", file=sys.stderr)
        return 2
    if token is None:
        print(f"pos-app: no secure credential store on this machine ({service.key_store().name})", file=sys.stderr)
        return 2
    print(token)
    return 0


def _local_day(text: str | None, field: str) -> date:
    if not text:
        return datetime.now().astimezone().date()
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise SettingsError(field, "a date as YYYY-MM-DD") from None


def _notice_line(notice: AbuseNotice) -> str:
    """One abuse notice for the terminal's summary: when (local), what, at which till, and the reason typed."""
    when = datetime.fromtimestamp(notice.at).strftime("%H:%M") if notice.at is not None else "all day"
    till = notice.terminal_id or "?"
    if notice.kind is AbuseKind.FREQUENT_CUSTOMER:
        what = f"customer {notice.subject} on {notice.count} sales"
    elif notice.kind is AbuseKind.UNPROVEN_REDEMPTION:
        what = f"{notice.count or 0} points redeemed without OTP or QR (hold {notice.subject})"
    else:
        what = f"{notice.action} {notice.subject}".strip()
    reason = f": {notice.reason}" if notice.reason else ""
    return f"{when}  {what} at till {till}{reason}"


def _print_shortfalls(service: ManagerService, day: date | None) -> int:
    shortfalls = service.shortfalls(day)
    print(f"{'order':24}  {'customer':20}  {'not taken':9}  {'points':>7}  {'value':>12}  {'refused at':20}  "
          "Gameball's reason")
    for short in shortfalls:
        value = "-" if short.amount is None else f"{short.amount} {short.currency}"
        points = str(short.points) if short.kind == "points" else "-"
        print(f"{short.order_id[:24]:24}  {short.customer_id[:20]:20}  {short.kind:9}  {points:>7}  {value:>12}  "
              f"{_when(short.at):20}  {short.reason}")
    coupons = sum(1 for s in shortfalls if s.kind == "coupon")
    print(f"{len(shortfalls)} sale(s): discount given, points could not be taken; "
          f"{sum(s.points for s in shortfalls)} points" + (f"; {coupons} coupon(s) not redeemed" if coupons else ""))
    return 0


def _archived_note(paths: Iterable[str]) -> None:
    """Retention moved some of these days' delivered orders out of the database: the report lacks them."""
    for path in paths:
        print(f"note: orders of these days were archived to {path} and are not in this report")


def report_command(args: argparse.Namespace) -> int:
    """Summaries and exports hold sales data: the manager PIN guards them when one is set."""
    secrets.choose_backend()  # the PIN's hash is read from the store the window uses
    try:
        if args.report_command == "shortfalls":
            first = last = _local_day(args.date, "date") if args.date else None
        elif args.report_command == "day":
            first = last = _local_day(args.date, "date")
        else:
            first, last = _local_day(args.start, "from"), _local_day(args.end, "to")
            if last < first:
                raise SettingsError("to", "is before --from")
    except SettingsError as error:
        print(f"pos-app: {error}", file=sys.stderr)
        return 2
    return _with_service(args, lambda service: _report(service, args, first, last))


def _report(service: ManagerService, args: argparse.Namespace, first: date | None, last: date | None) -> int:
    if not _manager_allowed(service):
        return 1
    if args.report_command == "shortfalls":
        return _print_shortfalls(service, first)
    if args.report_command == "history":
        export = service.export_history(args.file, first, last)
        _archived_note(str(archive.path) for archive in export.archives)
        print(f"{export.orders} order(s) written to {args.file}")
        return 0
    summary = service.day_summary(first)
    _archived_note(str(service.archive_directory() / name) for name in summary.archived_in)
    print(f"Loyalty summary {first} (terminal {service.settings.terminal_id})")
    for label, value in summary.rows():
        print(f"  {label:34} {value}")
    notices = service.abuse_notices(first)
    print(f"Notices ({len(notices)})")
    for notice in notices:
        print("  " + _notice_line(notice))
    if args.csv:
        service.save_day_csv(args.csv, first, summary)
    return 0
