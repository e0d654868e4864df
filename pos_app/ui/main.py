"""Opening the window on a running terminal's services (`pos-app`, `pos-app --demo`), and the first-run setup
before it. pos_app.runtime builds the services; this module only shows them."""

from __future__ import annotations

import logging
import sys
from functools import partial
from pathlib import Path

import shiboken6
from PySide6.QtCore import QCoreApplication, Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from pos_app.services.manager import ManagerService
from pos_app.services.terminal import TillServices
from pos_app.stopping import StopRequests
from pos_app.ui import i18n
from pos_app.ui.crash_dialog import CrashNotifier, ReporterFactory
from pos_app.ui.gc_guard import GuiThreadGarbageCollector
from pos_app.ui.main_window import MainWindow
from pos_app.ui.manager import ManagerMode
from pos_app.ui.manager.setup_wizard import SetupWizard
from pos_app.ui.single_instance import SingleInstance, guard_key
from pos_app.ui.worker import Worker

log = logging.getLogger(__name__)

# run_window's exit code when a manager saved settings that need the terminal built again (run_gui loops).
RESTART_EXIT_CODE = 75


def _application() -> QApplication:
    app = QApplication.instance() or QApplication(sys.argv)
    app.setApplicationName("pos-app")
    if app.findChild(GuiThreadGarbageCollector) is None:
        GuiThreadGarbageCollector(app)
    return app  # type: ignore[return-value]


def claim_single_instance(data_dir: Path) -> bool:
    """True when this is the data directory's only till; False when a running one was brought forward."""
    app = _application()
    for held in app.findChildren(SingleInstance):  # one till per process: run_gui again in the same process
        if held.name == guard_key(data_dir):
            return True
        held.close()
        shiboken6.delete(held)
    guard = SingleInstance(data_dir, app)  # lives as long as the application
    if guard.claim():
        return True
    log.info("a till is already running on %s: brought it forward; this start ends", data_dir)
    shiboken6.delete(guard)
    return False


def report_start_failure(message: str) -> None:
    """Why the till did not start, in the log and in a message box: the windowed exe has no console."""
    log.error("not started: %s", message)
    _application()  # a message box needs one; the window never got to make it
    QMessageBox.critical(None, QCoreApplication.translate("StartUp", "pos-app did not start"),
                         QCoreApplication.translate("StartUp", "The till could not start:\n\n{reason}").format(
                             reason=message))


def _bring_forward(window: MainWindow) -> None:
    window.setWindowState(window.windowState() & ~Qt.WindowState.WindowMinimized)
    window.show()
    window.raise_()
    window.activateWindow()


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
    # Ctrl+C, SIGTERM, Ctrl+Break and the console's close/logoff/shutdown events close the window cleanly (the
    # queue is durable either way). Python runs signal handlers only between bytecodes, and Windows' console
    # events come on their own thread, so a timer on this thread looks now and then.
    stops = StopRequests().install()
    wakeup = QTimer(window)
    wakeup.timeout.connect(lambda: window.close() if stops.requested.is_set() else None)
    wakeup.start(500)
    guard = app.findChild(SingleInstance)
    forward = partial(_bring_forward, window)
    if guard is not None:
        guard.activated.connect(forward)
    # A logoff or shutdown ends the session with aboutToQuit, and the process may be ended before exec()
    # returns: held points are released there.
    app.aboutToQuit.connect(window.shutdown)
    log.info("till window open (demo=%s, language=%s)", demo, services.settings.language)
    try:
        return app.exec()
    finally:
        app.aboutToQuit.disconnect(window.shutdown)
        if guard is not None:
            guard.activated.disconnect(forward)
        window.shutdown()
        stops.finished()
        crashes.uninstall()
        i18n.uninstall(app, translators)
        # On a restart the event loop ended with the window still open: close it without quitting, and delete
        # it (and the notifier) here on the GUI thread rather than wherever garbage collection would.
        app.setQuitOnLastWindowClosed(False)
        window.close()
        app.setQuitOnLastWindowClosed(True)
        shiboken6.delete(window)
        shiboken6.delete(crashes)
