"""Uncaught exceptions from any thread: logged, written to a crash report (no secrets, no card numbers),
and handed to the window once, on the GUI thread, while the app and its queue keep working."""

from __future__ import annotations

import itertools
import logging
import sys
import threading
import traceback
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from types import TracebackType

from pos_app import __version__, private_files
from pos_app.config.logs import redactor
from pos_app.domain.cards import mask_card_numbers

log = logging.getLogger(__name__)

_serial = itertools.count(1)


class CrashReporter:
    def __init__(self, data_dir: Path, on_crash: Callable[[str, Path], None] | None = None) -> None:
        self.directory = data_dir / "crash"
        self.on_crash = on_crash
        self._previous: tuple[object, object] | None = None

    def install(self) -> None:
        self._previous = (sys.excepthook, threading.excepthook)
        sys.excepthook = self._sys_hook
        threading.excepthook = self._thread_hook

    def uninstall(self) -> None:
        if self._previous is not None:
            sys.excepthook, threading.excepthook = self._previous  # type: ignore[assignment]
            self._previous = None

    def _sys_hook(self, kind: type[BaseException], error: BaseException, tb: TracebackType | None) -> None:
        self.report(kind, error, tb, threading.current_thread().name)

    def _thread_hook(self, args: threading.ExceptHookArgs) -> None:
        if args.exc_type is SystemExit:
            return
        thread = args.thread.name if args.thread else "unknown thread"
        self.report(args.exc_type, args.exc_value or args.exc_type(), args.exc_traceback, thread)

    def report(self, kind: type[BaseException], error: BaseException, tb: TracebackType | None,
               thread: str) -> Path | None:
        """Log the crash and write its report; returns the report's path (None if it could not be written)."""
        text = scrub("".join(traceback.format_exception(kind, error, tb)))
        log.error("uncaught %s in thread %s:\n%s", kind.__name__, thread, text)
        now = datetime.now(UTC)
        report = (f"pos-app {__version__} crash report\ntime: {now.isoformat()}\nthread: {thread}\n"
                  f"python: {sys.version.split()[0]}\n\n{text}")
        path = self.directory / f"crash-{now:%Y%m%dT%H%M%SZ}-{next(_serial)}.txt"
        try:
            private_files.make_directory(self.directory)
            with open(path, "w", encoding="utf-8", opener=private_files.opener) as file:
                file.write(report)
        except OSError:
            log.exception("could not write the crash report")
            return None
        if self.on_crash is not None:
            self.on_crash(f"{kind.__name__}: {scrub(str(error))}", path)
        return path


def scrub(text: str) -> str:
    """No key, token or card number in anything a crash writes."""
    return mask_card_numbers(redactor.scrub(text))
