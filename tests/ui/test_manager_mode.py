"""Manager mode in the till window: the PIN and its lockout, failed orders retried and discarded, the
end-of-day summary printed to PDF and exported, history export, the bridge token, and the settings."""

import csv
from datetime import date

import httpx
import pytest
from manager_helpers import attach, audit_actions, pin_dialog, task, unlock
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from till_helpers import fast, modal, open_window

from pos_app.config import secrets
from pos_app.config.pin import FIRST_LOCK_S, MAX_TRIES
from pos_app.config.settings import Settings
from pos_app.domain.order import validate_order
from pos_app.domain.timeutil import utc_now
from pos_app.runtime import Runtime
from pos_app.sandbox import DEMO_API_KEY, DEMO_SECRET_KEY
from pos_app.store.records import State
from pos_app.store.store import Store
from pos_app.ui.manager.bridge_token_dialog import BridgeTokenDialog
from pos_app.ui.manager.common import ReasonDialog
from pos_app.ui.manager.end_of_day import EndOfDayDialog
from pos_app.ui.manager.export_dialog import ExportHistoryDialog
from pos_app.ui.manager.failed_orders import DiscardDialog, FailedOrdersDialog, RetryDialog
from pos_app.ui.manager.panel import ManagerPanel
from pos_app.ui.manager.pin_dialog import PinDialog
from pos_app.ui.manager.settings_dialog import SettingsDialog


def sell(runtime, order_id, total, customer_id="demo-amira"):
    body = {"customerId": customer_id, "orderId": order_id, "totalPaid": total,
            "lineItems": [{"productId": "P-1001", "quantity": 1, "price": total}]}
    runtime.service.accept_order(validate_order(body, now=utc_now(), currency=runtime.settings.currency))


def state_of(runtime, order_id):
    with Store.open_in(runtime.data_dir) as store:
        return store.get_order(order_id).state


@pytest.fixture
def manager(window, runtime, memory_keyring):
    return attach(window, runtime)


def test_the_pin_dialog_counts_wrong_tries_then_locks(qtbot, window, manager, runtime):
    dialog = pin_dialog(qtbot, window)
    assert dialog.pin.echoMode() == dialog.pin.EchoMode.Password
    qtbot.keyClicks(dialog.pin, "12ab")
    assert dialog.pin.text() == "12"  # digits only
    dialog.pin.clear()
    for tries_left in range(MAX_TRIES - 1, 0, -1):
        qtbot.keyClicks(dialog.pin, "0000")
        qtbot.keyClick(dialog.pin, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda left=tries_left: f"{left} tries left" in dialog.status.text())
    qtbot.keyClicks(dialog.pin, "0000")
    qtbot.keyClick(dialog.pin, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "Try again in 0:30" in dialog.status.text())
    assert not dialog.pin.isEnabled() and dialog.locked_seconds() == FIRST_LOCK_S
    dialog.submit()  # nothing is checked while locked, not even the right PIN
    assert modal(PinDialog) is dialog and modal(ManagerPanel) is None
    dialog.reject()
    qtbot.waitUntil(lambda: modal(PinDialog) is None)

    again = pin_dialog(qtbot, window)  # the lock holds across dialogs: it is kept in the store
    qtbot.waitUntil(lambda: not again.pin.isEnabled() and "Try again in" in again.status.text())
    again.reject()
    actions = [a for a, _, _ in audit_actions(runtime)]
    assert actions.count("pin.wrong") == MAX_TRIES and "pin.locked" in actions and "pin.ok" not in actions
    assert all(terminal == runtime.settings.terminal_id for _, terminal, _ in audit_actions(runtime))


def test_a_till_without_a_pin_sets_one_first(qtbot, window, runtime, memory_keyring):
    attach(window, runtime, pin=None)
    dialog = pin_dialog(qtbot, window)
    assert dialog.setting and dialog.repeat.isVisible()
    qtbot.keyClicks(dialog.pin, "8642")
    qtbot.keyClicks(dialog.repeat, "8642")
    dialog.submit()
    qtbot.waitUntil(lambda: modal(ManagerPanel) is not None)
    modal(ManagerPanel).reject()
    assert "pin.set" in [a for a, _, _ in audit_actions(runtime)]


def test_failed_orders_are_retried_through_the_outbox_or_discarded_with_a_reason(qtbot, window, manager, runtime,
                                                                                   sandbox):
    sandbox.faults.poison(order_id="BAD-1", code=3003)
    sandbox.faults.poison(order_id="BAD-2", code=3003, message="customer is blocked")
    sell(runtime, "BAD-1", 10)
    sell(runtime, "BAD-2", 20)
    qtbot.waitUntil(lambda: window.sale.status.failed == 2, timeout=10_000)

    panel = unlock(qtbot, window)
    qtbot.waitUntil(lambda: "(2)" in panel.buttons["failed"].text())
    failed = task(qtbot, panel, "failed", FailedOrdersDialog)
    qtbot.waitUntil(lambda: failed.model.rowCount() == 2)
    row = failed.model.rows[0]
    assert (row.ref_id, row.code) == ("BAD-1", 3003) and row.request_id
    shown = [failed.model.index(0, column).data() for column in range(9)]
    # Who, how much, when and why first; Gameball's code, the failure time and requestId after.
    assert shown[:4] == ["Order", "BAD-1", "demo-amira", "10.00 USD"] and shown[4]
    assert shown[5:7] == [row.message, "3003"] and shown[7] and shown[8] == row.request_id

    sandbox.faults.clear()  # the cause is fixed; the same frozen body goes back into the queue
    assert "notices" not in manager.button.text()
    failed.table.selectRow(0)
    failed.retry_button.click()
    qtbot.waitUntil(lambda: isinstance(failed.reason_dialog, RetryDialog) and failed.reason_dialog.isVisible())
    asked = failed.reason_dialog
    assert not asked.ok.isEnabled()  # a retry needs its reason too
    asked.buttons.button(asked.buttons.StandardButton.Cancel).click()
    qtbot.waitUntil(lambda: failed.reason_dialog is None)
    assert failed.model.rowCount() == 2 and state_of(runtime, "BAD-1") is State.FAILED
    failed.retry_button.click()
    qtbot.waitUntil(lambda: failed.reason_dialog is not None and failed.reason_dialog.isVisible())
    qtbot.keyClicks(failed.reason_dialog.reason, "customer id corrected")
    failed.reason_dialog.ok.click()
    qtbot.waitUntil(lambda: failed.model.rowCount() == 1 and "queued again" in failed.message.text())
    # The manager button says so at once (the notice is today's manual retry, with its reason).
    qtbot.waitUntil(lambda: "1 notices" in manager.button.text())
    qtbot.waitUntil(lambda: state_of(runtime, "BAD-1") is State.DELIVERED, timeout=10_000)

    failed.table.selectRow(0)
    failed.discard_button.click()
    qtbot.waitUntil(lambda: isinstance(failed.reason_dialog, DiscardDialog) and failed.reason_dialog.isVisible())
    reason = failed.reason_dialog
    assert not reason.ok.isEnabled()  # a reason is mandatory
    qtbot.keyClicks(reason.reason, "   ")
    assert not reason.ok.isEnabled()
    qtbot.keyClicks(reason.reason, "test sale")
    reason.ok.click()
    qtbot.waitUntil(lambda: failed.model.rowCount() == 0 and failed.empty.isVisible())
    assert state_of(runtime, "BAD-2") is State.DISCARDED
    failed.reject()
    qtbot.waitUntil(lambda: "(0)" in panel.buttons["failed"].text())

    audited = {action: (terminal, detail) for action, terminal, detail in audit_actions(runtime)}
    assert audited["outbox.requeue"][0] == runtime.settings.terminal_id
    assert audited["outbox.requeue"][1]["reason"] == "customer id corrected"
    assert "2 notices" in manager.button.text()
    assert audited["outbox.discard"] == (runtime.settings.terminal_id,
                                         {"outboxId": 2, "kind": "order", "refId": "BAD-2", "reason": "test sale"})
    day = task(qtbot, panel, "day", EndOfDayDialog)  # listed under the notices, with the time and the reason
    qtbot.waitUntil(lambda: len(day.notices) == 2)
    till = runtime.settings.terminal_id or "?"  # this test terminal has none
    assert [row[1:] for row in day.notice_rows()] == [
        (f"Retried BAD-1 at till {till}", "customer id corrected"), (f"Discarded BAD-2 at till {till}", "test sale")]
    assert "customer id corrected" in day.report_html()  # the printed summary too
    day.reject()
    panel.reject()
    qtbot.waitUntil(lambda: modal(ManagerPanel) is None)


def test_end_of_day_numbers_pdf_and_csv_and_the_history_export(qtbot, window, manager, runtime, tmp_path):
    sell(runtime, "DAY-1", 30)
    sell(runtime, "DAY-2", 12.5)
    qtbot.waitUntil(lambda: state_of(runtime, "DAY-1") is State.DELIVERED
                    and state_of(runtime, "DAY-2") is State.DELIVERED, timeout=10_000)
    with Store.open_in(runtime.data_dir) as store:
        rewarded = sum(store.get_order(o).rewarded_points for o in ("DAY-1", "DAY-2"))
    assert rewarded > 0

    panel = unlock(qtbot, window)
    day = task(qtbot, panel, "day", EndOfDayDialog)
    qtbot.waitUntil(lambda: day.summary is not None)
    rows = dict(day.rows())
    currency = runtime.settings.currency
    assert rows["Orders"] == "2" and rows["Sales"] == f"42.50 {currency}"
    assert rows["Delivered to Gameball"] == "2" and rows["Points rewarded"] == str(rewarded)
    assert day.table.rowCount() == len(rows) and day.table.item(0, 1).text() == "2"

    pdf, summary_csv = tmp_path / "exports" / "day.pdf", tmp_path / "exports" / "day.csv"
    pdf.parent.mkdir()
    day.save_pdf(str(pdf))
    qtbot.waitUntil(lambda: "Saved to" in day.message.text())
    assert pdf.read_bytes().startswith(b"%PDF") and pdf.stat().st_size > 1000
    day.save_csv(str(summary_csv))
    qtbot.waitUntil(lambda: summary_csv.exists() and "day.csv" in day.message.text())
    with summary_csv.open(encoding="utf-8-sig") as handle:
        table = list(csv.reader(handle))
    assert table[0] == ["date", "item", "value", "currency"] and [date.today().isoformat(), "Orders", "2", ""] in table

    day.day.setDate(day.day.date().addDays(-1))  # another day: no orders
    qtbot.waitUntil(lambda: day.summary is not None and dict(day.rows())["Orders"] == "0")
    day.reject()

    export = task(qtbot, panel, "export", ExportHistoryDialog)
    history = tmp_path / "exports" / "history.csv"
    export.export(str(history))
    qtbot.waitUntil(lambda: "2 order(s) written" in export.message.text())
    text = history.read_text(encoding="utf-8")
    assert "DAY-1" in text and "DAY-2" in text and "+971" not in text
    export.last.setDate(export.first.date().addDays(-1))
    export.export(str(history))
    assert "before the first day" in export.message.text()
    export.reject()
    panel.reject()

    actions = [a for a, _, _ in audit_actions(runtime)]
    for action in ("report.day", "report.pdf", "export.day", "export.history"):
        assert action in actions, action


@pytest.fixture
def bridged(tmp_path, sandbox, memory_keyring):
    """A terminal with its bridge running, its token in the (memory) credential store."""
    token = secrets.bridge_token(env={})
    # Port 0: any free port (built directly, so not through the 1-65535 check of a stored setting).
    settings = Settings(api_base=sandbox.url, merchant_id="M1", currency=sandbox.state.currency, bridge_port=0)
    runtime = Runtime.build(tmp_path / "bridged", settings, secrets.Credentials(DEMO_API_KEY, DEMO_SECRET_KEY), token)
    fast(runtime)
    runtime.start()
    yield runtime, token
    runtime.stop()


def test_the_bridge_token_is_shown_on_request_and_rotated_after_confirming(qtbot, bridged):
    runtime, old = bridged
    window = open_window(qtbot, runtime)
    attach(window, runtime)
    panel = unlock(qtbot, window)
    dialog = task(qtbot, panel, "token", BridgeTokenDialog)
    assert dialog.token.text() == ""  # not even fetched until asked
    dialog.show_button.click()
    qtbot.waitUntil(lambda: dialog.token.text() == old)

    dialog.rotate_button.click()
    qtbot.waitUntil(lambda: isinstance(dialog.confirm, ReasonDialog) and dialog.confirm.isVisible())
    dialog.confirm.buttons.button(dialog.confirm.buttons.StandardButton.Cancel).click()
    qtbot.waitUntil(lambda: dialog.confirm is None)
    assert secrets.bridge_token(env={}) == old
    dialog.rotate_button.click()
    qtbot.waitUntil(lambda: isinstance(dialog.confirm, ReasonDialog) and dialog.confirm.isVisible())
    assert not dialog.confirm.ok.isEnabled()  # no rotation without a reason
    qtbot.keyClicks(dialog.confirm.reason, "token shown on a screenshot")
    dialog.confirm.ok.click()
    qtbot.waitUntil(lambda: dialog.token.text() not in ("", old))
    new = dialog.token.text()
    assert secrets.bridge_token(env={}) == new

    url = runtime.bridge.url + "/v1/status"
    assert httpx.get(url, headers={"Authorization": f"Bearer {old}"}).status_code == 401
    assert httpx.get(url, headers={"Authorization": f"Bearer {new}"}).status_code == 200
    dialog.reject()
    assert dialog.token.text() == ""
    panel.reject()
    actions = [a for a, _, _ in audit_actions(runtime)]
    assert actions.count("bridge_token.rotate") == 1 and "bridge_token.show" in actions
    rotation = next(detail for a, _, detail in audit_actions(runtime) if a == "bridge_token.rotate")
    assert rotation == {"reason": "token shown on a screenshot"}


def test_settings_are_validated_keys_replaced_write_only_and_a_restart_offered(qtbot, window, manager, runtime,
                                                                                memory_keyring):
    panel = unlock(qtbot, window)
    restarts = []
    manager.restart_requested.connect(lambda: restarts.append(True))
    dialog = task(qtbot, panel, "settings", SettingsDialog)
    assert "MemoryKeyring" in dialog.key_store.text()
    assert dialog.api_key.text() == "" and dialog.api_key.echoMode() == dialog.api_key.EchoMode.Password

    dialog.test_button.click()  # blank fields: the stored keys are checked, and none are stored yet
    qtbot.waitUntil(lambda: dialog.test_button.isEnabled() and dialog.result.text().startswith("Enter the API key"))
    dialog.fields.widget("currency").setText("EU")
    dialog.save()
    assert "Currency: an ISO 4217 code such as USD, EGP or SAR" in dialog.message.text()
    dialog.fields.widget("currency").setText(runtime.settings.currency)
    dialog.api_key.setText(DEMO_API_KEY)
    dialog.save()
    assert "both keys" in dialog.message.text()
    dialog.secret_key.setText(DEMO_SECRET_KEY)
    dialog.pin.setText("97531")
    dialog.repeat.setText("97531")
    dialog.fields.widget("branch_name").setText("Heliopolis")
    dialog.save()  # a change needs its reason: refused at once, naming the field, nothing stored
    assert dialog.message.text().startswith("Reason: type why") and not dialog.busy
    assert (secrets.SERVICE, secrets.SECRET_KEY) not in memory_keyring.values
    dialog.reason.setText("moved to the Heliopolis branch")
    dialog.save()
    qtbot.waitUntil(lambda: panel.task is None)
    qtbot.waitUntil(lambda: modal(QMessageBox) is not None)
    question = modal(QMessageBox)
    assert "start again" in question.text()
    next(b for b in question.buttons() if b.text() == "Restart now").click()
    assert restarts == [True]

    again = task(qtbot, panel, "settings", SettingsDialog)
    assert again.api_key.text() == "" and again.secret_key.text() == ""  # never read back
    again.test_button.click()  # now the stored keys
    qtbot.waitUntil(lambda: again.result.text().startswith("Connected"))
    again.reject()

    assert memory_keyring.values[(secrets.SERVICE, secrets.SECRET_KEY)] == DEMO_SECRET_KEY
    with Store.open_in(runtime.data_dir) as store:
        assert store.get_setting("branch_name") == "Heliopolis"
    actions = [a for a, _, _ in audit_actions(runtime)]
    for action in ("keys.set", "pin.set", "settings.set", "connection.test"):
        assert action in actions, action
    details = {a: detail for a, _, detail in audit_actions(runtime)}
    assert details["settings.set"] == {"keys": ["branch_name", "pin"], "reason": "moved to the Heliopolis branch"}
    assert details["keys.set"]["reason"] == "moved to the Heliopolis branch"
    qtbot.waitUntil(lambda: "notices" in manager.button.text())
    panel.reject()
    again = unlock(qtbot, window, "97531")  # the new PIN, not the old one, opens manager mode now
    again.reject()


def test_failed_orders_show_who_how_much_and_when_before_gameballs_references(qtbot):
    from pos_app.ui.manager.failed_orders import REQUEST, FailedModel
    from pos_app.ui.manager.queue_items import AMOUNT, CUSTOMER, SOLD_AT

    assert CUSTOMER < REQUEST and AMOUNT < REQUEST and SOLD_AT < REQUEST
    headers = FailedModel().headers()
    assert headers.index("Customer") < headers.index("requestId") and headers[-1] == "requestId"


@pytest.mark.parametrize("waiting", [0, 2])
def test_the_hub_says_how_many_orders_of_a_previous_users_queue_wait(qtbot, window, runtime, memory_keyring,
                                                                       monkeypatch, waiting):
    # What sync.left_queues counts (tests/integration/test_left_queues.py); here only how the hub shows it.
    monkeypatch.setattr(runtime.left_queues, "waiting", lambda: waiting)
    attach(window, runtime)
    panel = unlock(qtbot, window)
    if waiting:
        qtbot.waitUntil(lambda: panel.left_queue_line.isVisible())
        assert panel.left_queue_line.text() == "Orders from a previous user's queue: 2 waiting"
    else:
        qtbot.waitUntil(lambda: panel.buttons["failed"].text() == "&Failed orders (0)")  # the hub's queries ran
        assert not panel.left_queue_line.isVisible()
    panel.reject()
    qtbot.waitUntil(lambda: modal(ManagerPanel) is None)


def test_the_settings_say_when_gameball_requires_otp_above_the_store_setting(qtbot, window, manager):
    panel = unlock(qtbot, window)
    dialog = task(qtbot, panel, "settings", SettingsDialog)
    assert not dialog.otp_required_note.isVisible()  # nothing learnt yet: the store's choice stands alone
    dialog.reject()
    window.services.customers.account_requires_otp = True  # as a hold refused without a code sets it
    dialog = task(qtbot, panel, "settings", SettingsDialog)
    assert dialog.otp_required_note.isVisible() and "requires OTP" in dialog.otp_required_note.text()
    dialog.reject()
