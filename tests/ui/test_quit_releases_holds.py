"""A logoff or shutdown ends the window's session with aboutToQuit, after which Windows may end the process
before exec() returns: the held points must be released by then (issue 18.9). Qt 6's quit() also closes the
windows first, which a session end does not wait for; so aboutToQuit is also emitted on its own here."""

import pytest
from PySide6.QtCore import QCoreApplication, QTimer
from PySide6.QtWidgets import QApplication
from till_helpers import PHONE

from pos_app.ui.main import run_window
from pos_app.ui.main_window import MainWindow


@pytest.mark.parametrize("session_end", [False, True], ids=["quit", "about_to_quit_alone"])
def test_quitting_the_application_releases_the_hold(qtbot, runtime, sandbox, session_end):
    app = QApplication.instance()
    seen = {}

    def at_quit():  # connected after run_window's own slot, so it sees what the session end left
        seen["holds"] = {ref: hold.state for ref, hold in sandbox.state.holds.items()}

    def cashier():
        window = next(w for w in app.topLevelWidgets() if isinstance(w, MainWindow))
        sale = window.sale
        qtbot.waitUntil(lambda: sale.status.online and len(sale.catalogue) > 0)
        sale.identify(PHONE)
        sale.add_code("P-1004")
        qtbot.waitUntil(lambda: sale.customer is not None)
        sale.redeem(points=100)
        qtbot.waitUntil(lambda: sale.basket.redemption is not None)
        seen["reference"] = sale.basket.redemption.hold_reference
        app.aboutToQuit.connect(at_quit)
        if session_end:
            app.aboutToQuit.emit()
            seen["at_session_end"] = seen.pop("holds")
        QCoreApplication.quit()

    QTimer.singleShot(0, cashier)
    try:
        run_window(runtime, demo=True)
    finally:
        app.aboutToQuit.disconnect(at_quit)
    assert seen["holds"] == {seen["reference"]: "released"}
    if session_end:
        assert seen["at_session_end"] == {seen["reference"]: "released"}
