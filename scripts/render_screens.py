"""Render the till window's main states to PNG files in docs/screens/ (offscreen; no display needed).

    python scripts/render_screens.py [--out docs/screens]

It runs the real window on an in-process demo sandbox, drives a sale with the controller and the
keyboard-facing widgets, and saves QWidget.grab() images at 1024x768. Dialogs are drawn over the
window they belong to, as the cashier sees them.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QPoint  # noqa: E402 (the platform must be chosen first)
from PySide6.QtGui import QColor, QPainter, QPixmap  # noqa: E402
from PySide6.QtWidgets import QApplication, QWidget  # noqa: E402

from pos_app.config import secrets  # noqa: E402
from pos_app.config.settings import Settings  # noqa: E402
from pos_app.runtime import Runtime  # noqa: E402
from pos_app.sandbox import DEMO_API_KEY, DEMO_SECRET_KEY, Sandbox  # noqa: E402
from pos_app.sync.backoff import Backoff  # noqa: E402
from pos_app.ui import i18n  # noqa: E402
from pos_app.ui.main_window import MainWindow  # noqa: E402
from pos_app.ui.return_dialog import ReturnDialog  # noqa: E402

SIZE = (1024, 768)
PHONE = "+971501234567"  # Amira in the demo data


# 30 s: the layout test runs these scripts while the rest of the suite loads the machine.
def wait_until(condition: Callable[[], bool], timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise TimeoutError("the window did not reach the expected state")
        QApplication.processEvents()
        time.sleep(0.01)


def settle(window: MainWindow) -> None:
    wait_until(lambda: window.worker.pending == 0)
    for _ in range(5):
        QApplication.processEvents()


def save(window: MainWindow, out: Path, name: str, dialog: QWidget | None = None) -> None:
    settle(window)
    picture = window.grab()
    if dialog is not None:
        painter = QPainter(picture)
        painter.fillRect(picture.rect(), QColor(0, 0, 0, 90))
        shot: QPixmap = dialog.grab()
        painter.drawPixmap(QPoint((picture.width() - shot.width()) // 2, (picture.height() - shot.height()) // 3),
                           shot)
        painter.end()
    path = out / f"{name}.png"
    picture.save(str(path))
    print(f"wrote {path} ({picture.width()}x{picture.height()})")


def open_window(runtime: Runtime) -> MainWindow:
    window = MainWindow(runtime.till_services(demo=True), demo=True)
    window.resize(*SIZE)
    window.show()
    wait_until(lambda: window.sale.status.online and len(window.sale.catalogue) > 0)
    settle(window)
    return window


def sell(window: MainWindow, phone: str, codes: list[str]) -> None:
    window.customer.entry.setText(phone)
    window.sale.identify(phone)
    wait_until(lambda: window.sale.customer is not None)
    for code in codes:
        window.sale.add_code(code)
    wait_until(lambda: window.sale.preview is not None and window.sale.preview.source == "live")
    settle(window)


def return_some(window: MainWindow, order_id: str, units: dict[int, int]) -> ReturnDialog:
    """The Return dialog for `order_id` with `units` of some of its lines chosen (line index -> units)."""
    window.open_return(order_id)
    wait_until(lambda: isinstance(QApplication.activeModalWidget(), ReturnDialog))
    dialog = QApplication.activeModalWidget()
    wait_until(lambda: dialog.view is not None)
    for row, count in units.items():
        dialog.spins[row].setValue(count)
    return dialog


def demo_terminal(data_dir: Path, sandbox: Sandbox, **settings: object) -> Runtime:
    """A started terminal (no bridge) of the demo store on `sandbox`, retrying quickly; `settings` override."""
    base = Settings(api_base=sandbox.url, merchant_id="DEMO", merchant_name="Demo Store", branch_id="DEMO-1",
                    branch_name="Demo Branch", currency=sandbox.state.currency)
    runtime = Runtime.build(data_dir, replace(base, **settings), secrets.Credentials(DEMO_API_KEY, DEMO_SECRET_KEY),
                            "render-bridge-token", bridge=False)
    runtime.engine.options.probe_backoff = Backoff(base=0.05, cap=0.2)
    runtime.engine.options.delivery.retry_backoff = Backoff(base=0.05, cap=0.2)
    runtime.start()
    return runtime


def render(out: Path) -> None:
    app = QApplication.instance() or QApplication(sys.argv)
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as data, Sandbox(port=0, demo=True) as sandbox:
        sandbox.state.seed_customer(PHONE, name="Amira Haddad", mobile=PHONE, tier="Gold", available=2400,
                                    pending=180, pending_days=7, expiring=300, expiring_days=20)
        runtime = demo_terminal(Path(data), sandbox)
        try:
            window = open_window(runtime)
            save(window, out, "01-empty-till")

            sell(window, PHONE, ["4006381333931", "P-1004", "8711000530085", "8711000530085"])
            save(window, out, "02-sale-with-customer-and-preview")

            window.open_redeem()
            wait_until(lambda: QApplication.activeModalWidget() is not None)
            dialog = QApplication.activeModalWidget()
            save(window, out, "03-redeem", dialog)
            dialog.value.setText("500")
            dialog.hold_button.click()
            wait_until(lambda: window.sale.basket.redemption is not None)
            wait_until(lambda: window.sale.preview is not None and window.sale.preview.source == "live")
            save(window, out, "04-redeemed")

            window.pay()
            wait_until(lambda: window.slip is not None and window.slip.info is not None
                       and window.slip.info.new_balance is not None)
            save(window, out, "05-slip", window.slip)
            redeemed_order = window.slip.order_id
            window.slip.done(0)

            sandbox.faults.refuse()
            sell_offline = ["5000112637922", "7622210449283"]
            window.sale.identify(PHONE)
            window.customer.entry.setText(PHONE)
            wait_until(lambda: window.sale.customer is not None)
            for code in sell_offline:
                window.sale.add_code(code)
            window.pay()
            wait_until(lambda: window.slip is not None and window.slip.info is not None)
            wait_until(lambda: not window.sale.status.online)
            save(window, out, "06-offline-slip-pending", window.slip)
            window.slip.done(0)
            window.customer.entry.setText(PHONE)
            window.sale.identify(PHONE)
            wait_until(lambda: window.sale.customer is not None)
            window.sale.add_code("4902430735063")
            settle(window)
            save(window, out, "07-offline-with-pending")

            window.sale.cancel_sale()
            sandbox.faults.clear()
            wait_until(lambda: window.sale.status.online and window.sale.status.pending == 0, timeout=20)
            window.open_history()
            wait_until(lambda: window.history is not None and window.history.model.rowCount() >= 2)
            wait_until(lambda: "transactions" in window.history.detail.toPlainText())
            settle(window)
            save(window, out, "08-history", window.history)
            window.history.done(0)

            # One pen and one bag of coffee back from the sale that redeemed 500 points.
            dialog = return_some(window, redeemed_order, {0: 1, 2: 1})
            save(window, out, "10-return", dialog)
            dialog.done(0)
            window.shutdown()
            window.close()

            translators = i18n.install(app, "ar")
            arabic = open_window(runtime)
            sell(arabic, PHONE, ["P-1004", "3017620422003"])
            save(arabic, out, "09-arabic")
            dialog = return_some(arabic, redeemed_order, {0: 1, 2: 1})
            save(arabic, out, "11-return-arabic", dialog)
            dialog.done(0)
            arabic.shutdown()
            arabic.close()
            i18n.uninstall(app, translators)
        finally:
            runtime.stop()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=Path(__file__).resolve().parent.parent / "docs" / "screens")
    out = parser.parse_args().out
    render(out)
    from render_manager_screens import render_manager  # imported here: it imports helpers from this module

    render_manager(out)
    from render_customer_screens import render_customer

    render_customer(out)


if __name__ == "__main__":
    main()
