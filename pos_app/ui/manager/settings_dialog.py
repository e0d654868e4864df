"""The manager's settings: the terminal's non-secret settings, the keys (write-only) and the PIN.

Blank key and PIN fields keep what is stored; typed keys replace both (the credential store only, and the
sender uses them at once). Settings are validated as `pos-app config set` validates them, and take effect
when the terminal starts again: the window offers that once they are saved.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from pos_app.config.settings import SettingsError
from pos_app.domain.errors import ValidationError
from pos_app.domain.reasons import REASON_FIELD, manager_reason
from pos_app.services.manager import ConnectionCheck, KeyStore, ManagerService, Saved
from pos_app.ui.manager.common import (
    SettingsFields,
    WorkerCalls,
    connection_text,
    describe,
    key_store_line,
    label,
    no_secure_store,
    pin_field,
    reason_field,
    secret_field,
)
from pos_app.ui.screen_fit import fit_to_screen, scrolling
from pos_app.ui.worker import Worker

log = logging.getLogger(__name__)

CUSTOMER_FIELDS = ("otp_policy", "otp_threshold_points", "frequent_customer_limit", "customer_display_screen",
                   "customer_display_idle")
FIELDS = ("merchant_id", "merchant_name", "branch_id", "branch_name", "terminal_id", "phone_region", "currency",
          "language", "api_base", "bridge_port", *CUSTOMER_FIELDS)
_ERROR_STYLE = "color: #b3261e;"
_OK_STYLE = "color: #1b7f3b;"


class SettingsDialog(WorkerCalls, QDialog):
    saved = Signal(object)  # Saved

    def __init__(self, service: ManagerService, worker: Worker, store: KeyStore,
                 parent: QWidget | None = None, *, account_requires_otp: bool = False) -> None:
        super().__init__(parent)
        self.service = service
        self.track(worker)
        self.busy = False
        self.setObjectName("settingsDialog")
        self.setWindowTitle(self.tr("Settings"))
        self.fields = SettingsFields(service.settings, FIELDS)

        identity = QGroupBox(self.tr("Store and till"))
        identity_form = QFormLayout(identity)
        self.fields.add_rows(identity_form, ("merchant_id", "merchant_name", "branch_id", "branch_name",
                                             "terminal_id", "phone_region", "currency", "language"))
        connection = QGroupBox(self.tr("Connection"))
        connection_form = QFormLayout(connection)
        self.fields.add_rows(connection_form, ("api_base", "bridge_port"))
        customers = QGroupBox(self.tr("Customers at the till"))
        customers_form = QFormLayout(customers)
        customers_form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        self.fields.add_rows(customers_form, CUSTOMER_FIELDS)
        self.otp_required_note = QLabel(self.tr(
            "Gameball refused a redemption without a code since the till started: this account requires OTP. The till "
            "asks for a code for every customer identified by phone, whatever the setting above."))
        self.otp_required_note.setObjectName("otpRequiredNote")
        self.otp_required_note.setWordWrap(True)
        self.otp_required_note.setVisible(account_requires_otp)
        customers_form.addRow(self.otp_required_note)

        keys = QGroupBox(self.tr("Gameball keys"))
        keys_form = QFormLayout(keys)
        self.key_store = QLabel(key_store_line(store.name, store.secure))
        self.key_store.setObjectName("keyStore")
        self.key_store.setWordWrap(True)
        keys_form.addRow(self.key_store)
        self.api_key = secret_field("apiKey")
        self.secret_key = secret_field("secretKey")
        for edit in (self.api_key, self.secret_key):
            edit.setPlaceholderText(self.tr("stored; type both keys to replace them"))
            edit.setEnabled(store.secure)
        keys_form.addRow(self.tr("API key"), self.api_key)
        keys_form.addRow(self.tr("Secret key"), self.secret_key)
        if not store.secure:
            refusal = QLabel(no_secure_store(store.name))
            refusal.setWordWrap(True)
            refusal.setStyleSheet(_ERROR_STYLE)
            keys_form.addRow(refusal)
        self.test_button = QPushButton(self.tr("Test connection"))
        self.test_button.setObjectName("testConnection")
        self.test_button.clicked.connect(self.test_connection)
        self.result = QLabel()
        self.result.setObjectName("connectionResult")
        self.result.setWordWrap(True)
        test_row = QHBoxLayout()
        test_row.addWidget(self.test_button)
        test_row.addStretch(1)
        keys_form.addRow(test_row)
        keys_form.addRow(self.result)

        pin = QGroupBox(self.tr("Manager PIN"))
        pin_form = QFormLayout(pin)
        self.pin = pin_field("newPin")
        self.repeat = pin_field("newPinRepeat")
        self.pin.setPlaceholderText(self.tr("unchanged"))
        self.pin.setEnabled(store.secure)
        self.repeat.setEnabled(store.secure)
        pin_form.addRow(self.tr("New PIN"), self.pin)
        pin_form.addRow(self.tr("New PIN again"), self.repeat)

        note = QLabel(self.tr("Changed settings take effect when pos-app starts again; queued orders are kept."))
        note.setWordWrap(True)
        self.reason = reason_field("changeReason", self.tr(
            "why the change: it goes into the audit log and the end-of-day notices"))
        reason_row = QFormLayout()
        reason_row.addRow(label(REASON_FIELD), self.reason)
        self.message = QLabel()
        self.message.setObjectName("settingsMessage")
        self.message.setWordWrap(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)

        columns = QHBoxLayout()
        left, right = QVBoxLayout(), QVBoxLayout()
        left.addWidget(identity)
        left.addWidget(connection)
        left.addWidget(customers)
        left.addStretch(1)
        right.addWidget(keys)
        right.addWidget(pin)
        right.addStretch(1)
        columns.addLayout(left, 1)
        columns.addLayout(right, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(scrolling(columns), 1)
        layout.addWidget(note)
        layout.addLayout(reason_row)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        fit_to_screen(self, 940, 560)

    def say(self, text: str, ok: bool = False) -> None:
        self.message.setText(text)
        self.message.setStyleSheet(_OK_STYLE if ok else _ERROR_STYLE)

    def test_connection(self) -> None:
        """With the keys typed, or else the stored ones: a manager can check them without typing them."""
        address = self.fields.values(("api_base",))["api_base"]
        api_key, secret_key = self.api_key.text(), self.secret_key.text()
        self.test_button.setEnabled(False)
        self.result.setText(self.tr("Testing the connection to Gameball..."))
        self.result.setStyleSheet("")
        self.call("test connection", lambda: self.service.test_connection(address, api_key, secret_key),
                  lambda check: self._tested(check, address), self._test_failed)

    def _tested(self, check: ConnectionCheck, address: str) -> None:
        self.test_button.setEnabled(True)
        self.result.setText(connection_text(check, address))
        self.result.setStyleSheet(_OK_STYLE if check.ok else _ERROR_STYLE)

    def _test_failed(self, error: Exception) -> None:
        self.test_button.setEnabled(True)
        self.result.setText(describe(error))
        self.result.setStyleSheet(_ERROR_STYLE)

    def save(self) -> None:
        if self.busy:
            return
        values = self.fields.values(FIELDS)
        try:
            self.service.validate(values)  # pure: the message comes before anything is sent to the worker
        except SettingsError as error:
            self.fields.mark(error.field)
            self.say(describe(error))
            return
        self.fields.mark(None)
        self.reason.setStyleSheet("")
        if self.pin.text() != self.repeat.text():
            self.say(self.tr("The two PINs differ. Type the same PIN twice."))
            return
        if bool(self.api_key.text()) != bool(self.secret_key.text()):
            self.say(self.tr("Type both keys to replace them, or neither to keep the stored ones."))
            return
        api_key, secret_key, pin = self.api_key.text(), self.secret_key.text(), self.pin.text()
        reason = self.reason.text()
        if self.service.changes(values, bool(api_key), pin):  # pure, like validate: nothing waits on the worker
            try:
                reason = manager_reason(reason)
            except ValidationError as error:
                self.reason.setStyleSheet(_ERROR_STYLE)
                self.reason.setFocus()
                self.say(describe(error))
                return
        self.busy = True
        self.say(self.tr("Saving..."), ok=True)
        self.call("save settings", lambda: self.service.save_settings(values, api_key, secret_key, pin, reason),
                  self._saved, self._failed)

    def _saved(self, result: Saved) -> None:
        self.busy = False
        for edit in (self.api_key, self.secret_key, self.pin, self.repeat, self.reason):
            edit.clear()
        self.saved.emit(result)
        self.accept()

    def _failed(self, error: Exception) -> None:
        self.busy = False
        self.say(describe(error))
