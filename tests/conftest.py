import os

import keyring.core
import pytest
from keyring.backend import KeyringBackend
from pytestqt.qtbot import QtBot

from pos_app.config import secrets

# Must be set before any QApplication exists (FIELD-NOTES: Qt).
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# No test may reach the developer's real credential store: child processes (the CLI, the kill tests) get
# keyring's "no store" backend, which choose_backend respects; this process gets memory_keyring below.
os.environ[secrets.ENV_KEYRING_BACKEND] = "keyring.backends.fail.Keyring"


# pytest-qt waits 5 s by default; a CI runner's two cores, busy with the rest of the suite, have taken longer than
# that for a round trip through the till's worker and the sandbox. A wait that is met returns at once, so a longer
# default only slows a test that fails anyway; a test about speed passes its own timeout.
_wait_until = QtBot.waitUntil


def _patient_wait_until(self, callback, *, timeout=15_000):
    return _wait_until(self, callback, timeout=timeout)


QtBot.waitUntil = _patient_wait_until


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


def pytest_addoption(parser):
    # The kill test's (tests/reliability/test_kills.py); declared here so that any pytest command line takes them.
    parser.addoption("--kills", type=int, default=None,
                     help="SIGKILLs in the kill test (default: $POS_APP_KILLS, else 50)")
    parser.addoption("--seed", type=int, default=None,
                     help="replay the kill test's random schedule (default: $POS_APP_KILL_SEED, else a new seed)")


def pytest_configure(config):
    config.addinivalue_line("markers", "real_keyring: the test uses the OS credential store on purpose")


@pytest.fixture(autouse=True)
def memory_keyring(request, monkeypatch):
    """Every test gets an empty in-memory credential store, installed so that choose_backend keeps it.
    A test marked `real_keyring` gets the OS store instead, and must clean up after itself."""
    if request.node.get_closest_marker("real_keyring"):
        monkeypatch.delenv(secrets.ENV_KEYRING_BACKEND)
        previous = secrets.install_backend(None)
        keyring.core.init_backend()
        yield None
        secrets.install_backend(previous)
        return
    backend = MemoryKeyring()
    previous = secrets.install_backend(backend)
    yield backend
    secrets.install_backend(previous)


@pytest.fixture(scope="session", autouse=True)
def gui_thread_gc(qapp):
    """Garbage collection on the GUI thread only, as the app does (pos_app.ui.gc_guard): collected on a worker
    thread, a cycle holding a finished test's dialog deleted Qt objects there and crashed the run."""
    from pos_app.ui.gc_guard import GuiThreadGarbageCollector

    collector = GuiThreadGarbageCollector(qapp)
    yield collector
    collector.stop()


@pytest.fixture(autouse=True)
def _collect_between_tests(gui_thread_gc):
    yield
    gui_thread_gc.check()
