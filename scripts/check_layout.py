"""Render every till and manager screen on one screen size and report any text that is cut.

    python scripts/check_layout.py --screen 800x600 [--scale 1.5] [--shots DIR]

Qt reads the screen and the scale factor once per process, so each size is its own run (the test
`tests/ui/test_layout.py` starts one per size). The window is maximised on the screen, as a till is;
every screen is audited in English and in Arabic by `pos_app.ui.layout_audit`. Prints one line per
finding and exits 1 if there is any. With --shots, saves each screen as a PNG too.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import replace
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pos_app.runtime import Runtime
    from pos_app.sandbox import Sandbox


def _screen_platform(size: str, scale: float | None) -> None:
    """The offscreen platform with one screen of `size` (must run before Qt is imported)."""
    width, height = (int(part) for part in size.lower().split("x"))
    config = Path(tempfile.mkdtemp(prefix="pos-app-screen-")) / "screen.json"
    config.write_text(json.dumps({"screens": [{"name": "till", "x": 0, "y": 0, "width": width, "height": height,
                                               "logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1}]}))
    os.environ["QT_QPA_PLATFORM"] = f"offscreen:configfile={config}"
    if scale:
        os.environ["QT_SCALE_FACTOR"] = str(scale)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--screen", default="1024x768", help="WIDTHxHEIGHT of the screen in pixels")
    parser.add_argument("--scale", type=float, default=None, help="QT_SCALE_FACTOR, e.g. 1.5")
    parser.add_argument("--shots", type=Path, default=None, help="also save a PNG of each screen here")
    parser.add_argument("--lang", default="en,ar")
    args = parser.parse_args()
    _screen_platform(args.screen, args.scale)
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    findings = run(args.shots, args.lang.split(","), f"{args.screen}@{args.scale or 1}")
    for finding in findings:
        print(finding)
    print(f"{len(findings)} cut text(s) at {args.screen} scale {args.scale or 1}")
    return 1 if findings else 0


def needs_review_and_shortfall(runtime: Runtime, sandbox: Sandbox) -> None:
    """An order under an id Gameball holds for another sale it cannot tell apart (needs review), and a sale whose
    expired hold's points Gameball would not take: their lists and the strip's review count are rendered too."""
    from render_manager_screens import sell
    from render_screens import wait_until

    from pos_app.domain.order import validate_order
    from pos_app.domain.timeutil import to_iso_z, utc_now
    from pos_app.gameball.client import GameballClient
    from pos_app.sandbox import DEMO_API_KEY, DEMO_SECRET_KEY
    from pos_app.store.store import Store

    with GameballClient(sandbox.url, DEMO_API_KEY, DEMO_SECRET_KEY) as client:
        client.track_order({"customerId": "demo-lena", "orderId": "T1-0420", "orderDate": to_iso_z(utc_now()),
                            "totalPaid": Decimal("31.50")})
    for tx in sandbox.state.orders["T1-0420"].transactions:
        del tx["transactionDate"]  # Gameball's record cannot show whose sale it is
    sell(runtime, "T1-0420", 31.5)
    with Store.open_in(runtime.data_dir) as store:
        store.record_hold("H-T1-0433", "demo-amira", 20_000, Decimal("200.00"))
    runtime.service.accept_order(validate_order(
        {"customerId": "demo-amira", "orderId": "T1-0433", "totalPaid": Decimal("58.00"),
         "redemption": {"pointsHoldReference": "H-T1-0433"}}, now=utc_now(), currency=runtime.settings.currency))
    engine = runtime.engine
    wait_until(lambda: (engine.status.needs_review, engine.status.shortfalls, engine.status.pending) == (1, 1, 0), 20)


def run(shots: Path | None, languages: list[str], tag: str) -> list[str]:
    import keyring
    import shiboken6
    from PySide6.QtWidgets import QApplication, QWidget
    from render_manager_screens import _MemoryKeyring, manager_window, sell
    from render_screens import PHONE, demo_terminal, settle, wait_until

    from pos_app.config.settings import Settings
    from pos_app.domain.basket import MANUAL_PRODUCT_ID, BasketLine
    from pos_app.domain.money import max_amount
    from pos_app.sandbox import Sandbox
    from pos_app.services.manager import DEMO_PIN, ManagerService
    from pos_app.ui import i18n
    from pos_app.ui.coupon_dialog import CouponDialog
    from pos_app.ui.customer_display import CustomerDisplay
    from pos_app.ui.layout_audit import audit
    from pos_app.ui.manager.pin_dialog import PinDialog
    from pos_app.ui.manager.setup_wizard import SetupWizard
    from pos_app.ui.return_dialog import ReturnDialog
    from pos_app.ui.sale import PreviewSource
    from pos_app.ui.worker import Worker

    app = QApplication.instance() or QApplication(sys.argv)
    keyring.set_keyring(_MemoryKeyring())
    found: list[str] = []

    def check(widget: QWidget, name: str, lang: str) -> None:
        settle_widget(widget)
        found.extend(f"[{tag} {lang}] {name}: {finding}" for finding in audit(widget, touch=True))
        if shots is not None:
            shots.mkdir(parents=True, exist_ok=True)
            widget.grab().save(str(shots / f"{tag}-{lang}-{name}.png"))

    def settle_widget(widget: QWidget) -> None:
        for _ in range(5):
            QApplication.processEvents()
        # A change delivered in the last round (the slip's refresh) has resized the window but its layout
        # request is still posted: lay it out now, so the audit sees what the screen will show.
        if widget.layout() is not None:
            widget.layout().activate()
        QApplication.processEvents()

    def modal_of(kind: type) -> Callable[[], bool]:
        return lambda: isinstance(QApplication.activeModalWidget(), kind)

    @contextmanager
    def language(lang: str) -> Iterator[None]:
        translators = i18n.install(app, lang)
        try:
            yield
        finally:
            i18n.uninstall(app, translators)

    with tempfile.TemporaryDirectory() as data, Sandbox(port=0, demo=True) as sandbox:
        sandbox.state.seed_customer(PHONE, name="Amira Haddad", mobile=PHONE, tier="Gold", available=2_400_000,
                                    pending=180_000, pending_days=7, expiring=300_000, expiring_days=20)
        runtime = demo_terminal(Path(data) / "till", sandbox, terminal_id="T1")
        try:
            sandbox.faults.poison(order_id="T1-0412", code=3003, message="lineItems[1].price must not be negative")
            for order_id, total in (("T1-0398", 42.5), ("T1-0412", 27.9)):
                sell(runtime, order_id, total)
            wait_until(lambda: runtime.engine.status.failed == 1 and runtime.engine.status.pending == 0, 20)
            needs_review_and_shortfall(runtime, sandbox)

            def one_language(lang: str) -> None:
                window, manager = manager_window(runtime)
                window.showMaximized()
                settle(window)
                check(window, "till-empty", lang)

                window.customer.entry.setText(PHONE)
                window.sale.identify(PHONE)
                wait_until(lambda: window.sale.customer is not None and not window.sale.looking_up)
                for code in ("4006381333931", "P-1004", "8711000530085"):
                    window.sale.add_code(code)
                # The largest basket the till takes: a long line that brings the total to the ceiling.
                largest = max_amount(window.sale.currency) - window.sale.basket.total_price
                window.sale.add_line(BasketLine(MANUAL_PRODUCT_ID, "Gold watch, limited edition " * 3,
                                                largest, Decimal(1)))
                assert window.sale.basket.total_price == max_amount(window.sale.currency)
                settle(window)
                check(window, "till-largest-basket", lang)

                window.open_coupon()
                wait_until(modal_of(CouponDialog))
                coupon = QApplication.activeModalWidget()
                coupon.code.setText("FREESHIP")
                coupon.apply_button.click()
                wait_until(lambda: coupon.apply_button.isEnabled())
                check(coupon, "coupon-refused", lang)
                coupon.code.setText("SAVE15")
                coupon.apply_button.click()
                wait_until(lambda: window.sale.basket.coupon is not None)
                wait_until(lambda: QApplication.activeModalWidget() is None)

                wait_until(lambda: bool(window.sale.redemption_options))  # the account's rules, with their labels
                window.open_redeem()
                wait_until(lambda: QApplication.activeModalWidget() is not None)
                redeem = QApplication.activeModalWidget()
                check(redeem, "redeem", lang)
                redeem.rule.setCurrentIndex(1)
                check(redeem, "redeem-rule", lang)
                redeem.rule.setCurrentIndex(0)
                redeem.value.setText("500")
                redeem._otp_sent(500)  # as when Gameball texted the customer a code
                check(redeem, "redeem-otp", lang)
                redeem.otp.clear()
                redeem.otp_for = None
                window.services.settings = replace(window.services.settings, otp_policy="never")
                redeem.hold_button.click()
                wait_until(lambda: window.sale.basket.redemption is not None)
                settle(window)
                check(window, "till-redeemed", lang)
                display = CustomerDisplay(window.sale, "", window)
                display.show()
                display.sale.otp_needed.emit(500)
                settle_widget(display)
                check(display, "customer-display", lang)
                # The same sale as a base-rate estimate (the longest labels of the figure, on both screens).
                live = window.sale.preview
                window.sale.preview = replace(live, source=PreviewSource.ESTIMATE_BASE_RATE)
                window.sale.preview_changed.emit()
                settle(window)
                check(window, "till-estimate", lang)
                settle_widget(display)
                check(display, "customer-display-estimate", lang)
                window.sale.preview = live
                window.sale.preview_changed.emit()
                display.close()

                notices: list[str] = []
                window.sale.notice.connect(lambda kind, text: notices.append(f"{kind}: {text}"))
                # A busy machine may have the till briefly offline or a preview still out: pay when it can.
                wait_until(lambda: window.sale.pay_problem() is None and not window.sale.holding)
                window.pay()
                try:
                    wait_until(lambda: window.slip is not None and window.slip.info is not None)
                except TimeoutError as error:
                    raise TimeoutError(f"no slip after pay; the till said {notices[-3:]}") from error
                settle(window)
                check(window.slip, "slip", lang)
                paid = window.slip.order_id
                window.slip.done(0)

                window.open_history()
                wait_until(lambda: window.history is not None and window.history.model.rowCount() >= 1)
                settle(window)
                check(window.history, "history", lang)
                window.history.done(0)

                window.open_return(paid)
                wait_until(modal_of(ReturnDialog))
                dialog = QApplication.activeModalWidget()
                wait_until(lambda: dialog.view is not None)
                check(dialog, "return", lang)
                dialog.done(0)

                manager.open()
                wait_until(lambda: isinstance(manager.pin_dialog, PinDialog) and not manager.pin_dialog.busy)
                check(manager.pin_dialog, "manager-pin", lang)
                manager.pin_dialog.pin.setText(DEMO_PIN)
                manager.pin_dialog.submit()
                wait_until(lambda: manager.panel is not None)
                panel = manager.panel
                settle(window)
                check(panel, "manager-hub", lang)
                panel.show_left_queue(12)  # a previous user's queue still waiting: the hub's one more line
                settle(window)
                check(panel, "manager-hub-left-queue", lang)
                reason_dialogs = {
                    "failed-orders": (("retry-reason", lambda t: t.ask_retry(), lambda t: t.reason_dialog),
                                      ("discard-reason", lambda t: t.ask_discard(), lambda t: t.reason_dialog)),
                    "bridge-token": (("rotate-reason", lambda t: t.ask_rotate(), lambda t: t.confirm),),
                }
                for name, opener, ready in (
                    ("failed-orders", panel.open_failed, lambda task: task.model.rowCount() >= 1),
                    ("review-orders", panel.open_review, lambda task: task.model.rowCount() >= 1),
                    ("shortfalls", panel.open_shortfalls, lambda task: task.model.rowCount() >= 1),
                    ("end-of-day", panel.open_end_of_day, lambda task: task.summary is not None),
                    ("settings", panel.open_settings, lambda task: True),
                    ("export-history", panel.open_export, lambda task: True),
                    ("bridge-token", panel.open_token, lambda task: True),
                    ("audit-log", panel.open_audit, lambda task: True),
                ):
                    # The settings show their longest: with the note that Gameball requires OTP on this account.
                    window.services.customers.account_requires_otp = name == "settings"
                    opener()
                    wait_until(lambda: panel.task is not None)
                    task = panel.task
                    wait_until(lambda task=task, ready=ready: ready(task))
                    settle(window)
                    check(task, name, lang)
                    if name == "review-orders":  # the decision's reason box, over the list
                        task.other_sale_button.click()
                        wait_until(lambda task=task: task.reason_dialog is not None and task.reason_dialog.isVisible())
                        check(task.reason_dialog, "review-another-sale", lang)
                        task.reason_dialog.done(0)
                    if name == "end-of-day":
                        # A day retention archived part of: the note naming the file, above the figures.
                        task._show(replace(task.summary, archived_in=("orders-20261202T031500.jsonl.gz",)),
                                   task._query)
                        settle(window)
                        check(task, "end-of-day-archived", lang)
                    # The reasons a manager types: retry and discard over the failed list, rotation over the token.
                    for asked, ask, dialog_of in reason_dialogs.get(name, ()):
                        ask(task)
                        wait_until(lambda task=task, dialog_of=dialog_of: dialog_of(task) is not None)
                        dialog = dialog_of(task)
                        settle_widget(dialog)
                        check(dialog, asked, lang)
                        dialog.done(0)
                        wait_until(lambda task=task, dialog_of=dialog_of: dialog_of(task) is None)
                    task.done(0)
                    wait_until(lambda: panel.task is None)
                panel.done(0)
                window.shutdown()
                window.close()

                worker = Worker()
                service = ManagerService(Path(data) / f"wizard-{lang}", Settings())
                wizard = SetupWizard(service, worker)
                wizard.show()
                page = 0
                while True:
                    settle_widget(wizard)
                    check(wizard, f"setup-wizard-{page}", lang)
                    if wizard.nextId() == -1:
                        break
                    wizard.next()
                    page += 1
                    if page > 10:
                        break
                worker.stop(service.close)
                wizard.close()
                # Deleted here on the GUI thread: left to the garbage collector, the wizard and its worker (a
                # reference cycle) were finalized on whichever thread collected them, and Qt crashed.
                shiboken6.delete(wizard)
                shiboken6.delete(worker)

            for lang in languages:
                with language(lang):
                    one_language(lang)
        finally:
            runtime.stop()
    return found


if __name__ == "__main__":
    code = main()
    sys.stdout.flush()
    # The verdict is printed; skip interpreter teardown, where PySide6 may crash destroying widgets in
    # garbage-collection order (tracked by the clean-exit test of the app itself, not this checker).
    os._exit(code)
