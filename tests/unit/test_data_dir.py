"""The per-machine install's one data directory, and the move of a user's existing one into it (issue 16)."""

import os
import sys

import platformdirs
import pytest

from pos_app.config import paths
from pos_app.store.store import Store


@pytest.fixture
def terminal(tmp_path, monkeypatch):
    """A monkeypatched platform: where platformdirs puts per-user and machine data, and the executable's folder."""
    user, machine, exe_dir = tmp_path / "Users" / "cashier 1" / "pos-app", tmp_path / "ProgramData" / "pos-app", \
        tmp_path / "Program Files" / "pos-app"
    exe_dir.mkdir(parents=True)
    monkeypatch.setattr(sys, "executable", str(exe_dir / "pos-app.exe"))
    monkeypatch.setattr(platformdirs, "user_data_dir", lambda *a, **k: str(user))
    monkeypatch.setattr(platformdirs, "site_data_dir", lambda *a, **k: str(machine))
    return user, machine, exe_dir


def machine_install(exe_dir):
    (exe_dir / paths.MACHINE_MARKER).write_text("written by the installer")


def per_user_data(user, terminal_id="T7"):
    with Store.open_in(user) as store:
        store.set_setting("terminal_id", terminal_id)
    (user / "logs").mkdir(exist_ok=True)
    (user / "logs" / "pos-app.log").write_text("old log\n")
    (user / "demo").mkdir()
    (user / "demo" / "marker").write_text("demo data")


def terminal_id(data_dir):
    with Store.open_in(data_dir) as store:
        return store.get_setting("terminal_id")


def test_a_development_run_keeps_per_user_data(terminal):
    user, machine, _ = terminal
    assert paths.resolve_data_dir() == user and not machine.exists()


def test_the_machine_install_moves_the_users_data_in_once(terminal):
    user, machine, exe_dir = terminal
    per_user_data(user)
    machine.mkdir(parents=True)  # the installer creates it, empty
    machine_install(exe_dir)

    assert paths.resolve_data_dir() == machine
    assert terminal_id(machine) == "T7"
    assert (machine / "logs" / "pos-app.log").read_text() == "old log\n"
    assert not (machine / "demo").exists()  # demo data is never mixed in
    assert not user.exists() and sorted(p.name for p in user.parent.iterdir()) == []
    assert paths.resolve_data_dir() == machine  # the second start finds nothing more to move
    assert terminal_id(machine) == "T7"


def test_an_interrupted_move_resumes_without_losing_or_duplicating(terminal, monkeypatch):
    user, machine, exe_dir = terminal
    per_user_data(user)
    machine_install(exe_dir)
    real_replace = os.replace
    calls = []

    def crash_on_second_rename(src, dst):  # 1: the per-user directory aside; 2: the first entry moved up
        calls.append(src)
        if len(calls) == 2:
            raise OSError("power cut")
        real_replace(src, dst)

    monkeypatch.setattr(os, "replace", crash_on_second_rename)
    with pytest.raises(OSError, match="power cut"):
        paths.resolve_data_dir()
    monkeypatch.setattr(os, "replace", real_replace)
    assert not user.exists()  # the per-user copy is no longer live: only the staged one is

    assert paths.resolve_data_dir() == machine
    assert terminal_id(machine) == "T7"
    assert not (machine / ".moving").exists() and list(user.parent.iterdir()) == []


def test_a_second_users_old_queue_is_not_merged(terminal, caplog):
    user, machine, exe_dir = terminal
    with Store.open_in(machine) as store:  # the terminal's queue, from the first user
        store.set_setting("terminal_id", "T1")
    per_user_data(user, terminal_id="T2")
    machine_install(exe_dir)

    assert paths.resolve_data_dir() == machine
    assert terminal_id(machine) == "T1" and terminal_id(user) == "T2"
    assert "is not moved" in caplog.text
    assert paths.left_user_data_dirs(machine) == [user]  # and sent from there (tests/integration/test_left_queues.py)


def test_only_the_machine_install_looks_for_per_user_queues(terminal, tmp_path):
    user, machine, exe_dir = terminal
    per_user_data(user)
    assert paths.left_user_data_dirs(machine) == []  # a development run: the per-user directory is its own data
    machine_install(exe_dir)
    assert paths.left_user_data_dirs(tmp_path / "elsewhere") == []  # --data-dir: IT chose one directory
    assert paths.left_user_data_dirs(machine) == [user]


def test_other_profiles_beside_this_one_are_found_by_the_same_relative_path(tmp_path, monkeypatch):
    profiles = tmp_path / "Users"
    mine = profiles / "cashier 1" / "AppData" / "Local" / "pos-app"
    other = profiles / "café 2" / "AppData" / "Local" / "pos-app"  # a non-ASCII user name
    private = profiles / "cashier 3" / "AppData" / "Local" / "pos-app"
    for directory in (mine, other, private, profiles / "Public" / "AppData" / "Local"):
        directory.mkdir(parents=True)
    (profiles / "desktop.ini").write_text("a file among the profiles")
    real_scandir = os.scandir

    def scandir(path):  # a profile this account may not open (tests run as root here, so modes would not tell)
        if str(path).startswith(str(profiles / "cashier 3")):
            raise PermissionError(13, "Access is denied", str(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    assert paths.other_profiles_data_dirs(profiles / "cashier 1", mine) == [other]
    assert paths.other_profiles_data_dirs(tmp_path / "gone" / "me", tmp_path / "gone" / "me" / "x") == []
