"""`pos-app` (run_gui) without its window: the wizard comes first on a terminal without keys, and a
manager's "Restart now" builds the terminal again with the saved settings."""

import logging
import socket

import pytest

from pos_app import cli
from pos_app.config import secrets
from pos_app.runtime import load_settings
from pos_app.store.store import Store
from pos_app.ui.main import RESTART_EXIT_CODE


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def restore_logging():
    yield
    root = logging.getLogger()
    for handler in [h for h in root.handlers if getattr(h, "_pos_app", False)]:
        root.removeHandler(handler)
        handler.close()
    root.setLevel(logging.WARNING)


def test_first_run_shows_the_wizard_and_a_restart_builds_the_terminal_again(tmp_path, memory_keyring, monkeypatch,
                                                                            restore_logging):
    import pos_app.ui.main as ui_main

    setups, windows = [], []

    def fake_setup(service, crash_reporter):
        setups.append(service.settings.terminal_id)
        secrets.store_credentials("api-key-entered", "secret-key-entered")
        with Store.open_in(service.data_dir) as store:
            store.set_setting("terminal_id", "T5")

    def fake_window(services, manager, crash_reporter, demo=False):
        runtime = manager._use_credentials.__self__  # the terminal run_gui built, as its manager mode holds it
        windows.append((runtime.settings.terminal_id, runtime.keys[0] is not None, runtime.bridge is not None))
        if len(windows) == 1:
            with Store.open_in(runtime.data_dir) as store:  # what the settings dialog saved
                store.set_setting("branch_name", "Heliopolis")
            return RESTART_EXIT_CODE
        assert runtime.settings.branch_name == "Heliopolis"
        return 0

    monkeypatch.setattr(ui_main, "run_setup", fake_setup)
    monkeypatch.setattr(ui_main, "run_window", fake_window)
    monkeypatch.delenv(secrets.ENV_API_KEY, raising=False)
    monkeypatch.delenv(secrets.ENV_BRIDGE_TOKEN, raising=False)
    args = ["--data-dir", str(tmp_path), "--bridge-port", str(free_port()), "--log-level", "WARNING"]
    assert cli.main(args) == 0
    assert setups == [""]  # no default terminal id: the wizard asks for one
    assert windows == [("T5", True, True), ("T5", True, True)]
    assert load_settings(tmp_path).branch_name == "Heliopolis"

    setups.clear()
    windows.clear()
    monkeypatch.setattr(ui_main, "run_window", lambda *_, demo=False: windows.append(1) or 0)
    assert cli.main(args) == 0
    assert setups == [] and windows == [1]  # keys stored: no wizard the second time
