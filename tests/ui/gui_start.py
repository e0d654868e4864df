"""`pos-app` started the way pos-app-gui.exe starts it: no standard output or error at all (run as a script).

    python tests/ui/gui_start.py [pos-app arguments]

Qt runs offscreen; a message box is written to this script's own output (a duplicate of the real stdout kept
before the streams are taken away) instead of waiting for a click, as `BOX <title>: <text, its lines joined by ' | '>`.
"""

from __future__ import annotations

import os
import sys

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtWidgets import QMessageBox  # noqa: E402 (the platform must be chosen first)

report = os.fdopen(os.dup(1), "w", buffering=1)


def box(parent, title, text, *args, **kwargs):
    report.write(f"BOX {title}: {' | '.join(line for line in text.splitlines() if line)}\n")
    return QMessageBox.StandardButton.Ok


QMessageBox.critical = staticmethod(box)
sys.stdout = sys.stderr = None  # what a windowed PyInstaller build gives the program

from pos_app import cli  # noqa: E402

sys.exit(cli.main(sys.argv[1:]))
