"""WinVault's `pywintypes.error` (1312, no logon session) degrades to a message, never a traceback
(issue 18.5), and the self-test proves the store works by a round trip."""

import os
import subprocess
import sys
from pathlib import Path

import keyring
import pytest
from fake_winvault import FakeWinVault

from pos_app import cli
from pos_app.config import secrets
from pos_app.store.store import Store

HERE = Path(__file__).parent


@pytest.fixture
def dead_store(monkeypatch):
    previous = keyring.get_keyring()
    keyring.set_keyring(FakeWinVault())
    monkeypatch.delenv(secrets.ENV_API_KEY, raising=False)
    monkeypatch.delenv(secrets.ENV_BRIDGE_TOKEN, raising=False)
    yield
    keyring.set_keyring(previous)


def test_reading_degrades_and_writing_says_what_it_means(dead_store):
    assert secrets.load_credentials(env={}) is None
    with pytest.raises(secrets.NoSecureKeyring, match="no logon session"):
        secrets.store_credentials("api-key-1", "secret-key-1")
    with pytest.raises(secrets.CredentialStoreUnavailable, match=secrets.ENV_API_KEY):
        secrets.rotate_bridge_token()


def test_config_show_and_set_keys_explain_instead_of_a_traceback(dead_store, tmp_path, monkeypatch, capsys):
    assert cli.main(["config", "show", "--data-dir", str(tmp_path)]) == 0
    assert "keys: unknown: the credential store cannot be used (no logon session" in capsys.readouterr().out
    monkeypatch.setattr("sys.stdin", __import__("io").StringIO("api-key-1\nsecret-key-1\n"))
    assert cli.main(["config", "set-keys", "--reason=test", "--data-dir", str(tmp_path)]) == 2
    assert "no logon session" in capsys.readouterr().err


def test_an_unreadable_store_does_not_open_pin_guarded_reports(dead_store, tmp_path, capsys):
    Store.open_in(tmp_path).close()
    assert cli.main(["report", "day", "--data-dir", str(tmp_path)]) == 1
    assert "no logon session" in capsys.readouterr().err


def test_self_test_round_trips_a_dummy_credential(memory_keyring, tmp_path, capsys):
    assert cli.main(["--self-test", "--data-dir", str(tmp_path)]) == 0
    assert "stored, read and deleted a test entry" in capsys.readouterr().out
    assert memory_keyring.values == {}


def test_self_test_names_a_dead_store(dead_store, tmp_path, capsys):
    cli.main(["--self-test", "--data-dir", str(tmp_path)])
    assert "WARN credential store: CredentialStoreUnavailable: the credential store cannot be used (no logon " \
           "session" in capsys.readouterr().out


def test_headless_without_a_logon_session_exits_with_the_reason(tmp_path):
    env = {**os.environ, "PYTHON_KEYRING_BACKEND": "fake_winvault.FakeWinVault",
           "PYTHONPATH": os.pathsep.join([str(HERE), os.environ.get("PYTHONPATH", "")])}
    for name in (secrets.ENV_API_KEY, secrets.ENV_SECRET_KEY, secrets.ENV_BRIDGE_TOKEN):
        env.pop(name, None)
    done = subprocess.run([sys.executable, "-m", "pos_app", "--headless", "--data-dir", str(tmp_path)], env=env,
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 2
    assert "no logon session" in done.stdout + done.stderr
    assert "Traceback" not in done.stderr
