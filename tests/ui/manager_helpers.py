"""Manager mode in the till window tests: attach it, unlock it with the PIN, and find its dialogs."""

import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from till_helpers import modal

from pos_app.config.pin import ManagerGuard
from pos_app.services.manager import ManagerService
from pos_app.store.store import Store
from pos_app.ui.manager import ManagerMode
from pos_app.ui.manager.panel import ManagerPanel
from pos_app.ui.manager.pin_dialog import PinDialog

PIN = "2468"


def attach(window, runtime, *, pin=PIN):
    """Manager mode as run_window attaches it, with the PIN set in the (memory) credential store."""
    if pin is not None:
        with Store.open_in(runtime.data_dir, terminal_id=runtime.settings.terminal_id) as store:
            ManagerGuard(store).set_pin(pin)
    return ManagerMode(window, ManagerService.from_runtime(runtime))


def pin_dialog(qtbot, window):
    if window.slip is not None:  # orders sold through the bridge's service open their slip
        window.slip.done(0)
    qtbot.waitUntil(lambda: window.isActiveWindow() and QApplication.activeModalWidget() is None)
    qtbot.keyClick(QApplication.focusWidget() or window, Qt.Key.Key_F10)
    qtbot.waitUntil(lambda: modal(PinDialog) is not None and not modal(PinDialog).busy)
    return modal(PinDialog)


def unlock(qtbot, window, pin=PIN):
    dialog = pin_dialog(qtbot, window)
    qtbot.keyClicks(dialog.pin, pin)
    qtbot.keyClick(dialog.pin, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: modal(ManagerPanel) is not None)
    return modal(ManagerPanel)


def task(qtbot, panel, key, kind):
    """Open one of the hub's tasks with its button and return its dialog."""
    panel.buttons[key].click()
    qtbot.waitUntil(lambda: isinstance(panel.task, kind) and panel.task.isVisible())
    return panel.task


def audit_actions(runtime):
    with Store.open_in(runtime.data_dir) as store:
        return [(e.action, e.terminal_id, e.detail) for e in store.audit_entries()]


def dispose(*objects):
    """Delete parentless Qt objects now, on the GUI thread: left to the garbage collector, they could be
    finalized on a sandbox or engine thread, and PySide would delete them from there later."""
    for made in objects:
        if hasattr(made, "close"):
            made.close()
        shiboken6.delete(made)
