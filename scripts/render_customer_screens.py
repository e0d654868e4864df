"""Render the moments of knowing the customer (issue 15) to PNG files in docs/screens/ (offscreen).

    python scripts/render_customer_screens.py [--out docs/screens]

Name, tier and a campaign on the till; a refused coupon; the redeem dialog asking for the texted code;
the customer-facing display in English and Arabic; the end-of-day summary with its notices. Run by
render_screens.py after the till's own screens.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from dataclasses import replace
from datetime import date
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtWidgets import QApplication  # noqa: E402 (the platform must be chosen first)
from render_screens import PHONE, demo_terminal, open_window, save, sell, settle, wait_until  # noqa: E402

from pos_app.sandbox import Sandbox  # noqa: E402
from pos_app.services.manager import ManagerService  # noqa: E402
from pos_app.ui import i18n  # noqa: E402
from pos_app.ui.coupon_dialog import CouponDialog  # noqa: E402
from pos_app.ui.customer_display import CustomerDisplay  # noqa: E402
from pos_app.ui.main_window import MainWindow  # noqa: E402
from pos_app.ui.manager.end_of_day import EndOfDayDialog  # noqa: E402
from pos_app.ui.redeem_dialog import RedeemDialog  # noqa: E402
from pos_app.ui.worker import Worker  # noqa: E402

DISPLAY_SIZE = (800, 480)


def _modal(kind: type) -> object:
    wait_until(lambda: isinstance(QApplication.activeModalWidget(), kind))
    return QApplication.activeModalWidget()


def _display_shot(window: MainWindow, out: Path, name: str) -> None:
    display = CustomerDisplay(window.sale, "", window)
    display.resize(*DISPLAY_SIZE)
    display.show()
    window.sale.otp_needed.emit(500)  # as when Gameball texted the code: the prompt the customer reads
    settle(window)
    path = out / f"{name}.png"
    display.grab().save(str(path))
    print(f"wrote {path}")
    display.close()


def render_customer(out: Path) -> None:
    app = QApplication.instance() or QApplication(sys.argv)
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as data, Sandbox(port=0, demo=True) as sandbox:
        sandbox.state.seed_customer(PHONE, name="Amira Haddad", mobile=PHONE, tier="Gold", available=2400,
                                    pending=180, pending_days=7, expiring=300, expiring_days=20)
        runtime = demo_terminal(Path(data), sandbox, frequent_customer_limit=1)
        try:
            window = open_window(runtime)
            sell(window, PHONE, ["P-1004"] * 4)
            wait_until(lambda: window.sale.profile is not None and bool(window.sale.campaigns))
            save(window, out, "30-customer-tier-campaign")

            window.open_coupon()
            coupon = _modal(CouponDialog)
            coupon.code.setText("FREESHIP")
            coupon.apply_button.click()
            wait_until(lambda: coupon.apply_button.isEnabled())
            save(window, out, "31-coupon-refused", coupon)
            coupon.done(0)

            # The account's redemption rules, each with what it takes off this basket (or why not); one picked.
            wait_until(lambda: bool(window.sale.redemption_options))
            for name, language in (("36-redeem-rule", None), ("37-redeem-rule-arabic", "ar")):
                translators = i18n.install(app, language or "en")
                window.open_redeem()
                redeem = _modal(RedeemDialog)
                redeem.rule.setCurrentIndex(1)
                save(window, out, name, redeem)
                redeem.done(0)
                i18n.uninstall(app, translators)

            window.services.settings = replace(window.services.settings, otp_policy="always")
            window.open_redeem()
            redeem = _modal(RedeemDialog)
            redeem.value.setText("500")
            redeem.hold_button.click()
            wait_until(lambda: redeem.otp.isVisible())
            save(window, out, "32-redeem-otp", redeem)
            _display_shot(window, out, "33-customer-display")
            translators = i18n.install(app, "ar")
            _display_shot(window, out, "34-customer-display-arabic")
            i18n.uninstall(app, translators)
            redeem.done(0)

            # The end-of-day notices: an unproven redemption above the threshold and a customer on two sales.
            window.services.settings = replace(window.services.settings, otp_policy="never")
            window.sale.redeem(points=600)
            wait_until(lambda: window.sale.basket.redemption is not None)
            window.pay()
            wait_until(lambda: window.slip is not None)
            window.slip.done(0)
            sell(window, PHONE, ["P-1001"])
            window.pay()
            wait_until(lambda: window.slip is not None and window.slip.order_id is not None)
            window.slip.done(0)
            settle(window)
            worker = Worker()
            dialog = EndOfDayDialog(ManagerService.from_runtime(runtime), worker, window)
            dialog.day.setDate(date.today())
            dialog.show()
            wait_until(lambda: dialog.summary is not None and dialog.notices_table.rowCount() >= 2)
            save(window, out, "35-end-of-day-notices", dialog)
            dialog.done(0)
            worker.stop()
            window.shutdown()
            window.close()
        finally:
            runtime.stop()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=Path(__file__).resolve().parent.parent / "docs" / "screens")
    render_customer(parser.parse_args().out)


if __name__ == "__main__":
    main()
