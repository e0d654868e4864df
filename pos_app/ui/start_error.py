"""The window cannot start on this data directory: say why in a dialog (the windowed exe has no console)."""

from __future__ import annotations

import sys

from PySide6.QtCore import QCoreApplication, QLocale
from PySide6.QtWidgets import QApplication, QMessageBox

from pos_app.ui import i18n


def show_database_too_new(found: int, supported: int) -> None:
    """An older pos_app on a database a newer one has upgraded (a downgrade): nothing was changed."""
    app = QApplication.instance() or QApplication(sys.argv[:1])
    # The terminal's language setting is in the database this version cannot read: the system's language then.
    language = QLocale.system().name().split("_")[0]
    translators = i18n.install(app, language if language in i18n.LANGUAGES else "en")  # type: ignore[arg-type]
    try:
        QMessageBox.critical(
            None,
            QCoreApplication.translate("StartError", "pos_app cannot start"),
            QCoreApplication.translate(
                "StartError",
                "This terminal's database was written by a newer version of pos_app (schema {found}; this version "
                "reads up to {supported}).\n\nInstall that version, or a newer one, again. Nothing was changed.",
            ).format(found=found, supported=supported),
        )
    finally:
        i18n.uninstall(app, translators)  # type: ignore[arg-type]
