"""A till window (run_window, as `pos-app` runs it) whose session ends mid-sale with a points hold (a script).

    python tests/ui/quit_mid_sale.py DATA_DIR API_BASE quit|session-end

It identifies the test customer, redeems 100 points and prints the hold reference. Then `quit` quits the
application (QCoreApplication.quit) and lets run_window return; `session-end` emits aboutToQuit, as Qt does
when Windows ends the session, and ends the process at once with os._exit, as Windows may before exec()
returns. Either way nothing but the shutdown connected to aboutToQuit or run in run_window releases the hold.
"""

from __future__ import annotations

import os
import sys
from functools import partial

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from hold_then_die import hold_mid_sale, started_terminal  # noqa: E402
from PySide6.QtCore import QCoreApplication, QTimer  # noqa: E402 (the platform must be chosen first)
from PySide6.QtWidgets import QApplication  # noqa: E402

from pos_app.crash import CrashReporter  # noqa: E402
from pos_app.ui.main import run_window  # noqa: E402
from pos_app.ui.main_window import MainWindow  # noqa: E402


def main(data_dir: str, api_base: str, mode: str) -> None:
    app = QApplication(sys.argv[:1])
    runtime = started_terminal(data_dir, api_base)

    def cashier() -> None:
        hold_mid_sale(next(w for w in app.topLevelWidgets() if isinstance(w, MainWindow)))
        if mode == "session-end":
            app.aboutToQuit.emit()
            os._exit(0)
        QCoreApplication.quit()

    QTimer.singleShot(0, cashier)
    try:
        run_window(runtime.till_services(demo=True), runtime.manager_service(demo=True),
                   partial(CrashReporter, runtime.data_dir), demo=True)
    finally:
        runtime.stop()


if __name__ == "__main__":
    main(*sys.argv[1:4])
