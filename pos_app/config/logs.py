"""Logging: rotating files in the data directory, with every known secret scrubbed from each record."""

from __future__ import annotations

import logging
import logging.handlers
import sys
import time
from collections.abc import Iterable
from pathlib import Path

from pos_app import private_files
from pos_app.config.paths import log_dir

LOG_FILE = "pos-app.log"
_FORMAT = "%(asctime)s %(levelname)s %(threadName)s %(name)s: %(message)s"


class RedactingFilter(logging.Filter):
    """A last line of defence: no module logs secrets on purpose, but a secret must never reach a file."""

    def __init__(self) -> None:
        super().__init__()
        self._secrets: set[str] = set()

    def add(self, secrets: Iterable[str | None]) -> None:
        self._secrets.update(s for s in secrets if s and len(s) >= 4)

    def scrub(self, text: str) -> str:
        for secret in self._secrets:
            text = text.replace(secret, "[redacted]")
        return text

    def filter(self, record: logging.LogRecord) -> bool:
        if not self._secrets:
            return True
        message = record.getMessage()
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        scrubbed = self.scrub(message)
        if scrubbed != message:
            record.msg, record.args = scrubbed, None
        if record.exc_text:
            record.exc_text = self.scrub(record.exc_text)
        return True


redactor = RedactingFilter()


class _PrivateRotatingFileHandler(logging.handlers.RotatingFileHandler):
    """Each log file, the ones started at rotation too, is 0600 whatever the umask. With the disk full every
    record fails to write, and logging would print a traceback to stderr for each one: it says so once, then
    stays quiet until a record is written again."""

    _failing = False
    _failed_now = False

    def emit(self, record: logging.LogRecord) -> None:
        self._failed_now = False
        super().emit(record)
        if self._failing and not self._failed_now:
            self._failing = False

    def handleError(self, record: logging.LogRecord) -> None:
        self._failed_now = True
        if self._failing:
            return
        self._failing = True
        error = sys.exc_info()[1]
        try:
            sys.stderr.write(f"pos-app: cannot write the log {self.baseFilename} ({error}); log lines are lost "
                             "until it can write again\n")
        except OSError:
            pass

    def _open(self):  # noqa: ANN202 - logging's own hook
        return open(self.baseFilename, self.mode, encoding=self.encoding, errors=self.errors,
                    opener=private_files.opener)


class KeepWritingRotatingFileHandler(_PrivateRotatingFileHandler):
    """A rotating file whose rotation may fail: on Windows a log another process holds open (a second pos-app,
    a log agent) cannot be renamed, and the standard handler then drops every record. Here the file is opened
    again and kept growing, and rotation is tried again after `retry_after` seconds."""

    def __init__(self, *args: object, retry_after: float = 60.0, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.retry_after = retry_after
        self._next_try = 0.0
        self.failed_rotations = 0

    def shouldRollover(self, record: logging.LogRecord) -> int:  # noqa: N802 - logging's name
        if time.monotonic() < self._next_try:
            return False
        return super().shouldRollover(record)

    def doRollover(self) -> None:  # noqa: N802 - logging's name
        try:
            super().doRollover()
        except OSError:
            self.failed_rotations += 1
            self._next_try = time.monotonic() + self.retry_after
            if self.stream is None:
                self.stream = self._open()


def setup_logging(data_dir: Path, level: int = logging.INFO, console: bool = True) -> Path:
    """Rotating file (5 x 2 MB) in <data-dir>/logs, and stderr for warnings when asked. Returns the file."""
    path = log_dir(data_dir) / LOG_FILE
    root = logging.getLogger()
    for handler in list(root.handlers):
        if getattr(handler, "_pos_app", False):
            root.removeHandler(handler)
            handler.close()
    file_handler = KeepWritingRotatingFileHandler(path, maxBytes=2_000_000, backupCount=5, encoding="utf-8")
    file_handler.setFormatter(logging.Formatter(_FORMAT))
    handlers: list[logging.Handler] = [file_handler]
    if console:
        stream = logging.StreamHandler(sys.stderr)
        stream.setLevel(logging.WARNING)
        stream.setFormatter(logging.Formatter("%(levelname)s %(name)s: %(message)s"))
        # A record logged with extra={"console": False} was already said on the console in plain words.
        stream.addFilter(lambda record: getattr(record, "console", True))
        handlers.append(stream)
    for handler in handlers:
        handler._pos_app = True  # type: ignore[attr-defined]
        handler.addFilter(redactor)
        root.addHandler(handler)
    root.setLevel(level)
    logging.getLogger("httpx").setLevel(logging.WARNING)
    logging.getLogger("httpcore").setLevel(logging.WARNING)
    return path
