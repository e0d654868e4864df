"""First-run setup in the window: keys, the store's identity, region and language, the manager PIN.

`pos-app` shows it when the terminal has no keys (never in the demo). Each page is checked with the same
code as `pos-app config set` when Next is pressed; Finish stores everything through the worker: keys and
the PIN's hash in the OS credential store (refused without a secure one), settings in SQLite. The key
fields are write-only: masked, never filled back, cleared once stored.
"""

from __future__ import annotations

import logging

from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from pos_app.config import secrets
from pos_app.config.pin import PinError, validate_pin
from pos_app.config.settings import Settings, SettingsError
from pos_app.services.manager import ConnectionCheck, KeyStore, ManagerService, Problem
from pos_app.ui.manager.common import (
    SettingsFields,
    WorkerCalls,
    connection_text,
    describe,
    key_store_line,
    no_secure_store,
    pin_field,
    secret_field,
)
from pos_app.ui.screen_fit import fit_to_screen
from pos_app.ui.style import BASE_STYLE
from pos_app.ui.worker import Worker

log = logging.getLogger(__name__)

INTRO, KEYS, STORE, REGION, PIN = range(5)
STORE_FIELDS = ("merchant_id", "merchant_name", "branch_id", "branch_name", "terminal_id")
REGION_FIELDS = ("phone_region", "currency", "language")
ALL_FIELDS = ("api_base", *STORE_FIELDS, *REGION_FIELDS)
_ERROR_STYLE = "color: #b3261e;"
_OK_STYLE = "color: #1b7f3b;"


class _Page(QWizardPage):
    """A page with a message line under its fields, for what is wrong on it."""

    def __init__(self, wizard: SetupWizard) -> None:
        super().__init__()
        self.owner = wizard
        self.message = QLabel()
        self.message.setObjectName("pageMessage")
        self.message.setWordWrap(True)
        self.form = QFormLayout()
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addStretch(1)
        layout.addWidget(self.message)

    def say(self, text: str, ok: bool = False) -> None:
        self.message.setText(text)
        self.message.setStyleSheet(_OK_STYLE if ok else _ERROR_STYLE)

    def check_settings(self, terminal_named: bool = False) -> bool:
        """Next only with valid settings so far (later pages' fields still hold valid defaults); from the
        store page on, the till must have its own terminal id."""
        fields = self.owner.fields
        try:
            settings = self.owner.service.validate(fields.values(ALL_FIELDS))
            if terminal_named:
                settings.require_terminal_id()
        except SettingsError as error:
            fields.mark(error.field)
            self.say(describe(error))
            return False
        fields.mark(None)
        self.say("")
        return True


class IntroPage(_Page):
    def __init__(self, wizard: SetupWizard, store: KeyStore) -> None:
        super().__init__(wizard)
        self.store = store
        self.setTitle(self.tr("Set up pos-app on this till"))
        self.setSubTitle(self.tr(
            "You need the API key and the secret key from your Gameball dashboard, the store's IDs, and a "
            "manager PIN to choose. It takes a few minutes."))
        self.backend = QLabel(key_store_line(store.name, store.secure))
        self.backend.setObjectName("keyStore")
        self.backend.setWordWrap(True)
        self.form.addRow(self.backend)
        if not store.secure:
            self.say(no_secure_store(store.name))

    def isComplete(self) -> bool:  # noqa: N802 (Qt's name)
        # Without a secure credential store there is nowhere to keep the keys: the wizard stops here.
        return self.store.secure


class KeysPage(_Page):
    def __init__(self, wizard: SetupWizard) -> None:
        super().__init__(wizard)
        self.setTitle(self.tr("Gameball keys"))
        self.setSubTitle(self.tr(
            "Paste both keys. They go to the credential store and are never shown again; a manager can "
            "replace them later."))
        self.api_key = secret_field("apiKey")
        self.secret_key = secret_field("secretKey")
        fields = wizard.fields
        fields.add_rows(self.form, ("api_base",))
        self.form.addRow(self.tr("API key"), self.api_key)
        self.form.addRow(self.tr("Secret key"), self.secret_key)
        self.test_button = QPushButton(self.tr("Test connection"))
        self.test_button.setObjectName("testConnection")
        self.test_button.clicked.connect(self.test_connection)
        self.result = QLabel()
        self.result.setObjectName("connectionResult")
        self.result.setWordWrap(True)
        row = QHBoxLayout()
        row.addWidget(self.test_button)
        row.addStretch(1)
        self.form.addRow(row)
        self.form.addRow(self.result)
        for edit in (self.api_key, self.secret_key):
            edit.textChanged.connect(self.completeChanged)
        # The keys and address Gameball accepted in a test, and those the manager was warned about.
        self.tested: tuple[str, str, str] | None = None
        self.warned: tuple[str, str, str] | None = None

    def typed(self) -> tuple[str, str, str]:
        return (self.owner.fields.values(("api_base",))["api_base"], self.api_key.text(), self.secret_key.text())

    def isComplete(self) -> bool:  # noqa: N802 (Qt's name)
        return bool(self.api_key.text().strip() and self.secret_key.text().strip())

    def validatePage(self) -> bool:  # noqa: N802 (Qt's name)
        for field, edit in (("api_key", self.api_key), ("secret_key", self.secret_key)):
            try:
                secrets.validate_key(field, edit.text())
            except ValueError as error:
                self.say(describe(error))
                edit.setFocus()
                return False
        if not self.check_settings():
            return False
        typed = self.typed()
        if typed != self.tested and typed != self.warned:
            # Untested keys may go on (Gameball may be out of reach during setup), but never silently.
            self.warned = typed
            self.show_result(self.tr("These keys have not been tested with Gameball. Press Test connection, or "
                                     "Next again to go on without testing."), False)
            return False
        return True

    def test_connection(self) -> None:
        address = self.owner.fields.values(("api_base",))["api_base"]
        api_key, secret_key = self.api_key.text(), self.secret_key.text()
        if not (api_key.strip() and secret_key.strip()):
            self.show_result(connection_text(ConnectionCheck(Problem.NO_KEYS), address), False)
            return
        self.test_button.setEnabled(False)
        self.show_result(self.tr("Testing the connection to Gameball..."), True)
        self.owner.call(
            "test connection", lambda: self.owner.service.test_connection(address, api_key, secret_key),
            lambda check, typed=self.typed(): self._tested(check, address, typed), self._test_failed)

    def _tested(self, check: ConnectionCheck, address: str, typed: tuple[str, str, str]) -> None:
        self.test_button.setEnabled(True)
        self.show_result(connection_text(check, address), check.ok)
        if check.ok:
            self.tested = typed

    def _test_failed(self, error: Exception) -> None:
        self.test_button.setEnabled(True)
        self.show_result(describe(error), False)

    def show_result(self, text: str, ok: bool) -> None:
        self.result.setText(text)
        self.result.setStyleSheet(_OK_STYLE if ok else _ERROR_STYLE)


class StorePage(_Page):
    def __init__(self, wizard: SetupWizard) -> None:
        super().__init__(wizard)
        self.setTitle(self.tr("Store and till"))
        self.setSubTitle(self.tr(
            "The merchant and branch uniqueIds as Gameball knows them; every order carries them. The terminal "
            "ID names this till in reports and the audit log."))
        wizard.fields.add_rows(self.form, STORE_FIELDS)

    def validatePage(self) -> bool:  # noqa: N802 (Qt's name)
        return self.check_settings(terminal_named=True)


class RegionPage(_Page):
    def __init__(self, wizard: SetupWizard) -> None:
        super().__init__(wizard)
        self.setTitle(self.tr("Region and language"))
        self.setSubTitle(self.tr(
            "Phone numbers typed without a country code are read in the phone region (two letters, such as "
            "EG). Prices are in the currency (three letters, such as EGP)."))
        wizard.fields.add_rows(self.form, REGION_FIELDS)

    def validatePage(self) -> bool:  # noqa: N802 (Qt's name)
        return self.check_settings()


class PinPage(_Page):
    def __init__(self, wizard: SetupWizard) -> None:
        super().__init__(wizard)
        self.setTitle(self.tr("Manager PIN"))
        self.setSubTitle(self.tr(
            "4 to 8 digits. It guards the settings, the keys, the failed orders, the reports and the bridge "
            "token. Five wrong tries lock it for a while."))
        self.pin = pin_field("newPin")
        self.repeat = pin_field("newPinRepeat")
        self.form.addRow(self.tr("PIN"), self.pin)
        self.form.addRow(self.tr("PIN again"), self.repeat)
        for edit in (self.pin, self.repeat):
            edit.textChanged.connect(self.completeChanged)
        self.setFinalPage(True)

    def isComplete(self) -> bool:  # noqa: N802 (Qt's name)
        return bool(self.pin.text() and self.repeat.text()) and not self.owner.saving

    def validatePage(self) -> bool:  # noqa: N802 (Qt's name)
        try:
            validate_pin(self.pin.text())
        except PinError as error:
            self.say(describe(error))
            return False
        if self.pin.text() != self.repeat.text():
            self.say(self.tr("The two PINs differ. Type the same PIN twice."))
            return False
        return True


class SetupWizard(WorkerCalls, QWizard):
    def __init__(self, service: ManagerService, worker: Worker, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.service = service
        self.track(worker)
        self.saving = False
        self.saved: Settings | None = None  # set once Finish has stored everything
        self.setObjectName("setupWizard")
        self.setWindowTitle(self.tr("pos-app setup"))
        self.setStyleSheet(BASE_STYLE)
        self.setOption(QWizard.WizardOption.NoBackButtonOnStartPage, True)
        self.fields = SettingsFields(service.settings, ALL_FIELDS)
        self.intro = IntroPage(self, service.key_store())
        self.keys = KeysPage(self)
        self.store = StorePage(self)
        self.region = RegionPage(self)
        self.pin = PinPage(self)
        for number, page in ((INTRO, self.intro), (KEYS, self.keys), (STORE, self.store), (REGION, self.region),
                             (PIN, self.pin)):
            self.setPage(number, page)
        fit_to_screen(self, 720, 520)

    def accept(self) -> None:
        """Finish: store through the worker, and close only when everything is stored."""
        # QWizard checks the last page in done(), after this: check it before anything is sent to be stored.
        if self.saving or not self.validateCurrentPage():
            return
        self.saving = True
        self.pin.completeChanged.emit()
        values = self.fields.values(ALL_FIELDS)
        api_key, secret_key, pin = self.keys.api_key.text(), self.keys.secret_key.text(), self.pin.pin.text()
        self.pin.say(self.tr("Saving..."), ok=True)
        self.call("setup", lambda: self.service.complete_setup(values, api_key, secret_key, pin), self._saved,
                  self._failed)

    def _saved(self, settings: Settings) -> None:
        self.saved = settings
        for edit in (self.keys.api_key, self.keys.secret_key, self.pin.pin, self.pin.repeat):
            edit.clear()
        super().accept()

    def _failed(self, error: Exception) -> None:
        self.saving = False
        self.pin.completeChanged.emit()
        self.pin.say(describe(error))
