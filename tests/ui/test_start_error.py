"""The window's start on a database a newer pos_app upgraded: a dialog saying so (the windowed exe has no console)."""

from PySide6.QtWidgets import QMessageBox

from pos_app.ui.start_error import show_database_too_new


def test_the_dialog_names_both_schema_versions_and_what_to_do(qapp, monkeypatch):
    shown = []
    monkeypatch.setattr(QMessageBox, "critical", lambda parent, title, text: shown.append((title, text)))
    show_database_too_new(5, 3)
    [(title, text)] = shown
    assert title == "pos_app cannot start"
    assert "schema 5; this version reads up to 3" in text and "Nothing was changed." in text
