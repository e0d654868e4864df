"""Uncaught errors in the window: pos_app.crash writes the report; this shows it, once, on the GUI thread.

The CrashReporter's hook may run on any thread (the sync engine's, the bridge's, a Qt slot's); it only emits
a signal, queued to the GUI thread. While the dialog is open, later crashes are counted in it instead of
opening more dialogs: a loop that fails every second must not bury the till in windows. The till and its
queue keep running either way (the engine reports its own errors and carries on).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import Protocol

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from pos_app.ui.i18n import ltr

log = logging.getLogger(__name__)


class Reporter(Protocol):
    """pos_app.crash.CrashReporter as the window uses it (the run modes make it: crash sits above the ui)."""

    def install(self) -> None: ...

    def uninstall(self) -> None: ...


# Makes the reporter with the callback to call once a report is written: (message, report path).
ReporterFactory = Callable[[Callable[[str, Path], None]], Reporter]


class CrashDialog(QDialog):
    def __init__(self, message: str, path: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("crashDialog")
        self.setWindowTitle(self.tr("Something went wrong"))
        self.crashes = 1
        self.text = QLabel(self.tr(
            "pos-app hit an unexpected error and carried on. Sales already paid are safe, and waiting orders "
            "are still sent. Tell a manager if this happens again."))
        self.text.setWordWrap(True)
        self.detail = QLabel()
        self.detail.setObjectName("crashDetail")
        self.detail.setWordWrap(True)
        self.detail.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.repeats = QLabel()
        self.repeats.setObjectName("crashRepeats")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.text)
        layout.addWidget(self.detail)
        layout.addWidget(self.repeats)
        layout.addWidget(buttons)
        self.setMinimumWidth(520)
        self.show_crash(message, path)

    def show_crash(self, message: str, path: Path) -> None:
        self.detail.setText(self.tr("Error: {error}\nReport: {path}").format(error=ltr(message), path=ltr(str(path))))

    def another(self, message: str, path: Path) -> None:
        self.crashes += 1
        self.show_crash(message, path)
        self.repeats.setText(self.tr("{count} errors since this window opened.").format(count=self.crashes))


class CrashNotifier(QObject):
    """Owns the installed CrashReporter; `window` is the dialog's parent once the till window exists."""

    crashed = Signal(str, object)  # message, report path (CrashReporter calls only once the report is written)

    def __init__(self, make_reporter: ReporterFactory, parent: QObject) -> None:
        # A parent owns it: a parentless QObject would be deleted by whichever thread's garbage collection
        # finds it, and Qt objects must be deleted on their own thread.
        super().__init__(parent)
        self.window: QWidget | None = None
        self.dialog: CrashDialog | None = None
        self.shown = 0  # dialogs opened this session
        # Queued even from the GUI thread: the dialog must not open inside the hook of a failing slot.
        self.crashed.connect(self._show, Qt.ConnectionType.QueuedConnection)
        self.reporter = make_reporter(self.crashed.emit)

    def install(self) -> CrashNotifier:
        self.reporter.install()
        return self

    def uninstall(self) -> None:
        self.reporter.uninstall()

    def _show(self, message: str, path: Path) -> None:
        if self.dialog is not None:
            self.dialog.another(message, path)
            return
        self.shown += 1
        log.info("crash dialog shown (%d this session), report %s", self.shown, path.name)
        self.dialog = CrashDialog(message, path, self.window)
        self.dialog.finished.connect(self._closed)
        self.dialog.show()
        self.dialog.raise_()

    def _closed(self) -> None:
        if self.dialog is not None:
            self.dialog.deleteLater()
        self.dialog = None
