"""Where the terminal keeps its database, logs and lock: platformdirs, overridable with --data-dir.

A development run (or any run without the installer's marker next to its executable) keeps per-user data
(`%LOCALAPPDATA%\\pos-app`). The per-machine install keeps one machine-wide data directory
(`%ProgramData%\\pos-app`, created by the installer for the terminal's users and administrators), so a terminal
has one queue whoever is logged in; on first start it takes over the current user's per-user directory.
"""

from __future__ import annotations

import logging
import os
import shutil
import sys
from pathlib import Path

import platformdirs

from pos_app import private_files

log = logging.getLogger(__name__)

APP_NAME = "pos-app"
# Written by the installer next to pos-app.exe (installer/pos_app.nsi): this is the per-machine install.
MACHINE_MARKER = "pos-app-machine-install"
_DEMO = "demo"  # demo data is disposable and never mixes with a queue: it is not moved
_STAGING = ".moving"  # inside the machine directory while a per-user directory is copied in
_MOVED_SUFFIX = ".moved-to-machine"  # the per-user directory once its copy is complete


def machine_install() -> bool:
    return (Path(sys.executable).resolve().parent / MACHINE_MARKER).is_file()


def user_data_dir() -> Path:
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def machine_data_dir() -> Path:
    return Path(platformdirs.site_data_dir(APP_NAME, appauthor=False))


def default_data_dir() -> Path:
    return machine_data_dir() if machine_install() else user_data_dir()


def resolve_data_dir(override: str | Path | None = None) -> Path:
    """The data directory, created (0700) if missing. The override wins (IT, tests, several test instances)."""
    if override:
        path = Path(override).expanduser().resolve()
    elif machine_install():
        path = machine_data_dir()
        adopt_user_data(user_data_dir(), path)
    else:
        path = user_data_dir()
    return private_files.make_directory(path)


def _in_use(machine: Path) -> bool:
    return machine.is_dir() and any(p.name not in {_DEMO, _STAGING} for p in machine.iterdir())


def adopt_user_data(user: Path, machine: Path) -> bool:
    """Move a per-user data directory into the empty machine-wide one; True if it did.

    Copied, not renamed, so every file takes the machine directory's permissions (a rename would keep the
    user's own). Crash-safe in three steps, each resumed at the next start: copy into machine/.moving (an
    incomplete copy is made again); rename the per-user directory aside, the moment the copy becomes the data;
    move the copy's entries up (renames in one folder) and delete the renamed per-user directory. At no time
    are two live copies visible, and the data is never only half anywhere.
    A machine directory already in use is never merged into: a second user's old queue stays where it is.
    """
    moved = user.with_name(user.name + _MOVED_SUFFIX)
    staging = machine / _STAGING
    if not moved.exists():
        if not user.is_dir():
            return False
        if _in_use(machine):
            if any(p.name != _DEMO for p in user.iterdir()):
                log.warning("per-user data in %s is not moved: %s already holds this terminal's data; what it "
                            "still queues is sent from there (left_user_data_dirs)", user, machine)
            return False
        shutil.rmtree(staging, ignore_errors=True)  # an earlier, interrupted copy
        shutil.copytree(user, staging, ignore=lambda folder, names: [_DEMO] if Path(folder) == user else [])
        _sync_tree(staging)
        os.replace(user, moved)
    if staging.is_dir():
        for entry in list(staging.iterdir()):
            os.replace(entry, machine / entry.name)
        staging.rmdir()
    shutil.rmtree(moved)
    log.info("per-user data moved from %s to the machine-wide %s", user, machine)
    return True


def left_user_data_dirs(data_dir: Path) -> list[Path]:
    """Per-user data directories a per-machine install may find a previous user's queue in, to send it from there
    (pos_app.sync.left_queues): the current account's, and on Windows every other profile's this account may use.
    Empty unless `data_dir` is the per-machine install's machine-wide directory."""
    if not machine_install() or not _same_path(data_dir, machine_data_dir()):
        return []
    mine = user_data_dir()
    found = [mine] if _usable(mine) else []
    if sys.platform == "win32":
        found += other_profiles_data_dirs(Path.home(), mine)
    return found


def other_profiles_data_dirs(home: Path, mine: Path) -> list[Path]:
    """The other profiles' `AppData\\Local\\pos-app` beside this one (`C:\\Users\\*`) that this account may read and
    write: an administrator's or LocalSystem's may; a cashier's account may not, and each such queue is sent when
    its own user next starts the till (README: Install on store terminals)."""
    relative = mine.relative_to(home)
    try:
        profiles = sorted(home.parent.iterdir())
    except OSError as error:
        log.info("other users' data directories not looked at: %s", error)
        return []
    return [profile / relative for profile in profiles
            if not _same_path(profile, home) and _usable(profile / relative)]


def _same_path(a: Path, b: Path) -> bool:
    return os.path.normcase(str(a.resolve())) == os.path.normcase(str(b.resolve()))


def _usable(directory: Path) -> bool:
    """Listed for real: on Windows os.access ignores ACLs, and traverse rights can show a profile's folder that
    this account may not open."""
    try:
        with os.scandir(directory):
            pass
        return os.access(directory, os.R_OK | os.W_OK | os.X_OK)
    except OSError:  # missing, not a folder, or another user's profile
        return False


def _sync_tree(root: Path) -> None:
    """fsync every copied file, so the rename that follows never makes a copy live that is not on disk."""
    for folder, _, files in os.walk(root):
        for name in files:
            with open(Path(folder) / name, "rb+") as handle:
                os.fsync(handle.fileno())


def log_dir(data_dir: Path) -> Path:
    return private_files.make_directory(data_dir / "logs")
