import os

import keyring
import pytest
from keyring.backend import KeyringBackend

# Must be set before any QApplication exists (FIELD-NOTES: Qt).
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


class MemoryKeyring(KeyringBackend):
    """A secure-looking in-memory credential store (headless Linux has none; FIELD-NOTES: keyring)."""

    priority = 1

    def __init__(self):
        super().__init__()
        self.values = {}

    def get_password(self, service, username):
        return self.values.get((service, username))

    def set_password(self, service, username, password):
        self.values[(service, username)] = password

    def delete_password(self, service, username):
        self.values.pop((service, username), None)


@pytest.fixture
def memory_keyring():
    previous = keyring.get_keyring()
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    yield backend
    keyring.set_keyring(previous)


@pytest.fixture(autouse=True)
def no_windows_credential_manager(request, monkeypatch):
    """On Windows the app pins keyring's WinVault backend (secrets.choose_backend): in tests it must not reach the
    runner's Credential Manager, so every test there gets the in-memory store (its own, if it asked for one)."""
    if os.name != "nt":
        yield
        return
    from pos_app.config import secrets

    backend = request.getfixturevalue("memory_keyring")
    monkeypatch.setattr(secrets, "choose_backend", keyring.get_keyring)
    yield backend
