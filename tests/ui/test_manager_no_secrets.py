"""The in-app variant of tests/integration/test_no_secrets.py: set up in the wizard, run a day with manager
mode (failed orders, new keys and PIN, reports, exports, the bridge token, a crash) at DEBUG logging, then
search everything the terminal wrote for the keys, the PINs, the bridge tokens and card numbers."""

import logging
import re
from functools import partial

import pytest
from manager_helpers import dispose, task, unlock
from PySide6.QtWidgets import QMessageBox, QWizard
from till_helpers import fast, modal, open_window

from pos_app.config import secrets
from pos_app.config.logs import setup_logging
from pos_app.crash import CrashReporter
from pos_app.domain.cards import contains_card_number
from pos_app.domain.order import validate_order
from pos_app.domain.timeutil import utc_now
from pos_app.runtime import Runtime, load_settings
from pos_app.sandbox import Sandbox
from pos_app.services.manager import ManagerService
from pos_app.store.records import State
from pos_app.store.store import Store
from pos_app.ui.crash_dialog import CrashNotifier
from pos_app.ui.manager import ManagerMode
from pos_app.ui.manager.bridge_token_dialog import BridgeTokenDialog
from pos_app.ui.manager.end_of_day import EndOfDayDialog
from pos_app.ui.manager.export_dialog import ExportHistoryDialog
from pos_app.ui.manager.failed_orders import FailedOrdersDialog
from pos_app.ui.manager.settings_dialog import SettingsDialog
from pos_app.ui.manager.setup_wizard import SetupWizard
from pos_app.ui.worker import Worker

API_KEY, SECRET_KEY = "ui-live-api-key-3f9a7c", "ui-live-secret-key-e41b0d"
FIRST_PIN, SECOND_PIN = "40517", "862093"
CARD = "4111111111111111"


@pytest.fixture
def restore_logging():
    yield
    root = logging.getLogger()
    for handler in [h for h in root.handlers if getattr(h, "_pos_app", False)]:
        root.removeHandler(handler)
        handler.close()
    root.setLevel(logging.WARNING)


def sell(runtime, order_id, **extra):
    body = {"customerId": "demo-amira", "orderId": order_id, "totalPaid": 25, "mobile": "+971501234567",
            "email": "amira.haddad@example.com", **extra}
    runtime.service.accept_order(validate_order(body, now=utc_now(), currency=runtime.settings.currency))


def state_of(data, order_id):
    with Store.open_in(data) as store:
        return store.get_order(order_id).state


def setup_in_the_wizard(qtbot, data, sandbox):
    service = ManagerService(data, load_settings(data))
    worker = Worker()
    wizard = SetupWizard(service, worker)
    wizard.show()
    wizard.next()
    for edit, value in ((wizard.fields.widget("api_base"), sandbox.url), (wizard.keys.api_key, API_KEY),
                        (wizard.keys.secret_key, SECRET_KEY)):
        edit.clear()
        qtbot.keyClicks(edit, value)
    wizard.keys.test_button.click()
    qtbot.waitUntil(lambda: "Connected" in wizard.keys.result.text())
    wizard.next()
    wizard.fields.widget("merchant_id").setText("M1")
    wizard.fields.widget("terminal_id").setText("T9")
    wizard.next()
    wizard.next()
    qtbot.keyClicks(wizard.pin.pin, FIRST_PIN)
    qtbot.keyClicks(wizard.pin.repeat, FIRST_PIN)
    wizard.button(QWizard.WizardButton.FinishButton).click()
    qtbot.waitUntil(lambda: wizard.saved is not None)
    worker.stop(service.close)
    dispose(wizard, worker)


def test_the_wizard_and_manager_mode_write_no_secret_anywhere(qtbot, tmp_path, memory_keyring, restore_logging):
    data = tmp_path / "terminal"
    exports = tmp_path / "exports"
    exports.mkdir()
    setup_logging(data, logging.DEBUG, console=False)
    with Sandbox(port=0, api_key=API_KEY, secret_key=SECRET_KEY, demo=True) as sandbox:
        setup_in_the_wizard(qtbot, data, sandbox)
        old_token = secrets.bridge_token(env={}, create=False)
        # What run_gui does next, with the bridge on any free port.
        from dataclasses import replace

        settings = replace(load_settings(data), bridge_port=0)
        runtime = Runtime.build(data, settings, secrets.load_credentials(env={}), old_token)
        fast(runtime)
        runtime.start()
        window = open_window(qtbot, runtime)
        crashes = CrashNotifier(partial(CrashReporter, data), window).install()
        try:
            ManagerMode(window, ManagerService.from_runtime(runtime))
            crashes.window = window
            sandbox.faults.poison(order_id="NS-2", code=3003)
            sell(runtime, "NS-1")
            sell(runtime, "NS-2")
            qtbot.waitUntil(lambda: state_of(data, "NS-1") is State.DELIVERED
                            and state_of(data, "NS-2") is State.FAILED, timeout=10_000)

            panel = unlock(qtbot, window, FIRST_PIN)
            failed = task(qtbot, panel, "failed", FailedOrdersDialog)
            qtbot.waitUntil(lambda: failed.model.rowCount() == 1)
            failed.table.selectRow(0)
            failed.discard_button.click()
            qtbot.waitUntil(lambda: failed.reason_dialog is not None and failed.reason_dialog.isVisible())
            failed.reason_dialog.reason.setText("refused at the till")
            failed.reason_dialog.ok.click()
            qtbot.waitUntil(lambda: failed.model.rowCount() == 0)
            failed.reject()

            dialog = task(qtbot, panel, "settings", SettingsDialog)
            dialog.api_key.setText(API_KEY)
            dialog.secret_key.setText(SECRET_KEY)
            dialog.pin.setText(SECOND_PIN)
            dialog.repeat.setText(SECOND_PIN)
            dialog.test_button.click()
            qtbot.waitUntil(lambda: dialog.result.text().startswith("Connected"))
            dialog.fields.widget("bridge_port").setText("8741")  # this runtime's port 0 is not a valid setting
            dialog.reason.setText("new keys from Gameball")
            dialog.save()
            qtbot.waitUntil(lambda: panel.task is None)
            qtbot.waitUntil(lambda: modal(QMessageBox) is not None)
            next(b for b in modal(QMessageBox).buttons() if b.text() == "Later").click()

            day = task(qtbot, panel, "day", EndOfDayDialog)
            qtbot.waitUntil(lambda: day.summary is not None)
            printed = day.report_html()  # what the PDF and the printer get (the PDF's text is compressed)
            day.save_pdf(str(exports / "day.pdf"))
            day.save_csv(str(exports / "day.csv"))
            qtbot.waitUntil(lambda: (exports / "day.csv").exists() and (exports / "day.pdf").exists())
            qtbot.waitUntil(lambda: window.worker.pending == 0)
            day.reject()
            export = task(qtbot, panel, "export", ExportHistoryDialog)
            export.export(str(exports / "history.csv"))
            qtbot.waitUntil(lambda: "written" in export.message.text())
            export.reject()

            token = task(qtbot, panel, "token", BridgeTokenDialog)
            token.show_button.click()
            qtbot.waitUntil(lambda: token.token.text() == old_token)
            token.rotate_button.click()
            qtbot.waitUntil(lambda: token.confirm is not None and token.confirm.isVisible())
            token.confirm.reason.setText("routine rotation")
            token.confirm.ok.click()
            qtbot.waitUntil(lambda: token.token.text() not in ("", old_token))
            new_token = token.token.text()
            token.reject()
            panel.reject()

            try:
                raise RuntimeError(f"forced crash with {API_KEY} {SECRET_KEY} {new_token} {old_token} {CARD}")
            except RuntimeError as error:
                crashes.reporter.report(type(error), error, error.__traceback__, "test")
            qtbot.waitUntil(lambda: crashes.dialog is not None)
            shown = crashes.dialog.detail.text()
            crashes.dialog.reject()
        finally:
            crashes.uninstall()
            window.shutdown()
            runtime.stop()

    needles = [API_KEY, SECRET_KEY, FIRST_PIN, SECOND_PIN, old_token, new_token]
    for needle in needles:
        assert needle not in shown and needle not in printed
    assert not contains_card_number(shown)
    files = [p for p in [*data.rglob("*"), *exports.rglob("*")] if p.is_file() and not p.name.endswith(".lock")]
    assert any(p.suffix == ".log" for p in files) and any(p.parent.name == "crash" for p in files)
    assert {p.name for p in exports.iterdir()} == {"day.pdf", "day.csv", "history.csv"}
    for path in files:
        content = path.read_bytes().decode("utf-8", errors="replace")
        for needle in needles:
            assert needle not in content, f"a secret in {path.name}"
        if path.suffix == ".pdf":
            continue  # font metrics look like digit runs; its text is checked above, as `printed`
        # Gameball's requestIds and hold references are random hex: a run of digits inside one is no card.
        content = re.sub(r"[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}", " ", content)
        for run in re.findall(r"\d[\d -]{11,}\d", content):
            assert not contains_card_number(run), f"a card-like number in {path.name}"
