"""A till that takes a points hold for a sale and is then killed before the sale ends (run as a script).

    python tests/ui/hold_then_die.py DATA_DIR API_BASE

It opens the real till window offscreen on DATA_DIR against the sandbox at API_BASE, identifies the test
customer, scans an item, redeems 100 points, prints the hold reference and then runs until it is killed:
the sale is never paid nor cancelled, so nothing releases the hold but the next start.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QEventLoop, QTimer  # noqa: E402 (the platform must be chosen first)
from PySide6.QtWidgets import QApplication  # noqa: E402
from till_helpers import PHONE, fast  # noqa: E402

from pos_app.config import secrets  # noqa: E402
from pos_app.config.settings import Settings  # noqa: E402
from pos_app.runtime import Runtime  # noqa: E402
from pos_app.sandbox import DEMO_API_KEY, DEMO_SECRET_KEY  # noqa: E402
from pos_app.ui.main_window import MainWindow  # noqa: E402

TIMEOUT_MS = 20_000


def wait_for(condition, what: str) -> None:
    """Run Qt's event loop, so the worker's and the engine's answers arrive, until `condition` holds
    (checked every 10 ms, as qtbot.waitUntil does)."""
    loop, check, give_up = QEventLoop(), QTimer(), QTimer()
    check.timeout.connect(lambda: loop.exit(0) if condition() else None)
    give_up.timeout.connect(lambda: loop.exit(1))
    check.start(10)
    give_up.start(TIMEOUT_MS)
    timed_out = not condition() and loop.exec() != 0
    check.stop()
    give_up.stop()
    if timed_out:
        raise SystemExit(f"timed out waiting for {what}")


def hold_mid_sale(window: MainWindow) -> None:
    """Identify the test customer, scan an item, hold 100 points and print the hold's reference."""
    sale = window.sale
    wait_for(lambda: sale.status.online and len(sale.catalogue) > 0, "the till to come online")
    sale.identify(PHONE)
    sale.add_code("P-1004")
    wait_for(lambda: sale.customer is not None, "the customer")
    sale.redeem(points=100)
    wait_for(lambda: sale.basket.redemption is not None, "the hold")
    print(sale.basket.redemption.hold_reference, flush=True)


def started_terminal(data_dir: str, api_base: str) -> Runtime:
    """The test shop's terminal on DATA_DIR against the sandbox at API_BASE, started, retrying quickly."""
    settings = Settings(api_base=api_base, merchant_id="M1", merchant_name="Shop", branch_id="B1",
                        branch_name="Main", currency="USD", phone_region="EG")
    runtime = Runtime.build(Path(data_dir), settings, secrets.Credentials(DEMO_API_KEY, DEMO_SECRET_KEY), "t0ken",
                            bridge=False)
    fast(runtime)
    runtime.start()
    return runtime


def main(data_dir: str, api_base: str) -> None:
    app = QApplication(sys.argv[:1])
    runtime = started_terminal(data_dir, api_base)
    window = MainWindow(runtime.till_services(demo=True))
    window.show()
    hold_mid_sale(window)
    app.exec()  # the cashier walks away mid-sale; the test kills this process


if __name__ == "__main__":
    main(*sys.argv[1:3])
