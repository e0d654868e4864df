"""Render the manager's screens to PNG files in docs/screens/: the first-run wizard, the PIN, the failed
orders and the end-of-day summary (also in Arabic). `scripts/render_screens.py` runs it after the till's.

    python scripts/render_manager_screens.py [--out docs/screens]

Manager mode runs as in the demo (its PIN is the demo's), on its own sandbox and data directory; the wizard
is shown with an in-memory credential store, as the tests use, since this machine may have none.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from datetime import date
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import keyring  # noqa: E402 (the platform must be chosen first)
import shiboken6  # noqa: E402
from keyring.backend import KeyringBackend  # noqa: E402
from PySide6.QtCore import QPoint  # noqa: E402
from PySide6.QtGui import QColor, QPainter, QPixmap  # noqa: E402
from PySide6.QtWidgets import QApplication, QWidget  # noqa: E402
from render_screens import SIZE, demo_terminal, open_window, save, settle, wait_until  # noqa: E402

from pos_app.config.settings import Settings  # noqa: E402
from pos_app.domain.order import validate_order  # noqa: E402
from pos_app.domain.timeutil import utc_now  # noqa: E402
from pos_app.runtime import Runtime  # noqa: E402
from pos_app.sandbox import DEMO_API_KEY, DEMO_SECRET_KEY, Sandbox  # noqa: E402
from pos_app.services.manager import DEMO_PIN, ManagerService  # noqa: E402
from pos_app.ui import i18n  # noqa: E402
from pos_app.ui.main_window import MainWindow  # noqa: E402
from pos_app.ui.manager import ManagerMode  # noqa: E402
from pos_app.ui.manager.end_of_day import EndOfDayDialog  # noqa: E402
from pos_app.ui.manager.failed_orders import FailedOrdersDialog  # noqa: E402
from pos_app.ui.manager.panel import ManagerPanel  # noqa: E402
from pos_app.ui.manager.pin_dialog import PinDialog  # noqa: E402
from pos_app.ui.manager.setup_wizard import SetupWizard  # noqa: E402
from pos_app.ui.worker import Worker  # noqa: E402


class _MemoryKeyring(KeyringBackend):
    """For the wizard's picture only: nothing is kept after the script ends."""

    priority = 1  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.values: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.values.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.values[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        self.values.pop((service, username), None)


def save_alone(widget: QWidget, out: Path, name: str) -> None:
    """A window with nothing behind it (the wizard comes before the till), centred on a 1024x768 screen."""
    for _ in range(5):
        QApplication.processEvents()
    picture = QPixmap(*SIZE)
    picture.fill(QColor("#d9dde3"))
    shot = widget.grab()
    painter = QPainter(picture)
    painter.drawPixmap(QPoint((SIZE[0] - shot.width()) // 2, (SIZE[1] - shot.height()) // 2), shot)
    painter.end()
    path = out / f"{name}.png"
    picture.save(str(path))
    print(f"wrote {path} ({picture.width()}x{picture.height()})")


def render_wizard(out: Path, sandbox: Sandbox, data: Path) -> None:
    previous = keyring.get_keyring()
    keyring.set_keyring(_MemoryKeyring())
    worker = Worker()
    service = ManagerService(data, Settings())
    wizard = SetupWizard(service, worker)
    try:
        wizard.show()
        wizard.next()
        wizard.fields.widget("api_base").setText(sandbox.url)
        wizard.keys.api_key.setText(DEMO_API_KEY)
        wizard.keys.secret_key.setText(DEMO_SECRET_KEY)
        wizard.keys.test_button.click()
        wait_until(lambda: wizard.keys.test_button.isEnabled() and bool(wizard.keys.result.text()))
        save_alone(wizard, out, "12-setup-wizard")
    finally:
        worker.stop(service.close)
        wizard.close()
        shiboken6.delete(wizard)
        shiboken6.delete(worker)
        keyring.set_keyring(previous)


def sell(runtime: Runtime, order_id: str, total: float, customer: str = "demo-amira") -> None:
    body = {"customerId": customer, "orderId": order_id, "totalPaid": total,
            "lineItems": [{"productId": "P-1001", "quantity": 1, "price": total}]}
    runtime.service.accept_order(validate_order(body, now=utc_now(), currency=runtime.settings.currency))


def manager_window(runtime: Runtime) -> tuple[MainWindow, ManagerMode]:
    window = open_window(runtime)
    if window.slip is not None:
        window.slip.done(0)
    manager = ManagerMode(window, ManagerService.from_runtime(runtime, demo_bridge_token="render-bridge-token"))
    return window, manager


def unlock(window: MainWindow, manager: ManagerMode, pin: str = DEMO_PIN) -> ManagerPanel:
    manager.open()
    wait_until(lambda: isinstance(manager.pin_dialog, PinDialog) and not manager.pin_dialog.busy)
    manager.pin_dialog.pin.setText(pin)
    manager.pin_dialog.submit()
    wait_until(lambda: manager.panel is not None)
    settle(window)
    return manager.panel


def render_end_of_day(window: MainWindow, panel: ManagerPanel, out: Path, name: str) -> None:
    panel.open_end_of_day()
    dialog = panel.task
    assert isinstance(dialog, EndOfDayDialog)
    wait_until(lambda: dialog.summary is not None)
    save(window, out, name, dialog)
    dialog.done(0)


def render_manager(out: Path) -> None:
    app = QApplication.instance() or QApplication(sys.argv)
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as data, Sandbox(port=0, demo=True) as sandbox:
        render_wizard(out, sandbox, Path(data) / "wizard")
        runtime = demo_terminal(Path(data) / "till", sandbox, terminal_id="T1")
        try:
            sandbox.faults.poison(order_id="T1-0412", code=3003, message="lineItems[1].price must not be negative")
            sandbox.faults.poison(order_id="T1-0419", code=3000, message="customerId is missing")
            for order_id, total in (("T1-0398", 42.5), ("T1-0405", 18.0), ("T1-0412", 27.9), ("T1-0416", 64.0),
                                    ("T1-0419", 12.0)):
                sell(runtime, order_id, total)
            wait_until(lambda: runtime.engine.status.failed == 2 and runtime.engine.status.pending == 0, 20)

            window, manager = manager_window(runtime)
            manager.open()
            pin = manager.pin_dialog
            wait_until(lambda: isinstance(pin, PinDialog) and not pin.busy)
            pin.pin.setText("0000")
            pin.submit()
            wait_until(lambda: "tries left" in pin.status.text())
            pin.pin.setText("12")
            save(window, out, "13-manager-pin", pin)
            pin.pin.setText(DEMO_PIN)
            pin.submit()
            wait_until(lambda: manager.panel is not None)
            panel = manager.panel

            panel.open_failed()
            failed = panel.task
            assert isinstance(failed, FailedOrdersDialog)
            wait_until(lambda: failed.model.rowCount() == 2)
            save(window, out, "14-failed-orders", failed)
            failed.done(0)
            render_end_of_day(window, panel, out, "15-end-of-day")
            panel.done(0)
            window.shutdown()
            window.close()

            translators = i18n.install(app, "ar")
            arabic, arabic_manager = manager_window(runtime)
            panel = unlock(arabic, arabic_manager)
            render_end_of_day(arabic, panel, out, "16-end-of-day-arabic")
            panel.open_failed()
            failed = panel.task
            assert isinstance(failed, FailedOrdersDialog)
            wait_until(lambda: failed.model.rowCount() == 2)
            save(arabic, out, "17-failed-orders-arabic", failed)
            failed.done(0)
            panel.done(0)
            arabic.shutdown()
            arabic.close()
            i18n.uninstall(app, translators)
        finally:
            runtime.stop()
    print(f"rendered for {date.today()}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=Path(__file__).resolve().parent.parent / "docs" / "screens")
    render_manager(parser.parse_args().out)


if __name__ == "__main__":
    main()
