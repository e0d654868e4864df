"""The cashier's language: Qt translators from resources/translations and the layout direction.

Strings are marked with `self.tr()` in the widgets; `scripts/update_translations.py` extracts them into
`pos_app_<lang>.ts` (pyside6-lupdate) and compiles the `.qm` files the app loads (pyside6-lrelease).
Arabic also mirrors the whole layout (right to left) and loads Qt's own Arabic strings (dialog buttons).
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, Qt, QTranslator
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication

from pos_app.resources import resource_path

log = logging.getLogger(__name__)

LANGUAGES = ("en", "ar")
RIGHT_TO_LEFT = frozenset({"ar"})


def translations_dir() -> str:
    return str(resource_path("translations"))


def install(app: QApplication, language: str) -> list[QTranslator]:
    """Load the language's translations into `app` and set its layout direction.

    Returns the translators, which must be kept alive (and are removed again by `uninstall`).
    English is the source language; its translator only holds the plural forms ("1 try", "2 tries").
    """
    if language not in LANGUAGES:
        log.warning("language %r is not available; English is used", language)
        language = "en"
    installed: list[QTranslator] = []
    ours = QTranslator(app)
    if ours.load(f"pos_app_{language}", translations_dir()):
        installed.append(ours)
    else:
        log.warning("translations for %r not found in %s; English is used", language, translations_dir())
    if language != "en":
        qt_own = QTranslator(app)
        if qt_own.load(f"qtbase_{language}", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
            installed.append(qt_own)
    for translator in installed:
        QCoreApplication.installTranslator(translator)
    QLocale.setDefault(QLocale(language))
    direction = Qt.LayoutDirection.RightToLeft if language in RIGHT_TO_LEFT else Qt.LayoutDirection.LeftToRight
    app.setLayoutDirection(direction)
    return installed


def uninstall(app: QApplication, translators: list[QTranslator]) -> None:
    """Back to English, left to right (tests switch languages within one QApplication)."""
    for translator in translators:
        QCoreApplication.removeTranslator(translator)
    QLocale.setDefault(QLocale("en"))
    app.setLayoutDirection(Qt.LayoutDirection.LeftToRight)


def ltr(text: str) -> str:
    """`text` kept left to right inside a right-to-left sentence: phone numbers, IDs, money, dates.

    Without the Unicode isolates the bidi algorithm moves a leading "+" or a trailing currency code
    to the wrong end ("+2010..." shows as "2010...+"). In a left-to-right layout the text is returned
    as it is.
    """
    if QGuiApplication.layoutDirection() == Qt.LayoutDirection.RightToLeft:
        return f"\u2066{text}\u2069"
    return text
