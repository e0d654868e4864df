"""The manager PIN at the till: digits only, masked, with the tries left and the lockout counting down.

The check runs on the worker (scrypt and the store's counters take time); the dialog accepts only on the
service's word. A till set up from a file and stdin has no PIN yet: then the dialog sets one (twice).
"""

from __future__ import annotations

import logging
import math
import time

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QVBoxLayout, QWidget

from pos_app.config.pin import PinCheck
from pos_app.services.manager import DEMO_PIN, ManagerService
from pos_app.ui.manager.common import WorkerCalls, describe, pin_field
from pos_app.ui.worker import Worker

log = logging.getLogger(__name__)


class PinDialog(WorkerCalls, QDialog):
    def __init__(self, service: ManagerService, worker: Worker, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.service = service
        self.track(worker)
        self.setObjectName("pinDialog")
        self.setWindowTitle(self.tr("Manager mode"))
        self.setting = False  # True on a till without a PIN: this dialog sets the first one
        self.busy = True  # until the service says whether a PIN is set and whether it is locked
        self._locked_until = 0.0
        self.intro = QLabel(self.tr("Enter the manager PIN."))
        self.intro.setObjectName("pinIntro")
        self.intro.setWordWrap(True)
        self.pin = pin_field("pinEntry")
        self.repeat = pin_field("pinRepeat")
        self.form = QFormLayout()
        self.form.addRow(self.tr("PIN"), self.pin)
        self.form.addRow(self.tr("PIN again"), self.repeat)
        self.form.setRowVisible(self.repeat, False)
        self.status = QLabel()
        self.status.setObjectName("pinStatus")
        self.status.setWordWrap(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addLayout(self.form)
        layout.addWidget(self.status)
        if service.demo:
            hint = QLabel(self.tr("Demo: the manager PIN is {pin}.").format(pin=DEMO_PIN))
            hint.setObjectName("pinDemoHint")
            layout.addWidget(hint)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(420)
        self._ticker = QTimer(self)
        self._ticker.setInterval(1000)
        self._ticker.timeout.connect(self._tick)
        self.call("manager pin state", lambda: (service.pin_is_set(), service.locked_for()), self._state,
                  self._failed, query=True)

    # --- states ----------------------------------------------------------------------------------

    def _state(self, state: tuple[bool, float]) -> None:
        is_set, locked_for = state
        self.busy = False
        if not is_set:
            self.setting = True
            self.setWindowTitle(self.tr("Set the manager PIN"))
            self.intro.setText(self.tr(
                "No manager PIN is set on this till yet. Choose one of 4 to 8 digits and keep it private: it "
                "guards the settings, the keys, the failed orders, the reports and the bridge token."))
            self.form.setRowVisible(self.repeat, True)
        if locked_for > 0:
            self._lock(locked_for)
        self.pin.setFocus()

    def _lock(self, seconds: float) -> None:
        self._locked_until = time.monotonic() + seconds
        self.pin.clear()
        self.pin.setEnabled(False)
        self._ticker.start()
        self._tick()

    def locked_seconds(self) -> int:
        return max(0, math.ceil(self._locked_until - time.monotonic()))

    def _tick(self) -> None:
        left = self.locked_seconds()
        if left <= 0:
            self._ticker.stop()
            self.pin.setEnabled(True)
            self.pin.setFocus()
            self.status.setText(self.tr("You can try again."))
            self.status.setStyleSheet("")
            return
        wait = f"{left // 60}:{left % 60:02d}"
        self.status.setText(self.tr("Too many wrong PINs. Try again in {time}.").format(time=wait))
        self.status.setStyleSheet("color: #b3261e;")

    # --- actions ---------------------------------------------------------------------------------

    def submit(self) -> None:
        if self.busy or self.locked_seconds() > 0:
            return
        pin = self.pin.text()
        if self.setting:
            if pin != self.repeat.text():
                self._say(self.tr("The two PINs differ. Type the same PIN twice."))
                return
            self.busy = True
            self.call("manager set pin", lambda: self.service.set_first_pin(pin), lambda _: self.accept(), self._failed)
            return
        if not pin:
            self._say(self.tr("Enter the PIN."))
            return
        self.busy = True
        self.call("manager pin", lambda: self.service.check_pin(pin), self._checked, self._failed)

    def _checked(self, result: PinCheck) -> None:
        self.busy = False
        if result.ok:
            self.accept()
            return
        self.pin.clear()
        if result.locked_for > 0:
            self._lock(result.locked_for)
        else:
            # %n picks the plural form of the language: "1 try left", "2 tries left", Arabic's six forms.
            self._say(self.tr("Wrong PIN. %n tries left.", "", result.tries_left))
            self.pin.setFocus()

    def _failed(self, error: Exception) -> None:
        self.busy = False
        self._say(describe(error))

    def _say(self, text: str) -> None:
        self.status.setText(text)
        self.status.setStyleSheet("color: #b3261e;")
