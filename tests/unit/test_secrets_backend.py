"""The credential store the app pins: the platform's own, unless a backend was chosen on purpose."""

import sys

import keyring
import pytest

from pos_app.config import secrets


@pytest.mark.parametrize("platform", ["win32", "darwin"])
def test_an_installed_backend_is_kept_on_every_os(memory_keyring, monkeypatch, platform):
    monkeypatch.setattr(sys, "platform", platform)
    assert secrets.choose_backend() is memory_keyring
    secrets.store_credentials("key", "secret")
    assert memory_keyring.values[(secrets.SERVICE, secrets.API_KEY)] == "key"


def test_keyrings_environment_variable_is_kept_too(memory_keyring, monkeypatch):
    # A child process started by a test has no installed backend, only PYTHON_KEYRING_BACKEND.
    previous = secrets.install_backend(None)
    try:
        monkeypatch.setattr(sys, "platform", "win32")
        assert secrets.choose_backend() is keyring.get_keyring() is memory_keyring
    finally:
        secrets.install_backend(previous)


def test_without_a_choice_the_platform_store_is_pinned(monkeypatch):
    from keyring.backends.macOS import Keyring as MacKeyring

    previous = secrets.install_backend(None)
    monkeypatch.delenv(secrets.ENV_KEYRING_BACKEND)
    monkeypatch.setattr(sys, "platform", "darwin")
    # Nothing is read or written: the pinned backend is only looked at, then the test's store goes back.
    monkeypatch.setattr(keyring, "set_keyring", lambda backend: chosen.append(backend))
    chosen = []
    try:
        secrets.choose_backend()
        assert [type(b) for b in chosen] == [MacKeyring]
    finally:
        secrets.install_backend(previous)
