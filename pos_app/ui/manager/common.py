"""What the manager's dialogs share: the settings fields, translated validation messages, and errors in words.

Validation is `Settings.from_mapping`, the same code `pos-app config set` runs, so the window and the command
line accept and refuse the same values with the same message; the window only translates the message.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from datetime import datetime
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QRegularExpression
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import QComboBox, QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from pos_app.config import secrets
from pos_app.config.pin import PinError
from pos_app.config.settings import Settings, SettingsError
from pos_app.domain.errors import ValidationError
from pos_app.domain.reasons import MAX_REASON_CHARS, REASON_FIELD
from pos_app.services.manager import ConnectionCheck, DemoRefused, InvalidTransition, Problem, UnknownItem
from pos_app.ui.worker import Worker

log = logging.getLogger(__name__)

CONTEXT = "ManagerText"

# The messages of Settings.validate and pin.validate_pin, for pyside6-lupdate; English is the same text.
_MESSAGES = (
    QT_TRANSLATE_NOOP("ManagerText", "use 1-64 letters, digits, dot, dash, colon or underscore"),
    QT_TRANSLATE_NOOP("ManagerText", "required: a name for this till, different from every other till of the "
                                     "Gameball account"),
    QT_TRANSLATE_NOOP("ManagerText", "an ISO 4217 code such as USD, EGP or SAR"),
    QT_TRANSLATE_NOOP("ManagerText", "a two-letter region such as EG, SA or US"),
    QT_TRANSLATE_NOOP("ManagerText", "en or ar"),
    QT_TRANSLATE_NOOP("ManagerText", "a TCP port from 1 to 65535"),
    QT_TRANSLATE_NOOP("ManagerText", "a whole number"),
    QT_TRANSLATE_NOOP("ManagerText", "plain http is allowed only for loopback (the sandbox); use https"),
    QT_TRANSLATE_NOOP("ManagerText", "give scheme, host and port only; the client adds /api/v4.0/integrations"),
    QT_TRANSLATE_NOOP("ManagerText", "4 to 8 digits"),
    QT_TRANSLATE_NOOP("ManagerText", "type why (it goes into the audit log with the terminal and the time)"),
    QT_TRANSLATE_NOOP("ManagerText", "a PIN is already set"),
    QT_TRANSLATE_NOOP("ManagerText", "always, above or never"),
    QT_TRANSLATE_NOOP("ManagerText", "from 0 to 100000000 points"),
    QT_TRANSLATE_NOOP("ManagerText", "from 0 (off) to 1000 sales"),
    QT_TRANSLATE_NOOP("ManagerText", "0 (off) or a screen number from 1 to 16"),
    QT_TRANSLATE_NOOP("ManagerText", "at most 200 characters"),
)
_LABELS = {
    "merchant_id": QT_TRANSLATE_NOOP("ManagerText", "Merchant ID (uniqueId)"),
    "merchant_name": QT_TRANSLATE_NOOP("ManagerText", "Merchant name"),
    "branch_id": QT_TRANSLATE_NOOP("ManagerText", "Branch ID (uniqueId)"),
    "branch_name": QT_TRANSLATE_NOOP("ManagerText", "Branch name"),
    "terminal_id": QT_TRANSLATE_NOOP("ManagerText", "Terminal ID"),
    "phone_region": QT_TRANSLATE_NOOP("ManagerText", "Phone region"),
    "currency": QT_TRANSLATE_NOOP("ManagerText", "Currency"),
    "language": QT_TRANSLATE_NOOP("ManagerText", "Language"),
    "api_base": QT_TRANSLATE_NOOP("ManagerText", "Gameball address"),
    "bridge_port": QT_TRANSLATE_NOOP("ManagerText", "Bridge port (host POS)"),
    "api_key": QT_TRANSLATE_NOOP("ManagerText", "API key"),
    "secret_key": QT_TRANSLATE_NOOP("ManagerText", "Secret key"),
    "pin": QT_TRANSLATE_NOOP("ManagerText", "Manager PIN"),
    REASON_FIELD: QT_TRANSLATE_NOOP("ManagerText", "Reason"),
    "otp_policy": QT_TRANSLATE_NOOP("ManagerText", "Code (OTP) for redeeming by phone"),
    "otp_threshold_points": QT_TRANSLATE_NOOP("ManagerText", "OTP and notice above (points)"),
    "frequent_customer_limit": QT_TRANSLATE_NOOP("ManagerText", "Notice: one customer on more sales a day than"),
    "customer_display_screen": QT_TRANSLATE_NOOP("ManagerText", "Customer display"),
    "customer_display_idle": QT_TRANSLATE_NOOP("ManagerText", "Customer display message between sales"),
}
_OTP_POLICIES = (
    ("always", QT_TRANSLATE_NOOP("ManagerText", "Always")),
    ("above", QT_TRANSLATE_NOOP("ManagerText", "Above the threshold")),
    ("never", QT_TRANSLATE_NOOP("ManagerText", "Never (no SMS/OTP on the account)")),
)
LANGUAGES = (("en", "English"), ("ar", "العربية"))  # each in its own language, as language pickers do
_EXAMPLES = {"phone_region": "EG", "currency": "EGP"}


def text(source: str) -> str:
    """`source` in the cashier's language (strings marked with QT_TRANSLATE_NOOP in this module)."""
    return QCoreApplication.translate(CONTEXT, source)


def label(field: str) -> str:
    return text(_LABELS[field]) if field in _LABELS else field


def message(source: str) -> str:
    return text(source) if source in _MESSAGES else source


def describe(error: Exception) -> str:
    """An error from a manager's action in plain words, naming the field when there is one."""
    if isinstance(error, (SettingsError, PinError, ValidationError)):
        detail = error.message if isinstance(error, (SettingsError, ValidationError)) else str(error).partition(": ")[2]
        return f"{label(error.field)}: {message(detail)}"
    if isinstance(error, secrets.KeysNeedAdministrator):
        return QCoreApplication.translate(
            "ManagerText", "This terminal's keys and manager PIN are kept for every Windows user of the terminal, "
            "and only an administrator can change them: start pos-app as administrator, or ask IT to run "
            "pos-app.exe config set-keys from an elevated prompt.")
    if isinstance(error, secrets.NoSecureKeyring):
        return no_secure_store(secrets.backend_name())
    if isinstance(error, ValueError) and str(error).startswith(("api_key:", "secret_key:")):
        field = str(error).partition(":")[0]
        return QCoreApplication.translate("ManagerText", "{field}: empty or contains spaces").format(field=label(field))
    if isinstance(error, DemoRefused):
        return QCoreApplication.translate(
            "ManagerText", "Not in the demo: it runs on the built-in sandbox with fixed keys and PIN.")
    if isinstance(error, UnknownItem):
        return QCoreApplication.translate("ManagerText", "This item is no longer in the list.")
    if isinstance(error, InvalidTransition):
        if error.reason:
            return QCoreApplication.translate("ManagerText", "Not possible now: {reason}").format(reason=error.reason)
        return QCoreApplication.translate("ManagerText", "Not possible now: the item is {state}.").format(
            state=error.state)
    if isinstance(error, OSError):
        return QCoreApplication.translate("ManagerText", "The file could not be written: {reason}").format(
            reason=error.strerror or type(error).__name__)
    log.error("manager action failed", exc_info=error)
    return QCoreApplication.translate("ManagerText", "Something went wrong; the details are in the log.")


def no_secure_store(backend: str) -> str:
    return QCoreApplication.translate(
        "ManagerText",
        "This computer has no secure credential store ({backend}), so pos-app does not store Gameball keys or "
        "the manager PIN here: they would be readable by anyone. Use Windows Credential Manager (or a Secret "
        "Service keyring on Linux), or run pos-app --headless with GAMEBALL_API_KEY and GAMEBALL_SECRET_KEY "
        "set.").format(backend=backend)


def key_store_line(name: str, secure: bool) -> str:
    if secure:
        return QCoreApplication.translate("ManagerText", "Keys are kept in the credential store: {name}").format(
            name=name)
    return QCoreApplication.translate("ManagerText", "Not a secure credential store: {name}").format(name=name)


def local_time(epoch: float | None) -> str:
    return datetime.fromtimestamp(epoch).strftime("%Y-%m-%d %H:%M:%S") if epoch else ""


def secret_field(object_name: str) -> QLineEdit:
    """Write-only: masked, never filled from the store, and Qt does not copy out of a password field."""
    field = QLineEdit()
    field.setObjectName(object_name)
    field.setEchoMode(QLineEdit.EchoMode.Password)
    return field


def pin_field(object_name: str) -> QLineEdit:
    field = secret_field(object_name)
    field.setValidator(QRegularExpressionValidator(QRegularExpression(r"\d{0,8}"), field))
    field.setMaxLength(8)
    return field


class WorkerCalls:
    """Mixed into the manager's dialogs: service calls through the worker whose answers are dropped once the
    dialog has closed (Qt may have deleted its widgets by then). `track` must be called in __init__."""

    worker: Worker
    closed = False

    def track(self, worker: Worker) -> None:
        self.worker = worker
        self.finished.connect(self._mark_closed)  # type: ignore[attr-defined]

    def _mark_closed(self) -> None:
        self.closed = True

    def call(self, name: str, call: Callable[[], Any], on_success: Callable[[Any], None] | None = None,
             on_failure: Callable[[Exception], None] | None = None, *, query: bool = False) -> None:
        """`query`: a read nobody needs once the dialog is closed, so it is not even run; an action still is."""

        def success(result: Any) -> None:
            if not self.closed and on_success is not None:
                on_success(result)

        def failure(error: Exception) -> None:
            if self.closed or on_failure is None:
                log.warning("%s failed: %s", name, type(error).__name__)
            else:
                on_failure(error)

        self.worker.submit(name, call, success, failure, stale=(lambda: self.closed) if query else None)


def _screens() -> list[tuple[int, str]]:
    """Off, then each screen Qt knows, by number and name (the till's own screen included)."""
    from PySide6.QtGui import QGuiApplication

    names = [(0, QCoreApplication.translate("ManagerText", "Off"))]
    for number, screen in enumerate(QGuiApplication.screens(), start=1):
        names.append((number, QCoreApplication.translate("ManagerText", "Screen {number}: {name}").format(
            number=number, name=screen.name())))
    return names


_CHOICES = {
    "language": lambda: list(LANGUAGES),
    "otp_policy": lambda: [(code, text(name)) for code, name in _OTP_POLICIES],
    "customer_display_screen": _screens,
}


class SettingsFields:
    """One QLineEdit (the language: a combo box) per non-secret setting a page or dialog shows; `values` reads
    them back as `pos-app config set` would get them. Only the fields laid out are made: a widget without a
    parent would be Python's to delete, on whichever thread collects it."""

    def __init__(self, settings: Settings, fields: Iterable[str]) -> None:
        self.edits: dict[str, QLineEdit | QComboBox] = {}
        for field in fields:
            if field in _CHOICES:
                combo = QComboBox()
                for code, name in _CHOICES[field]():
                    combo.addItem(name, code)
                combo.setCurrentIndex(max(0, combo.findData(getattr(settings, field))))
                edit: QLineEdit | QComboBox = combo
            else:
                edit = QLineEdit(str(getattr(settings, field)))
                if field in _EXAMPLES:
                    edit.setMaxLength(len(_EXAMPLES[field]))
                    edit.setPlaceholderText(_EXAMPLES[field])
            edit.setObjectName(field)
            self.edits[field] = edit

    def add_rows(self, form: QFormLayout, fields: Iterable[str]) -> None:
        for field in fields:
            form.addRow(label(field), self.edits[field])

    def widget(self, field: str) -> QWidget:
        return self.edits[field]

    def values(self, fields: Iterable[str]) -> dict[str, str]:
        values = {}
        for field in fields:
            edit = self.edits[field]
            values[field] = edit.currentData() if isinstance(edit, QComboBox) else edit.text().strip()
        return values

    def mark(self, field: str | None) -> None:
        """Outline the field a message is about (only that one)."""
        for name, edit in self.edits.items():
            edit.setStyleSheet("border: 2px solid #b3261e;" if name == field else "")


def connection_text(check: ConnectionCheck, address: str) -> str:
    """What Test connection found, in plain words: which key is wrong, or that Gameball is out of reach."""
    if check.problem is Problem.NONE:
        return QCoreApplication.translate("ManagerText", "Connected: Gameball accepted the API key and the secret key.")
    if check.problem is Problem.NO_KEYS:
        return QCoreApplication.translate("ManagerText", "Enter the API key and the secret key first.")
    if check.problem is Problem.API_KEY:
        return QCoreApplication.translate(
            "ManagerText", "Gameball refused the API key. Copy it again from your Gameball dashboard; the secret "
            "key was not checked.")
    if check.problem is Problem.SECRET_KEY:
        return QCoreApplication.translate(
            "ManagerText", "The API key is right, but Gameball refused the secret key. Copy the secret key again "
            "from your Gameball dashboard.")
    if check.problem is Problem.UNREACHABLE:
        return QCoreApplication.translate(
            "ManagerText", "Gameball cannot be reached at {address}. Check the network connection and the "
            "address.").format(address=address)
    if check.problem is Problem.ADDRESS:
        return QCoreApplication.translate("ManagerText", "The Gameball address is not right: {reason}").format(
            reason=message(check.message))
    answer = " ".join(str(part) for part in (check.status, check.code) if part is not None)
    return QCoreApplication.translate(
        "ManagerText", "Gameball answered with an error ({answer}: {message}). Try again in a few minutes.").format(
        answer=answer, message=check.message)


def reason_field(name: str, example: str) -> QLineEdit:
    """Where a manager types why: one line, as long as the audit log keeps, with an example of a good reason."""
    edit = QLineEdit()
    edit.setObjectName(name)
    edit.setMaxLength(MAX_REASON_CHARS)
    edit.setPlaceholderText(example)
    return edit


class ReasonDialog(QDialog):
    """A manager's retry, discard or rotation, asked with the reason it is done for: the reason goes into the
    audit log and onto the end-of-day summary, so OK stays off until one is typed."""

    def __init__(self, name: str, title: str, question: str, ok_text: str, example: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(f"{name}Dialog")
        self.setWindowTitle(title)
        label = QLabel(question)
        label.setWordWrap(True)
        self.reason = reason_field(f"{name}Reason", example)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok.setText(ok_text)
        self.ok.setEnabled(False)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.reason.textChanged.connect(lambda typed: self.ok.setEnabled(bool(typed.strip())))
        layout = QVBoxLayout(self)
        layout.addWidget(label)
        layout.addWidget(self.reason)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(460)

    def typed(self) -> str:
        return self.reason.text().strip()
