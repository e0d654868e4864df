"""The first-run wizard on the sandbox: from nothing to keys in the credential store and settings in SQLite,
Test connection naming the wrong key, and no keys stored without a secure credential store."""

import keyring
import pytest
from keyring.backends import fail
from manager_helpers import dispose
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWizard

from pos_app.config import secrets
from pos_app.config.pin import PIN_HASH, verify_pin
from pos_app.config.settings import Settings
from pos_app.runtime import load_settings
from pos_app.sandbox import DEMO_API_KEY, DEMO_SECRET_KEY
from pos_app.services.manager import ManagerService
from pos_app.store.store import Store
from pos_app.ui.manager.setup_wizard import INTRO, KEYS, PIN, REGION, STORE, SetupWizard
from pos_app.ui.worker import Worker


@pytest.fixture
def wizard(qtbot, tmp_path):
    service = ManagerService(tmp_path, Settings())
    worker = Worker()
    made = SetupWizard(service, worker)
    made.show()
    qtbot.waitExposed(made)
    yield made
    worker.stop(service.close)
    dispose(made, worker)


def type_into(qtbot, edit, text):
    edit.clear()
    qtbot.keyClicks(edit, text)


def fill_keys(qtbot, wizard, sandbox, api_key=DEMO_API_KEY, secret_key=DEMO_SECRET_KEY):
    type_into(qtbot, wizard.fields.widget("api_base"), sandbox.url)
    type_into(qtbot, wizard.keys.api_key, api_key)
    type_into(qtbot, wizard.keys.secret_key, secret_key)


def test_the_wizard_sets_up_a_terminal_from_scratch(qtbot, wizard, sandbox, memory_keyring, tmp_path):
    assert wizard.currentId() == INTRO and "MemoryKeyring" in wizard.intro.backend.text()
    wizard.next()
    assert wizard.currentId() == KEYS
    assert not wizard.button(QWizard.WizardButton.NextButton).isEnabled()  # both keys first
    fill_keys(qtbot, wizard, sandbox)
    assert wizard.keys.api_key.echoMode() == wizard.keys.api_key.EchoMode.Password
    wizard.keys.test_button.click()
    qtbot.waitUntil(lambda: "Connected" in wizard.keys.result.text())
    wizard.next()
    assert wizard.currentId() == STORE

    # The same check and message as `pos-app config set merchant_id="M 1"`.
    type_into(qtbot, wizard.fields.widget("merchant_id"), "M 1")
    wizard.next()
    assert wizard.currentId() == STORE
    assert "use 1-64 letters, digits, dot, dash, colon or underscore" in wizard.store.message.text()
    for field, value in (("merchant_id", "M1"), ("merchant_name", "Cairo Stores"), ("branch_id", "B7"),
                         ("branch_name", "Zamalek")):
        type_into(qtbot, wizard.fields.widget(field), value)
    wizard.next()
    assert wizard.currentId() == STORE  # no default terminal id: every till must be named apart
    assert "Terminal ID: required" in wizard.store.message.text()
    type_into(qtbot, wizard.fields.widget("terminal_id"), "T7")
    wizard.next()
    assert wizard.currentId() == REGION
    type_into(qtbot, wizard.fields.widget("phone_region"), "eg")
    type_into(qtbot, wizard.fields.widget("currency"), "EGP")
    wizard.fields.widget("language").setCurrentIndex(wizard.fields.widget("language").findData("ar"))
    wizard.next()
    assert wizard.currentId() == PIN

    type_into(qtbot, wizard.pin.pin, "13579")
    type_into(qtbot, wizard.pin.repeat, "13570")
    wizard.button(QWizard.WizardButton.FinishButton).click()
    assert "differ" in wizard.pin.message.text() and wizard.saved is None
    type_into(qtbot, wizard.pin.repeat, "13579")
    wizard.button(QWizard.WizardButton.FinishButton).click()
    qtbot.waitUntil(lambda: wizard.saved is not None)

    stored = memory_keyring.values
    assert stored[(secrets.SERVICE, secrets.API_KEY)] == DEMO_API_KEY
    assert stored[(secrets.SERVICE, secrets.SECRET_KEY)] == DEMO_SECRET_KEY
    assert verify_pin("13579", stored[(secrets.SERVICE, PIN_HASH)])
    assert stored[(secrets.SERVICE, secrets.BRIDGE_TOKEN)]  # the host POS's token exists from the first start
    settings = load_settings(tmp_path)
    assert (settings.merchant_id, settings.branch_name, settings.terminal_id, settings.phone_region,
            settings.currency, settings.language, settings.api_base) == \
        ("M1", "Zamalek", "T7", "EG", "EGP", "ar", sandbox.url)
    assert wizard.keys.api_key.text() == "" and wizard.keys.secret_key.text() == ""  # never kept in the widget
    with Store.open_in(tmp_path) as store:
        entries = store.audit_entries()
    setup = next(e for e in entries if e.action == "setup.complete")
    assert setup.terminal_id == "T7" and "pin.set" in [e.action for e in entries]
    for path in tmp_path.rglob("*"):
        if path.is_file():
            data = path.read_bytes()
            assert DEMO_SECRET_KEY.encode() not in data and b"13579" not in data


def test_test_connection_says_which_key_is_wrong(qtbot, wizard, sandbox, memory_keyring):
    wizard.next()
    fill_keys(qtbot, wizard, sandbox, secret_key="not-the-secret-key")
    wizard.keys.test_button.click()
    qtbot.waitUntil(lambda: wizard.keys.test_button.isEnabled() and "secret key" in wizard.keys.result.text())
    assert "The API key is right, but Gameball refused the secret key" in wizard.keys.result.text()

    fill_keys(qtbot, wizard, sandbox, api_key="not-the-api-key")
    wizard.keys.test_button.click()
    qtbot.waitUntil(lambda: wizard.keys.test_button.isEnabled() and "refused the API key" in wizard.keys.result.text())

    sandbox.faults.refuse(mode="closed")
    fill_keys(qtbot, wizard, sandbox)
    wizard.keys.test_button.click()
    qtbot.waitUntil(lambda: wizard.keys.test_button.isEnabled() and "cannot be reached" in wizard.keys.result.text())
    sandbox.faults.clear()
    assert memory_keyring.values == {}  # testing stores nothing


def test_without_a_secure_credential_store_the_wizard_stops_and_stores_nothing(qtbot, tmp_path):
    previous = keyring.get_keyring()
    keyring.set_keyring(fail.Keyring())
    try:
        service = ManagerService(tmp_path, Settings())
        worker = Worker()
        wizard = SetupWizard(service, worker)
        wizard.show()
        assert "no secure credential store" in wizard.intro.message.text()
        assert not wizard.button(QWizard.WizardButton.NextButton).isEnabled()
        with pytest.raises(secrets.NoSecureKeyring):
            service.complete_setup({"merchant_id": "M1", "terminal_id": "T1"}, "api-key-123", "secret-key-456", "2468")
        worker.stop(service.close)
        dispose(wizard, worker)
    finally:
        keyring.set_keyring(previous)
    assert load_settings(tmp_path).merchant_id == ""


def test_key_fields_are_checked_before_next_and_never_copied_out(qtbot, wizard, sandbox, memory_keyring):
    wizard.next()
    fill_keys(qtbot, wizard, sandbox, api_key="has space")
    wizard.next()
    assert wizard.currentId() == KEYS and "API key: empty or contains spaces" in wizard.keys.message.text()
    assert wizard.keys.api_key.echoMode() == wizard.keys.api_key.EchoMode.Password
    QGuiApplication.clipboard().setText("")
    wizard.keys.secret_key.setFocus()
    qtbot.keyClick(wizard.keys.secret_key, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(wizard.keys.secret_key, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    assert QGuiApplication.clipboard().text() != DEMO_SECRET_KEY


def test_untested_keys_pass_the_keys_page_only_after_a_warning(qtbot, wizard, sandbox):
    wizard.next()
    fill_keys(qtbot, wizard, sandbox)
    wizard.next()
    assert wizard.currentId() == KEYS and "not been tested" in wizard.keys.result.text()
    wizard.next()  # the manager chose to go on: told once, not blocked
    assert wizard.currentId() == STORE
    wizard.back()
    type_into(qtbot, wizard.keys.secret_key, "x")  # other keys: a new warning
    wizard.next()
    assert wizard.currentId() == KEYS and "not been tested" in wizard.keys.result.text()


def test_on_a_per_machine_install_a_cashier_account_is_told_only_an_administrator_sets_keys(qtbot, tmp_path,
                                                                                          monkeypatch):
    from pos_app.config.machine_vault import Cipher, MachineVault, VaultWriteDenied
    from pos_app.ui.manager.common import describe

    vault = MachineVault(tmp_path / "keys" / "pos-app.keys", Cipher(bytes, bytes))

    def denied(entries):  # what Windows answers an account the keys folder gives read only
        raise VaultWriteDenied("only an administrator can change this terminal's keys")

    monkeypatch.setattr(vault, "_save", denied)
    previous = secrets.install_backend(vault)
    service = ManagerService(tmp_path / "data", Settings())
    try:
        with pytest.raises(secrets.KeysNeedAdministrator) as refused:
            service.complete_setup({"merchant_id": "M1", "terminal_id": "T1"}, "api-key-123", "secret-key-456", "2468")
    finally:
        service.close()
        secrets.install_backend(previous)
    said = describe(refused.value)
    assert "only an administrator can change them" in said and "no secure credential store" not in said
    assert load_settings(tmp_path / "data").merchant_id == ""  # nothing half set up
