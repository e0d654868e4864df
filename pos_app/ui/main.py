"""Opening the till window on a running Runtime: `pos-app` and `pos-app --demo` end up here."""

from __future__ import annotations

import logging
import signal
import sys
import threading
import traceback
from types import TracebackType

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QApplication, QMessageBox

from pos_app.app import Runtime
from pos_app.ui import i18n
from pos_app.ui.main_window import MainWindow
from pos_app.ui.services import TillServices

log = logging.getLogger(__name__)


class _CrashReporter(QObject):
    """Any thread's uncaught exception becomes one logged error and one dialog on the GUI thread
    (Electrum's exception hook): the till keeps running, and the cashier knows to call for help."""

    crashed = Signal(str)

    def __init__(self) -> None:
        super().__init__()
        self.crashed.connect(self._show)

    def install(self) -> None:
        sys.excepthook = self._hook
        threading.excepthook = lambda args: self._hook(args.exc_type, args.exc_value, args.exc_traceback)

    def _hook(self, kind: type[BaseException], error: BaseException | None, trace: TracebackType | None) -> None:
        log.error("uncaught error:\n%s", "".join(traceback.format_exception(kind, error, trace)))
        self.crashed.emit(kind.__name__)

    def _show(self, name: str) -> None:
        QMessageBox.critical(None, self.tr("pos-app"), self.tr(
            "Something went wrong ({name}). Sales already paid are safe. The details are in the log; "
            "tell a manager if it happens again.").format(name=name))


def run_window(runtime: Runtime, *, demo: bool = False) -> int:
    """Show the till window until it is closed; returns the exit code."""
    app = QApplication.instance() or QApplication(sys.argv)
    app.setApplicationName("pos-app")
    i18n.install(app, runtime.settings.language)
    reporter = _CrashReporter()
    reporter.install()
    window = MainWindow(TillServices.from_runtime(runtime, demo=demo), demo=demo)
    window.show()
    # Ctrl+C and SIGTERM close the window cleanly (the queue is durable either way). Python runs signal
    # handlers only between bytecodes, so a timer hands it the interpreter now and then.
    for number in (signal.SIGINT, signal.SIGTERM):
        signal.signal(number, lambda *_: window.close())
    wakeup = QTimer(window)
    wakeup.timeout.connect(lambda: None)
    wakeup.start(500)
    log.info("till window open (demo=%s, language=%s)", demo, runtime.settings.language)
    try:
        return app.exec()
    finally:
        window.shutdown()
