"""Opening the window on a running terminal's services (`pos-app`, `pos-app --demo`), and the first-run setup
before it. pos_app.runtime builds the services; this module only shows them."""

from __future__ import annotations

import logging
import signal
import sys

import shiboken6
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from pos_app.services.manager import ManagerService
from pos_app.services.terminal import TillServices
from pos_app.ui import i18n
from pos_app.ui.crash_dialog import CrashNotifier, ReporterFactory
from pos_app.ui.main_window import MainWindow
from pos_app.ui.manager import ManagerMode
from pos_app.ui.manager.setup_wizard import SetupWizard
from pos_app.ui.worker import Worker

log = logging.getLogger(__name__)

# run_window's exit code when a manager saved settings that need the terminal built again (run_gui loops).
RESTART_EXIT_CODE = 75


def _application() -> QApplication:
    app = QApplication.instance() or QApplication(sys.argv)
    app.setApplicationName("pos-app")
    return app  # type: ignore[return-value]


def run_setup(service: ManagerService, crash_reporter: ReporterFactory) -> None:
    """The first-run wizard, on its own worker (the till window and its worker do not exist yet)."""
    app = _application()
    translators = i18n.install(app, service.settings.language)
    crashes = CrashNotifier(crash_reporter, app).install()
    worker = Worker(app)
    wizard = SetupWizard(service, worker)
    crashes.window = wizard
    try:
        wizard.exec()
        if wizard.saved is None:
            log.warning("setup cancelled: the till opens without keys and queues orders until a manager sets it up")
    finally:
        worker.stop(service.close)
        crashes.uninstall()
        i18n.uninstall(app, translators)
        # Deleted now, on this thread: the wizard is nobody's child, and left to the garbage collector it could
        # be finalized on the sync engine's thread.
        crashes.window = None
        shiboken6.delete(wizard)
        shiboken6.delete(worker)
        shiboken6.delete(crashes)


def run_window(services: TillServices, manager_service: ManagerService, crash_reporter: ReporterFactory, *,
               demo: bool = False) -> int:
    """Show the till window until it is closed; returns the exit code (RESTART_EXIT_CODE: build it again)."""
    app = _application()
    translators = i18n.install(app, services.settings.language)
    # Any thread's uncaught error: a report in the data directory and one dialog (pos_app.crash, Electrum's way).
    crashes = CrashNotifier(crash_reporter, app).install()
    window = MainWindow(services, demo=demo)
    crashes.window = window
    manager = ManagerMode(window, manager_service)
    manager.restart_requested.connect(lambda: app.exit(RESTART_EXIT_CODE))
    window.show()
    # Ctrl+C and SIGTERM close the window cleanly (the queue is durable either way). Python runs signal
    # handlers only between bytecodes, so a timer hands it the interpreter now and then.
    previous = {number: signal.signal(number, lambda *_: window.close()) for number in (signal.SIGINT, signal.SIGTERM)}
    wakeup = QTimer(window)
    wakeup.timeout.connect(lambda: None)
    wakeup.start(500)
    log.info("till window open (demo=%s, language=%s)", demo, services.settings.language)
    try:
        return app.exec()
    finally:
        window.shutdown()
        for number, handler in previous.items():
            signal.signal(number, handler)
        crashes.uninstall()
        i18n.uninstall(app, translators)
        # On a restart the event loop ended with the window still open: close it without quitting, and delete
        # it (and the notifier) here on the GUI thread rather than wherever garbage collection would.
        app.setQuitOnLastWindowClosed(False)
        window.close()
        app.setQuitOnLastWindowClosed(True)
        shiboken6.delete(window)
        shiboken6.delete(crashes)
