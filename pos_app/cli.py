"""Command line: `pos-app` and its subcommands (DESIGN.md section 7).

Imports are done per command so that the headless engine and the CLI tools never load Qt.
"""

from __future__ import annotations

import argparse
import math
import sys
from collections.abc import Sequence

from pos_app import __version__

# The common options, their defaults, and which run mode or command honours each. Any other is refused
# wherever it is written: argparse alone would take `pos-app --api-base X config show` and drop the option.
_DEFAULTS: dict[str, object] = {"data_dir": None, "api_base": None, "bridge_port": None, "log_level": "INFO"}
_EVERYTHING = frozenset(_DEFAULTS)
_HONOURED: dict[str, frozenset[str]] = {
    "the window": _EVERYTHING,
    "--headless": _EVERYTHING,
    "--demo": frozenset({"data_dir", "bridge_port", "log_level"}),  # Gameball is its own sandbox
    "--self-test": frozenset({"data_dir"}),
    "sandbox": frozenset(),  # in memory, on its own --port
    "outbox": frozenset({"data_dir"}),
    "config": frozenset({"data_dir"}),
    "report": frozenset({"data_dir"}),
}


def _data_dir(parser: argparse.ArgumentParser) -> None:
    # SUPPRESS as default, so that a subcommand's parser does not overwrite a value given before the subcommand.
    parser.add_argument("--data-dir", default=argparse.SUPPRESS,
                        help="database, logs and bridge files (default: the per-user data directory)")


_MODE_FLAG = "_mode_flag"


class _ModeFlag(argparse.Action):
    """`--demo`, `--headless`, `--self-test`: a flag that is also noted apart, because `sandbox --demo` sets
    the same `demo` attribute and a subcommand's defaults overwrite what was parsed before it."""

    def __init__(self, option_strings: Sequence[str], dest: str, **kwargs: object) -> None:
        super().__init__(option_strings, dest, nargs=0, default=False, **kwargs)

    def __call__(self, parser: argparse.ArgumentParser, namespace: argparse.Namespace, values: object,
                 option_string: str | None = None) -> None:
        setattr(namespace, self.dest, True)
        setattr(namespace, _MODE_FLAG, self.option_strings[0])


def _mode(args: argparse.Namespace) -> str:
    return str(args.command or getattr(args, _MODE_FLAG, None) or "the window")


class _Parser(argparse.ArgumentParser):
    """pos-app's top-level parser: refuses a common option the chosen mode or command does not honour."""

    def parse_known_args(self, args: Sequence[str] | None = None,
                         namespace: argparse.Namespace | None = None) -> tuple[argparse.Namespace, list[str]]:
        parsed, rest = super().parse_known_args(args, namespace)
        mode = _mode(parsed)
        flag = getattr(parsed, _MODE_FLAG, None)
        if parsed.command and flag:
            self.error(f"{parsed.command} is a command of its own; it cannot be combined with {flag}")
        for name in _DEFAULTS:
            if hasattr(parsed, name) and name not in _HONOURED[mode]:
                self.error(f"{mode} does not take --{name.replace('_', '-')}")
        for name, default in _DEFAULTS.items():
            if not hasattr(parsed, name):
                setattr(parsed, name, default)
        return parsed, rest


def _positive(text: str) -> float:
    value = float(text)
    if not (math.isfinite(value) and value > 0):
        raise argparse.ArgumentTypeError(f"{text} is not a positive number")
    return value


def _reason(parser: argparse.ArgumentParser, what: str) -> None:
    parser.add_argument("--reason", required=True, help=f"why: {what} is audited with this text, the terminal and "
                        "the time, and listed on the end-of-day summary")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="pos-app", description="Gameball loyalty companion for the till.",
                     epilog="The commands below take only the options their own --help lists.")
    parser.add_argument("--version", action="version", version=f"pos-app {__version__}")
    mode = parser.add_mutually_exclusive_group()
    mode.add_argument("--demo", action=_ModeFlag, help="run on the built-in sandbox with demo data, no keys")
    mode.add_argument("--headless", action=_ModeFlag, help="no window: sync engine and bridge only")
    mode.add_argument("--self-test", action=_ModeFlag, help="check resources, database and keyring, then exit")
    _data_dir(parser)
    parser.add_argument("--api-base", default=argparse.SUPPRESS,
                        help="Gameball scheme, host and port (default https://api.gameball.co); the window and "
                             "--headless only")
    parser.add_argument("--bridge-port", type=int, default=argparse.SUPPRESS,
                        help="local bridge port (default 8741); not with --self-test")
    parser.add_argument("--log-level", choices=["DEBUG", "INFO", "WARNING", "ERROR"], default=argparse.SUPPRESS,
                        help="what the log file keeps (default INFO); not with --self-test")
    # Hidden, for the reliability tests that run the real process: the sandbox's time scale (so the rate
    # limiter matches a sped-up sandbox) and a shorter per-request deadline (so a hang costs seconds, not 20).
    parser.add_argument("--time-scale", type=_positive, default=1.0, help=argparse.SUPPRESS)
    parser.add_argument("--request-timeout", type=_positive, help=argparse.SUPPRESS)
    # Subcommands get a plain parser: the check above runs once, on the whole command line.
    sub = parser.add_subparsers(dest="command", parser_class=argparse.ArgumentParser)

    sandbox = sub.add_parser("sandbox", help="run the Gameball v4.0 emulator alone")
    sandbox.add_argument("--port", type=int, default=8780)
    sandbox.add_argument("--demo", action="store_true", help="load the demo customers and rules")
    sandbox.add_argument("--time-scale", type=float, default=1.0, help="shorten rate windows, holds and batches")
    sandbox.add_argument("--api-key", help="API key the sandbox accepts (default: the demo key)")
    sandbox.add_argument("--secret-key", help="secret key the sandbox accepts (default: the demo key)")

    outbox = sub.add_parser("outbox", help="list, retry and export the queue and the failed list")
    _data_dir(outbox)
    outbox_sub = outbox.add_subparsers(dest="outbox_command", required=True)
    listing = outbox_sub.add_parser("list", help="queued, sending and failed items")
    listing.add_argument("--state", action="append",
                         choices=["queued", "sending", "delivered", "failed", "discarded", "review"],
                         help="only these states (default queued, sending, failed and review); review also shows "
                              "what Gameball holds under the id")
    retry = outbox_sub.add_parser("retry", help="send a failed item again (after fixing the data or the keys)")
    retry.add_argument("id", type=int)
    _reason(retry, "the retry")
    decisions = []
    for name, what in (("mark-delivered", "it is this sale: mark it delivered"),
                       ("mark-failed", "it is another sale: mark it failed (order id already used)")):
        decision = outbox_sub.add_parser(name, help=f"an item needing review, checked in Gameball: {what}")
        decision.add_argument("id", type=int)
        _reason(decision, "the decision")
        decisions.append(decision)
    export = outbox_sub.add_parser("export", help="write the outbox to a CSV file")
    export.add_argument("file")
    check = outbox_sub.add_parser("check", help="full integrity check of the database (reads every page: slow "
                                  "with a year on file)")
    archive = outbox_sub.add_parser(
        "archive", help="move delivered orders sold before the return period (return_period_days) to a gzip file "
                        "in <data-dir>/archive and out of the database; the running app does this daily")
    archive.add_argument("--dry-run", action="store_true", help="only say what would be archived")
    for leaf in (listing, retry, export, check, archive, *decisions):
        _data_dir(leaf)

    config = sub.add_parser("config", help="show, set, import and export settings; set keys from stdin")
    _data_dir(config)
    config_sub = config.add_subparsers(dest="config_command", required=True)
    show = config_sub.add_parser("show", help="print the settings (never the keys)")
    setter = config_sub.add_parser("set", help="set settings, e.g. merchant_id=M1 branch_id=B7")
    setter.add_argument("pairs", nargs="+", metavar="KEY=VALUE")
    _reason(setter, "the change")
    set_keys = config_sub.add_parser("set-keys", help="read the API key and then the secret key from standard input")
    _reason(set_keys, "the new keys")
    config_export = config_sub.add_parser("export", help="write the settings to a TOML file (no keys)")
    config_export.add_argument("file")
    config_import = config_sub.add_parser("import", help="read settings from a TOML file (validated, all or none)")
    config_import.add_argument("file")
    config_import.add_argument("--terminal", metavar="ID",
                               help="this till's terminal id: picks its [[terminals]] entry of a fleet file")
    _reason(config_import, "the change")
    token = config_sub.add_parser("bridge-token", help="show the bridge token, or rotate it (manager PIN if set)")
    token.add_argument("--rotate", action="store_true", help="make a new token; the host POS must be updated")
    token.add_argument("--reason", help="why it is rotated (required with --rotate): audited with the terminal "
                       "and the time, and listed on the end-of-day summary")
    for leaf in (show, setter, set_keys, config_export, config_import, token):
        _data_dir(leaf)
    report = sub.add_parser("report", help="end-of-day loyalty summary and order history exports")
    _data_dir(report)
    report_sub = report.add_subparsers(dest="report_command", required=True)
    day = report_sub.add_parser("day", help="the loyalty summary of one local day (default today)")
    day.add_argument("--date", help="YYYY-MM-DD, the terminal's local day")
    day.add_argument("--csv", help="also write the summary to this CSV file")
    history = report_sub.add_parser("history", help="orders and their Gameball transactions to CSV")
    history.add_argument("--from", dest="start", required=True, help="first local day, YYYY-MM-DD")
    history.add_argument("--to", dest="end", required=True, help="last local day, YYYY-MM-DD (included)")
    history.add_argument("file")
    shortfalls = report_sub.add_parser("shortfalls", help="sales whose discount was given but whose points "
                                       "Gameball would not take (their hold expired first)")
    shortfalls.add_argument("--date", help="only sales of this local day, YYYY-MM-DD (default: all)")
    for leaf in (day, history, shortfalls):
        _data_dir(leaf)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    from pos_app.config.textio import safe_console

    safe_console()  # before anything prints: a pipe on Windows would raise on an Arabic merchant name
    args = build_parser().parse_args(argv)
    mode = _mode(args)
    if mode not in {"the window", "--headless", "--demo"}:
        return _run(args)  # the commands say what is wrong with the store themselves, without loading the app
    from pos_app.app import refuse_newer_database

    return refuse_newer_database(lambda: _run(args), window=mode != "--headless")


def _run(args: argparse.Namespace) -> int:
    if args.command == "sandbox":
        from pos_app.sandbox.cli import run_sandbox_cli
        from pos_app.sandbox.demo import DEMO_API_KEY, DEMO_SECRET_KEY

        return run_sandbox_cli(port=args.port, demo=args.demo, time_scale=args.time_scale,
                               api_key=args.api_key or DEMO_API_KEY, secret_key=args.secret_key or DEMO_SECRET_KEY)
    if args.command == "outbox":
        from pos_app.commands import outbox_command

        return outbox_command(args)
    if args.command == "report":
        from pos_app.commands import report_command

        return report_command(args)
    if args.command == "config":
        from pos_app.commands import config_command

        return config_command(args)
    if args.self_test:
        from pos_app.selftest import run_self_test

        return run_self_test(args)
    if args.headless:
        from pos_app.app import run_headless

        return run_headless(args)
    if args.demo:
        from pos_app.app import run_demo

        return run_demo(args)
    from pos_app.app import run_gui

    return run_gui(args)


if __name__ == "__main__":
    sys.exit(main())
